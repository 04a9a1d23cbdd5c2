import { builder } from '../../builder.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { InvalidSubscriptionTransition } from './subscriptions.errors.js';
import { SubscriptionStatusEnum } from './subscriptions.schema.js';

builder.objectType(InvalidSubscriptionTransition, {
  name: 'InvalidSubscriptionTransition',
  interfaces: [DomainErrorRef],
  fields: (t) => ({
    from: t.expose('from', { type: SubscriptionStatusEnum }),
    to: t.expose('to', { type: SubscriptionStatusEnum }),
    allowed: t.field({ type: [SubscriptionStatusEnum], resolve: (e) => [...e.allowed] }),
  }),
});
