import { auditMutations } from './audit/audit-mutations.js';
import { builder } from './builder.js';
import './features/common/domain-error.schema.js';
import './features/common/money.schema.js';
import './features/shops/shops.schema.js';
import './features/users/users.schema.js';
import './features/products/products.schema.js';
import './features/customers/customers.schema.js';
import './features/orders/orders.schema.js';
import './features/auth/auth.schema.js';
import './features/invites/invites.schema.js';
import './features/staff/staff.schema.js';
import './features/api-keys/api-keys.schema.js';
import './features/audit/audit.schema.js';
import './features/checkout/checkout.schema.js';

export const schema = auditMutations(builder.toSchema({ sortSchema: true }));
