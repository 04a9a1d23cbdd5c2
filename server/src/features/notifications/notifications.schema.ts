// Order.notifications and resendNotification: what the outbox told whom about an order, for the shop's
// staff (visibleNotifications), and a way to send a failed one again. The payload (a code, among others)
// is never exposed: staff see what kind went to whom, and how it went.
import { NotificationKind, NotificationStatus } from '@posy/prisma';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { visibleNotifications } from '../common/access.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { OrderRef } from '../orders/orders.schema.js';
import { resendNotification } from './notification-resend.service.js';
import { NotificationCodeExpired, NotificationNotResendable } from './notifications.errors.js';

export const NotificationKindEnum = builder.enumType(NotificationKind, { name: 'NotificationKind' });
export const NotificationStatusEnum = builder.enumType(NotificationStatus, { name: 'NotificationStatus' });
const NotificationRecipientRoleEnum = builder.enumType('NotificationRecipientRole', {
  description: 'Whom a notification about an order went to, as the order sees them.',
  values: ['CUSTOMER', 'RECIPIENT', 'COURIER', 'FLORIST'] as const,
});
const NotResendableReasonEnum = builder.enumType('NotificationNotResendableReason', {
  values: ['NOT_FAILED', 'BOT_BLOCKED', 'NO_TELEGRAM'] as const,
});

/** The role is in the payload of the kinds sent to staff or the recipient; every other one goes to the customer. */
function recipientRole(kind: NotificationKind, payload: unknown) {
  const p = (payload ?? {}) as { role?: unknown; audience?: unknown };
  if (kind === 'ORDER_ASSIGNED') return p.role === 'FLORIST' ? 'FLORIST' : 'COURIER';
  if (kind === 'HANDOVER_CODE' && p.audience === 'RECIPIENT') return 'RECIPIENT';
  return 'CUSTOMER';
}

export const NotificationRef = builder.prismaObject('Notification', {
  select: { id: true },
  description: 'A Telegram message the shop’s outbox queued about an order.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: NotificationKindEnum }),
    recipient: t.relation('user', { description: 'Who it was written to.' }),
    recipientRole: t.field({
      type: NotificationRecipientRoleEnum,
      // The payload is read for the role only; it never leaves the server.
      select: { kind: true, payload: true },
      resolve: (n) => recipientRole(n.kind, n.payload),
    }),
    status: t.expose('status', { type: NotificationStatusEnum }),
    attempts: t.exposeInt('attempts', { description: 'Tries since it was queued (or last sent again).' }),
    lastError: t.exposeString('lastError', { nullable: true }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectFields(OrderRef, (t) => ({
  notifications: t.relation('notifications', {
    description:
      'What the outbox told whom about the order, oldest first: for the shop’s admins, managers and ' +
      'florists, and orders:read keys.',
    ...visibleNotifications.guard,
    query: (_args, ctx: Context) => ({
      where: visibleNotifications.nested(ctx),
      orderBy: { createdAt: 'asc' },
    }),
  }),
}));

builder.objectType(NotificationNotResendable, {
  name: 'NotificationNotResendable',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    status: t.expose('status', { type: NotificationStatusEnum }),
    reason: t.expose('reason', { type: NotResendableReasonEnum }),
  }),
});

builder.objectType(NotificationCodeExpired, {
  name: 'NotificationCodeExpired',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ kind: t.expose('kind', { type: NotificationKindEnum }) }),
});

builder.mutationField('resendNotification', (t) =>
  t.prismaField({
    type: 'Notification',
    description:
      'Sends a FAILED or SKIPPED notification once more (by the shop’s admins and managers): it is queued ' +
      'again, its tries counted afresh.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    errors: { types: [NotificationNotResendable, NotificationCodeExpired] },
    args: { id: t.arg.id({ required: true, validate: z.uuid('Not a notification id') }) },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await resendNotification(ctx, String(args.id));
      return ctx.prisma.notification.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
