import { z } from 'zod';
import { builder } from '../../builder.js';
import { requireShop } from '../../context.js';
import { RoleEnum } from '../users/users.schema.js';
import { changeStaffRole, removeStaffMember } from './staff.service.js';

builder.queryField('staff', (t) =>
  t.prismaField({
    type: ['Membership'],
    description: 'The active shop’s staff and their roles. Admins and managers.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.membership.findMany({
        ...query,
        where: { shopId: requireShop(ctx), revokedAt: null },
        orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
      }),
  }),
);

builder.mutationField('changeStaffRole', (t) =>
  t.prismaField({
    type: 'Membership',
    description: 'Gives a staff member another role. Admins only; the last admin cannot step down.',
    authScopes: { shopRole: ['ADMIN'] },
    args: {
      membershipId: t.arg.id({ validate: z.uuid('Not a membership id') }),
      role: t.arg({ type: RoleEnum }),
    },
    resolve: async (query, _root, args, ctx) => {
      const member = await changeStaffRole(ctx, String(args.membershipId), args.role);
      return ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id: member.id } });
    },
  }),
);

builder.mutationField('removeStaffMember', (t) =>
  t.prismaField({
    type: 'Membership',
    description: 'Removes someone from the active shop’s staff. Admins only; the last admin stays.',
    authScopes: { shopRole: ['ADMIN'] },
    args: { membershipId: t.arg.id({ validate: z.uuid('Not a membership id') }) },
    resolve: async (query, _root, args, ctx) => {
      const member = await removeStaffMember(ctx, String(args.membershipId));
      return ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id: member.id } });
    },
  }),
);
