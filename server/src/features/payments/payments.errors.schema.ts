import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { OrderNotPayable, RefundRefused, TelegramPaymentsUnavailable } from './payments.errors.js';

const NotPayableReasonEnum = builder.enumType('NotPayableReason', {
  values: ['CANCELLED', 'ALREADY_PAID', 'ZERO_TOTAL', 'WINDOW_PASSED'] as const,
});

builder.objectType(TelegramPaymentsUnavailable, {
  name: 'TelegramPaymentsUnavailable',
  interfaces: [DomainErrorRef],
  fields: () => ({}),
});

builder.objectType(OrderNotPayable, {
  name: 'OrderNotPayable',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ reason: t.expose('reason', { type: NotPayableReasonEnum }) }),
});

builder.objectType(RefundRefused, {
  name: 'RefundRefused',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    description: t.exposeString('description', { description: 'Why Telegram did not refund, in its words.' }),
  }),
});
