import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { OrderStatusEnum } from '../orders/orders.schema.js';
import {
  ApprovalWithoutCodeRefused,
  DeliveryNotAssignable,
  DeliveryPoolClosed,
  DeliveryTaken,
  HandoverCodeLocked,
  InvalidDeliveryStatus,
  NotACourier,
  NotADelivery,
  NotYourDelivery,
  WrongHandoverCode,
} from './delivery.errors.js';
import { DeliveryStatusEnum } from './delivery-types.schema.js';

for (const [error, name] of [
  [NotADelivery, 'NotADelivery'],
  [NotACourier, 'NotACourier'],
  [DeliveryTaken, 'DeliveryTaken'],
  [DeliveryPoolClosed, 'DeliveryPoolClosed'],
  [NotYourDelivery, 'NotYourDelivery'],
  [HandoverCodeLocked, 'HandoverCodeLocked'],
] as const) {
  builder.objectType(error as typeof NotADelivery, {
    name,
    interfaces: [DomainErrorRef],
    fields: () => ({}),
  });
}

builder.objectType(DeliveryNotAssignable, {
  name: 'DeliveryNotAssignable',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ status: t.expose('status', { type: OrderStatusEnum }) }),
});

builder.objectType(InvalidDeliveryStatus, {
  name: 'InvalidDeliveryStatus',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    status: t.expose('status', {
      type: DeliveryStatusEnum,
      nullable: true,
      description: 'Null: no delivery yet.',
    }),
    expected: t.field({ type: [DeliveryStatusEnum], resolve: (e) => [...e.expected] }),
  }),
});

builder.objectType(WrongHandoverCode, {
  name: 'WrongHandoverCode',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    attemptsLeft: t.exposeInt('attemptsLeft', { description: 'Wrong codes left before the code locks.' }),
  }),
});

const ApprovalRefusalReason = builder.enumType('ApprovalWithoutCodeRefusalReason', {
  values: ['CODE_NOT_LOCKED', 'NO_PROOF'] as const,
});

builder.objectType(ApprovalWithoutCodeRefused, {
  name: 'ApprovalWithoutCodeRefused',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ reason: t.expose('reason', { type: ApprovalRefusalReason }) }),
});
