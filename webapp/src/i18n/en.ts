import { coreEn } from './core.en';
import { apiKeysEn } from './sections/apiKeys.en';
import { auditEn } from './sections/audit.en';
import { backOfficeEn } from './sections/back-office.en';
import { courierEn } from './sections/courier.en';
import { customerEn } from './sections/customer.en';
import { inviteEn } from './sections/invite.en';
import { orderEn } from './sections/order.en';
import { ordersProductionEn } from './sections/orders-production.en';
import { pwaEn } from './sections/pwa.en';
import { teamEn } from './sections/team.en';

/**
 * Every English string: the reference dictionary, the type every other language is checked against
 * (ru.ts) and what `MessageKey` is made of. `{name}` marks a parameter; an object holds plural forms
 * chosen by Intl.PluralRules, so each language lists the forms it needs.
 *
 * The app never loads this file: it loads core.<lang>.ts before the first render and each section
 * (sections/<name>.<lang>.ts) with the pages that declare it (see i18n/sections.ts). A new feature adds
 * its own section files and one spread line here and in ru.ts, at the end.
 */
export const en = {
  ...coreEn,
  ...auditEn,
  ...apiKeysEn,
  ...teamEn,
  ...inviteEn,
  ...orderEn,
  // PWA qualities: the update prompt
  ...pwaEn,
  // Customer (issue 12)
  ...customerEn,
  // Orders and production (issue 13)
  ...ordersProductionEn,
  // The courier's day (issue 12)
  ...courierEn,
  // Back office (issue 13)
  ...backOfficeEn,
} as const;
