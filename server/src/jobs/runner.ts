import { createBotApi } from '@posy/bot';
import { createPrismaClient } from '@posy/prisma/client';
import { parseCronItems, run, type TaskList } from 'graphile-worker';
import type { TokenSigner } from '../auth/tokens.js';
import type { Config } from '../config.js';
import {
  createDeleteOldCourierPositionsTask,
  DELETE_OLD_COURIER_POSITIONS_TASK,
} from '../features/courier-location/delete-old-positions.task.js';
import { SEND_NOTIFICATION_TASK } from '../features/notifications/notifications.service.js';
import {
  createHoldNotificationTask,
  createSendNotificationTask,
  NEEDS_BOT_TOKEN_FLAG,
} from '../features/notifications/send-notification.task.js';
import {
  createRecoverNotificationSendsTask,
  RECOVER_NOTIFICATION_SENDS_TASK,
  recoverInterruptedSends,
} from '../features/notifications/send-recovery.task.js';
import { createSendThrottle, type SendThrottle } from '../features/notifications/send-throttle.js';
import {
  createGenerateSubscriptionOrdersTask,
  GENERATE_SUBSCRIPTION_ORDERS_TASK,
} from '../features/subscriptions/generate-subscription-orders.task.js';
import type { Logger } from '../logger.js';
import type { PubSub } from '../pubsub.js';
import type { FileStorage } from '../storage/file-storage.js';
import { createJobQueuePool, graphileLogger } from './job-queue.js';
import { scanCrons, scanTasks } from './scans.js';

export interface JobRunnerDeps {
  config: Config;
  /** The database holding the queue (the app's). */
  databaseUrl: string;
  log: Logger;
  /** The Mini App's URL without a trailing slash: buttons in notifications open pages under it. */
  webAppUrl: string;
  /**
   * The app's pub/sub (orders a job makes show up live on the board) and signer, which jobs acting as the
   * shop need (src/jobs/system-context.ts). Without them, as in a runner started on its own for the outbox
   * alone, the subscription cron is not run here.
   */
  app?: { pubsub: PubSub; signer: TokenSigner; files: FileStorage };
}

export interface JobRunner {
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  /** Resolves when the queue's database answers through the runner's own pool (the worker's /ready). */
  ping(): Promise<void>;
  /** Settles when the runner has stopped, rejecting when it stopped on its own because of an error. */
  finished: Promise<void>;
}

/**
 * Runs the background jobs in this process (graphile-worker, JOBS_CONCURRENCY at a time): the notification
 * outbox, the subscription cron, the courier position retention cron and the notification scans (scans.ts). Without BOT_TOKEN notifications are not sent: they stay PENDING and go
 * out once a process with a token runs; meanwhile, outside production, login codes are logged so sign-in
 * works without Telegram.
 */
export async function startJobRunner(deps: JobRunnerDeps): Promise<JobRunner> {
  const { config, log, webAppUrl } = deps;
  const { botToken, apiRoot } = config.telegram;
  // In production without a token this process does not take send jobs at all (graphile-worker only takes
  // jobs of the tasks it has): they wait for one that has it. Subscription orders still run here.
  const holdsNotifications = !botToken && config.isProduction;
  if (holdsNotifications) {
    log.warn('BOT_TOKEN is not set: notifications are kept queued until a process with a token runs');
    if (!deps.app) return { stop: async () => {}, ping: async () => {}, finished: new Promise(() => {}) };
  } else if (!botToken) {
    log.warn('BOT_TOKEN is not set: notifications are kept queued, not sent; login codes are logged instead');
  }
  // A client of its own: jobs' statements stay out of the app client's query events, which tests count per
  // request, and out of its connection pool.
  const prisma = createPrismaClient(deps.databaseUrl, { log: [{ level: 'query', emit: 'event' }] });
  prisma.$on('query', (event) =>
    log.debug({ sql: event.query, ms: event.duration, component: 'jobs' }, 'sql'),
  );
  const taskList: TaskList = {
    [DELETE_OLD_COURIER_POSITIONS_TASK]: createDeleteOldCourierPositionsTask({ config, prisma, log }),
    ...scanTasks({ config, prisma, log }),
  };
  if (deps.app)
    taskList[GENERATE_SUBSCRIPTION_ORDERS_TASK] = createGenerateSubscriptionOrdersTask({
      config,
      prisma,
      log,
      ...deps.app,
      appUrl: webAppUrl,
    });
  const { notifications } = config;
  const recovery = {
    prisma,
    log,
    stuckAfterSeconds: notifications.stuckAfterSeconds,
    maxAttempts: notifications.maxAttempts,
  };
  let throttle: SendThrottle | undefined;
  if (botToken) {
    throttle = createSendThrottle({
      redisUrl: config.redisUrl,
      keyPrefix: config.rateLimits.keyPrefix,
      ratePerSecond: notifications.ratePerSecond,
      chatIntervalMs: notifications.chatIntervalMs,
      log,
    });
    taskList[SEND_NOTIFICATION_TASK] = createSendNotificationTask({
      prisma,
      log,
      // Cut off well before recovery would take the row for interrupted and send it again.
      api: createBotApi({ botToken, apiRoot }, { timeoutSeconds: notifications.stuckAfterSeconds / 2 }),
      throttle,
      maxThrottleWaitMs: Math.min(5000, (notifications.stuckAfterSeconds * 1000) / 4),
      earlierWithinSeconds: notifications.stuckAfterSeconds,
      webAppUrl,
      maxAttempts: notifications.maxAttempts,
      files: deps.app?.files,
    });
    taskList[RECOVER_NOTIFICATION_SENDS_TASK] = createRecoverNotificationSendsTask(recovery);
  } else if (!holdsNotifications)
    taskList[SEND_NOTIFICATION_TASK] = createHoldNotificationTask({ prisma, log, webAppUrl });
  // Without a token the held jobs carry this flag; refusing it keeps this process from taking them again.
  const forbiddenFlags = botToken ? [] : [NEEDS_BOT_TOKEN_FLAG];

  // One connection listens for new jobs; each worker needs one to take and complete its job.
  const pool = createJobQueuePool(deps.databaseUrl, config.jobs.concurrency + 2, log);
  try {
    const runner = await run({
      pgPool: pool,
      concurrency: config.jobs.concurrency,
      // main.ts handles SIGINT/SIGTERM and stops the whole app, this runner included.
      noHandleSignals: true,
      taskList,
      // Given here, so graphile-worker does not look for a ./crontab file in the working directory.
      parsedCronItems: [
        ...(deps.app ? subscriptionCron(config) : []),
        ...courierPositionRetentionCron(),
        ...(botToken ? notificationRecoveryCron() : []),
        ...scanCrons(config),
      ],
      forbiddenFlags,
      logger: graphileLogger(log),
    });
    runner.promise.catch((error: unknown) => log.error({ err: error }, 'job runner stopped'));
    // A process restarted after a crash picks its own interrupted sends up at once, not at the next minute.
    if (botToken)
      await recoverInterruptedSends(recovery).catch((error: unknown) =>
        log.error({ err: error }, 'recovering interrupted notification sends failed'),
      );
    return {
      async stop() {
        await runner.stop();
        await Promise.all([pool.end(), prisma.$disconnect(), throttle?.close()]);
      },
      async ping() {
        await pool.query('SELECT 1');
      },
      finished: runner.promise,
    };
  } catch (error) {
    await Promise.all([pool.end(), prisma.$disconnect(), throttle?.close()]);
    throw error;
  }
}

/**
 * The subscription generator's schedule: every SUBSCRIPTION_ORDERS_EVERY_MINUTES (none when 0). Several
 * processes share one schedule (graphile-worker records each tick in its known_crontabs table), and even a
 * doubled run makes each order once (subscription-orders.service.ts). Missed ticks are not backfilled and a
 * failed run is not retried: the next tick does the same work.
 */
function subscriptionCron(config: Config) {
  const every = config.subscriptions.ordersEveryMinutes;
  if (every === 0) return [];
  return parseCronItems([
    {
      task: GENERATE_SUBSCRIPTION_ORDERS_TASK,
      identifier: GENERATE_SUBSCRIPTION_ORDERS_TASK,
      match: `*/${every} * * * *`,
      options: { backfillPeriod: 0, maxAttempts: 1, jobKey: GENERATE_SUBSCRIPTION_ORDERS_TASK },
    },
  ]);
}

/**
 * The courier position retention's schedule: every 10 minutes, so no position outlives
 * COURIER_POSITION_RETENTION_HOURS by more than that. Shared by every process like the subscription cron;
 * a missed or failed run is not made up: the next one deletes the same rows.
 */
function courierPositionRetentionCron() {
  return parseCronItems([
    {
      task: DELETE_OLD_COURIER_POSITIONS_TASK,
      identifier: DELETE_OLD_COURIER_POSITIONS_TASK,
      match: '*/10 * * * *',
      options: { backfillPeriod: 0, maxAttempts: 1, jobKey: DELETE_OLD_COURIER_POSITIONS_TASK },
    },
  ]);
}

/**
 * Interrupted notification sends (send-recovery.task.ts) are looked for each minute, besides on start.
 * Shared by every process like the other crons; a missed run is made up by the next.
 */
function notificationRecoveryCron() {
  return parseCronItems([
    {
      task: RECOVER_NOTIFICATION_SENDS_TASK,
      identifier: RECOVER_NOTIFICATION_SENDS_TASK,
      match: '* * * * *',
      options: { backfillPeriod: 0, maxAttempts: 1, jobKey: RECOVER_NOTIFICATION_SENDS_TASK },
    },
  ]);
}
