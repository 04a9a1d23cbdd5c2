import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import {
  ApprovalNotPending,
  BouquetNotApproved,
  CustomerUnreachable,
  InvalidTaskStatus,
  NotAFlorist,
  TaskAlreadyTaken,
  TaskNotHeld,
} from './production.errors.js';
import { BouquetApprovalStatusEnum, ProductionTaskStatusEnum } from './production.schema.js';

builder.objectType(TaskAlreadyTaken, {
  name: 'TaskAlreadyTaken',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    florist: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'Who has it.',
      resolve: (query, e, _args, ctx) =>
        e.floristId ? ctx.prisma.user.findUnique({ ...query, where: { id: e.floristId } }) : null,
    }),
  }),
});

builder.objectType(TaskNotHeld, {
  name: 'TaskNotHeld',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    florist: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'Who holds it.',
      resolve: (query, e, _args, ctx) =>
        e.floristId ? ctx.prisma.user.findUnique({ ...query, where: { id: e.floristId } }) : null,
    }),
  }),
});

builder.objectType(InvalidTaskStatus, {
  name: 'InvalidTaskStatus',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    status: t.expose('status', { type: ProductionTaskStatusEnum }),
    expected: t.field({ type: [ProductionTaskStatusEnum], resolve: (e) => [...e.expected] }),
  }),
});

/** Listed by the orders schema in `errors.types` of changing an order's status (dispatch waits for it). */
export const BouquetNotApprovedRef = builder.objectType(BouquetNotApproved, {
  name: 'BouquetNotApproved',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ approvalStatus: t.expose('approvalStatus', { type: BouquetApprovalStatusEnum }) }),
});

builder.objectType(ApprovalNotPending, {
  name: 'ApprovalNotPending',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    approvalStatus: t.expose('approvalStatus', { type: BouquetApprovalStatusEnum, nullable: true }),
  }),
});

builder.objectType(CustomerUnreachable, {
  name: 'CustomerUnreachable',
  interfaces: [DomainErrorRef],
  fields: () => ({}),
});

builder.objectType(NotAFlorist, {
  name: 'NotAFlorist',
  interfaces: [DomainErrorRef],
  fields: () => ({}),
});
