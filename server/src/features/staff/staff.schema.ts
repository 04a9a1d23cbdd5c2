import { z } from 'zod';
import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { RoleEnum } from '../users/users.schema.js';
import { LastAdmin } from './staff.errors.js';
import { changeStaffRole, listStaff, removeStaffMember } from './staff.service.js';

builder.objectType(LastAdmin, {
  name: 'LastAdmin',
  description: 'The change would leave the shop without an admin; nothing was changed.',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    membershipId: t.exposeID('membershipId', { description: 'The admin who has to stay one.' }),
  }),
});

builder.queryField('staff', (t) =>
  t.prismaField({
    type: ['Membership'],
    description: 'The active shop’s staff and their roles. Admins and managers.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    resolve: (query, _root, _args, ctx) => listStaff(ctx, query),
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
    errors: { types: [LastAdmin], directResult: true },
    resolve: (query, _root, args, ctx) => changeStaffRole(ctx, String(args.membershipId), args.role, query),
  }),
);

builder.mutationField('removeStaffMember', (t) =>
  t.prismaField({
    type: 'Membership',
    description: 'Removes someone from the active shop’s staff. Admins only; the last admin stays.',
    authScopes: { shopRole: ['ADMIN'] },
    args: { membershipId: t.arg.id({ validate: z.uuid('Not a membership id') }) },
    errors: { types: [LastAdmin], directResult: true },
    resolve: (query, _root, args, ctx) => removeStaffMember(ctx, String(args.membershipId), query),
  }),
);
