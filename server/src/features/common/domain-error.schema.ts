import { builder } from '../../builder.js';
import type { DomainError } from '../../domain-error.js';

/**
 * What every typed failure of a mutation has: a message for people. Each failure adds the fields a client
 * needs to recover (`InsufficientStock.shortages`, `StaleVersion.current`, …); define it beside the feature
 * whose rule it reports, as `builder.objectType(SomeError, { name, interfaces: [DomainErrorRef], … })`.
 */
export const DomainErrorRef = builder.interfaceRef<DomainError>('DomainError').implement({
  description: 'An expected failure a client can branch on by `__typename`; nothing was changed.',
  fields: (t) => ({
    message: t.exposeString('message'),
  }),
});
