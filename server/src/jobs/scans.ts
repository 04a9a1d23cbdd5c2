// The notification scans and the notification and session retentions, each a graphile-worker cron task. Safe with several
// workers on several machines: graphile-worker records each tick in known_crontabs and queues it under one
// job key, so one run per tick; and should two runs overlap anyway, each scan's dedupe keys make the second
// queue nothing (features/notifications/enqueue-from-query.ts). A missed tick is not made up: the next run
// finds the same candidates.
import { parseCronItems, type Task, type TaskList } from 'graphile-worker';
import type { Config } from '../config.js';
import { deleteEndedSessions, SESSION_RETENTION_TASK } from '../features/auth/session-retention.js';
import { IMPORTANT_DATE_SCAN, scanImportantDates } from '../features/customers/important-date.scan.js';
import { DELIVERY_AT_RISK_SCAN, scanDeliveriesAtRisk } from '../features/delivery/delivery-at-risk.scan.js';
import {
  deleteOldNotifications,
  NOTIFICATION_RETENTION_TASK,
} from '../features/notifications/notification-retention.js';
import { BATCH_EXPIRY_SCAN, scanBatchesExpiring } from '../features/stock/batch-expiry.scan.js';
import {
  SUBSCRIPTION_ENDING_SCAN,
  scanSubscriptionsEnding,
} from '../features/subscriptions/subscription-ending.scan.js';
import type { Logger } from '../logger.js';
import type { Database } from '../transaction.js';

export interface ScanDeps {
  config: Config;
  prisma: Database;
  log: Pick<Logger, 'info'>;
}

/**
 * Each task and how often it runs: at-risk deliveries every 5 minutes (their window is minutes), the rest
 * hourly; important dates too, though due once a day, so each shop hears soon after its own midnight.
 */
const schedule = (config: Config) =>
  [
    [
      SUBSCRIPTION_ENDING_SCAN,
      '7 * * * *',
      (db: Database) => scanSubscriptionsEnding(db, config.scans.subscriptionEndingNoticeHours),
    ],
    [
      BATCH_EXPIRY_SCAN,
      '17 * * * *',
      (db: Database) => scanBatchesExpiring(db, config.scans.batchExpiryNoticeHours),
    ],
    [
      DELIVERY_AT_RISK_SCAN,
      '*/5 * * * *',
      (db: Database) => scanDeliveriesAtRisk(db, config.scans.deliveryAtRiskMinutes),
    ],
    [IMPORTANT_DATE_SCAN, '27 * * * *', (db: Database) => scanImportantDates(db)],
    [
      NOTIFICATION_RETENTION_TASK,
      '37 3 * * *',
      (db: Database) => deleteOldNotifications(db, config.notifications.retentionDays),
    ],
    [
      SESSION_RETENTION_TASK,
      '47 3 * * *',
      (db: Database) => deleteEndedSessions(db, config.auth.sessionRetentionDays),
    ],
  ] as const;

export function scanTasks(deps: ScanDeps): TaskList {
  return Object.fromEntries(
    schedule(deps.config).map(([name, , run]): [string, Task] => [
      name,
      async () => {
        const count = await run(deps.prisma);
        if (count) deps.log.info({ component: 'jobs', task: name, count }, 'scan ran');
      },
    ]),
  );
}

export function scanCrons(config: Config) {
  return parseCronItems(
    schedule(config).map(([name, match]) => ({
      task: name,
      identifier: name,
      match,
      options: { backfillPeriod: 0, maxAttempts: 1, jobKey: name },
    })),
  );
}
