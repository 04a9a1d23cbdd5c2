import { builder } from './builder.js';
import './features/common/money.schema.js';
import './features/shops/shops.schema.js';
import './features/users/users.schema.js';
import './features/products/products.schema.js';
import './features/customers/customers.schema.js';
import './features/orders/orders.schema.js';
import './features/auth/auth.schema.js';

export const schema = builder.toSchema({ sortSchema: true });
