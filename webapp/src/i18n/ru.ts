import { coreRu } from './core.ru';
import type { Dictionary } from './messages';
import { apiKeysRu } from './sections/apiKeys.ru';
import { auditRu } from './sections/audit.ru';
import { backOfficeRu } from './sections/back-office.ru';
import { courierRu } from './sections/courier.ru';
import { customerRu } from './sections/customer.ru';
import { inviteRu } from './sections/invite.ru';
import { orderRu } from './sections/order.ru';
import { ordersProductionRu } from './sections/orders-production.ru';
import { pwaRu } from './sections/pwa.ru';
import { teamRu } from './sections/team.ru';

/**
 * Every Russian string, typed against en.ts so no key is missing; plural forms follow
 * Intl.PluralRules('ru') (one, few, many). Like en.ts, only for types and tests: the app loads the parts.
 */
export const ru: Dictionary = {
  ...coreRu,
  ...auditRu,
  ...apiKeysRu,
  ...teamRu,
  ...inviteRu,
  ...orderRu,
  // PWA qualities: the update prompt
  ...pwaRu,
  // Customer (issue 12)
  ...customerRu,
  // Orders and production (issue 13)
  ...ordersProductionRu,
  // The courier's day (issue 12)
  ...courierRu,
  // Back office (issue 13)
  ...backOfficeRu,
};
