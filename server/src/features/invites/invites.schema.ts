import { z } from 'zod';
import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { RoleEnum } from '../users/users.schema.js';
import { AlreadyStaff, InviteExpired, InviteUsed } from './invites.errors.js';
import {
  acceptInvite,
  type CreatedInvite,
  createInvite,
  type InviteState,
  listInvites,
  previewInvite,
  revokeInvite,
} from './invites.service.js';

const InviteRef = builder.prismaNode('Invite', {
  select: { id: true },
  id: { field: 'id' },
  // Reachable by id only inside the active shop, and only by those who manage its staff.
  findUnique: (id, ctx) => ({ id, shopId: ctx.shopId ?? '' }),
  authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
  nullable: true,
  fields: (t) => ({
    role: t.expose('role', { type: RoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    createdBy: t.relation('createdBy', { nullable: true }),
    acceptedBy: t.relation('acceptedBy', { nullable: true }),
  }),
});

const CreatedInviteRef = builder.objectRef<CreatedInvite>('CreatedInvite').implement({
  description: 'A new invite. The links hold its secret and are shown only now: share one of them.',
  fields: (t) => ({
    invite: t.prismaField({
      type: InviteRef,
      resolve: (query, created, _args, ctx) =>
        ctx.prisma.invite.findUniqueOrThrow({ ...query, where: { id: created.inviteId } }),
    }),
    telegramUrl: t.exposeString('telegramUrl', { description: 'Opens the Mini App in Telegram.' }),
    webUrl: t.exposeString('webUrl', { description: 'Opens the web app (PWA) outside Telegram.' }),
  }),
});

const InviteStateEnum = builder.enumType('InviteState', {
  values: ['OPEN', 'USED', 'EXPIRED', 'REVOKED'] as const satisfies readonly InviteState[],
});

const InvitePreviewRef = builder
  .objectRef<Awaited<ReturnType<typeof previewInvite>> & object>('InvitePreview')
  .implement({
    description: 'What an invite link offers, shown before accepting it.',
    fields: (t) => ({
      shopName: t.exposeString('shopName'),
      role: t.expose('role', { type: RoleEnum }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      state: t.expose('state', { type: InviteStateEnum }),
    }),
  });

const inviteToken = () => z.string().regex(/^[\w-]{16,64}$/, 'This is not an invite token');

builder.queryField('invitePreview', (t) =>
  t.field({
    type: InvitePreviewRef,
    nullable: true,
    description:
      'The shop and role an invite token offers, and whether it can still be used; null if unknown.',
    args: { token: t.arg.string({ validate: inviteToken() }) },
    resolve: (_root, args, ctx) => previewInvite(ctx, args.token),
  }),
);

builder.queryField('invites', (t) =>
  t.prismaField({
    type: [InviteRef],
    description: 'Invites of the active shop, newest first.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    args: { includeClosed: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, _root, args, ctx) => listInvites(ctx, { includeClosed: args.includeClosed }, query),
  }),
);

builder.mutationField('createInvite', (t) =>
  t.field({
    type: CreatedInviteRef,
    description:
      'Invites someone to the active shop’s staff. Admins invite any role; managers all but ADMIN.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    args: { role: t.arg({ type: RoleEnum }) },
    resolve: (_root, args, ctx) => createInvite(ctx, args.role),
  }),
);

builder.mutationField('revokeInvite', (t) =>
  t.prismaField({
    type: InviteRef,
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    args: { id: t.arg.globalID({ for: InviteRef }) },
    resolve: (query, _root, args, ctx) => revokeInvite(ctx, args.id.id, query),
  }),
);

builder.objectType(InviteUsed, {
  name: 'InviteUsed',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ usedAt: t.expose('usedAt', { type: 'DateTime' }) }),
});

builder.objectType(InviteExpired, {
  name: 'InviteExpired',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ expiresAt: t.expose('expiresAt', { type: 'DateTime' }) }),
});

builder.objectType(AlreadyStaff, {
  name: 'AlreadyStaff',
  description: 'The signed-in person already works in the invite’s shop; the invite stays open.',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ role: t.expose('role', { type: RoleEnum, description: 'Their role there now.' }) }),
});

builder.mutationField('acceptInvite', (t) =>
  t.prismaField({
    type: 'Membership',
    description: 'Joins the shop of an invite (the token from its link) with the invited role.',
    authScopes: { user: true },
    errors: { types: [InviteUsed, InviteExpired, AlreadyStaff], directResult: true },
    args: {
      token: t.arg.string({ validate: inviteToken() }),
    },
    resolve: (query, _root, args, ctx) => acceptInvite(ctx, args.token, query),
  }),
);
