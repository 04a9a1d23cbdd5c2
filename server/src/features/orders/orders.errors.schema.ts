import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import {
  IdempotencyKeyReused,
  InvalidPaymentTransition,
  InvalidTransition,
  OrderNotEditable,
  PaidTotalChange,
  StaleVersion,
} from './orders.errors.js';
import { OrderStatusEnum, PaymentStatusEnum } from './orders.schema.js';

builder.objectType(InvalidTransition, {
  name: 'InvalidTransition',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    from: t.expose('from', { type: OrderStatusEnum }),
    to: t.expose('to', { type: OrderStatusEnum }),
    allowed: t.field({ type: [OrderStatusEnum], resolve: (e) => [...e.allowed] }),
  }),
});

builder.objectType(StaleVersion, {
  name: 'StaleVersion',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ current: t.exposeInt('current', { description: 'The version it has now.' }) }),
});

builder.objectType(OrderNotEditable, {
  name: 'OrderNotEditable',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ status: t.expose('status', { type: OrderStatusEnum }) }),
});

builder.objectType(IdempotencyKeyReused, {
  name: 'IdempotencyKeyReused',
  interfaces: [DomainErrorRef],
  fields: () => ({}),
});

builder.objectType(InvalidPaymentTransition, {
  name: 'InvalidPaymentTransition',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    paymentStatus: t.field({ type: PaymentStatusEnum, resolve: (e) => e.paymentStatus as never }),
  }),
});

builder.objectType(PaidTotalChange, {
  name: 'PaidTotalChange',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    paidMinor: t.exposeInt('paidMinor', { description: 'The total the customer paid, in minor units.' }),
    totalMinor: t.exposeInt('totalMinor', { description: 'The total the edit would give it.' }),
  }),
});
