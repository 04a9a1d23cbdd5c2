import { t } from '../../i18n/i18n';
import { isAuditAction } from './audit-filter';

/**
 * Actions the server's jobs write (no mutation of the schema, so not in the filter list, which
 * audit-filter.test.ts keeps equal to the mutations); audit-label.test.ts checks them against the server's
 * writeAuditEntry calls, so a new one gets a label in both dictionaries.
 */
export const jobAuditActions = [
  'generateSubscriptionOrder',
  'skipSubscriptionDelivery',
  'pauseSubscriptionForAttention',
  'expireSubscription',
  'recordTelegramPayment',
] as const;

export type JobAuditAction = (typeof jobAuditActions)[number];

const isJobAuditAction = (value: string): value is JobAuditAction =>
  (jobAuditActions as readonly string[]).includes(value);

/** The suffix of a refused sign-in's entry (`loginWithPassword.failed`, server/src/audit/audit-mutations.ts). */
const FAILED = '.failed';

/**
 * The action's name in the user's language: a mutation's or a job's, a refused one as "Refused: <its
 * label>"; an unknown one as it came.
 */
export function auditActionLabel(name: string): string {
  if (name.endsWith(FAILED)) {
    const action = name.slice(0, -FAILED.length);
    if (isAuditAction(action)) return t('auditAction.failed', { action: auditActionLabel(action) });
  }
  return isAuditAction(name) || isJobAuditAction(name) ? t(`auditAction.${name}`) : name;
}
