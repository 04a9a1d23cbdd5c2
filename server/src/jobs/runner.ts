import { createBotApi } from '@posy/bot';
import { createPrismaClient } from '@posy/prisma/client';
import { run, type TaskList } from 'graphile-worker';
import type { Config } from '../config.js';
import { SEND_NOTIFICATION_TASK } from '../features/notifications/notifications.service.js';
import {
  createHoldNotificationTask,
  createSendNotificationTask,
  NEEDS_BOT_TOKEN_FLAG,
} from '../features/notifications/send-notification.task.js';
import type { Logger } from '../logger.js';
import { createJobQueuePool, graphileLogger } from './job-queue.js';

export interface JobRunnerDeps {
  config: Config;
  /** The database holding the queue (the app's). */
  databaseUrl: string;
  log: Logger;
  /** The Mini App's URL without a trailing slash: buttons in notifications open pages under it. */
  webAppUrl: string;
}

export interface JobRunner {
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the background jobs in this process (graphile-worker, JOBS_CONCURRENCY at a time). Without
 * BOT_TOKEN notifications are not sent: they stay PENDING and go out once a process with a token runs;
 * meanwhile, outside production, login codes are logged so sign-in works without Telegram.
 */
export async function startJobRunner(deps: JobRunnerDeps): Promise<JobRunner> {
  const { config, log, webAppUrl } = deps;
  const { botToken, apiRoot } = config.telegram;
  if (!botToken && config.isProduction) {
    log.warn('BOT_TOKEN is not set: notifications are kept queued until a process with a token runs');
    return { stop: async () => {} };
  }
  if (!botToken) {
    log.warn('BOT_TOKEN is not set: notifications are kept queued, not sent; login codes are logged instead');
  }
  // A client of its own: jobs' statements stay out of the app client's query events, which tests count per
  // request, and out of its connection pool.
  const prisma = createPrismaClient(deps.databaseUrl, { log: [{ level: 'query', emit: 'event' }] });
  prisma.$on('query', (event) =>
    log.debug({ sql: event.query, ms: event.duration, component: 'jobs' }, 'sql'),
  );
  const taskList: TaskList = {
    [SEND_NOTIFICATION_TASK]: botToken
      ? createSendNotificationTask({
          prisma,
          log,
          api: createBotApi({ botToken, apiRoot }),
          webAppUrl,
          maxAttempts: config.notifications.maxAttempts,
        })
      : createHoldNotificationTask({ prisma, log, webAppUrl }),
  };
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
      // No crontab: without this graphile-worker looks for a ./crontab file in the working directory.
      parsedCronItems: [],
      forbiddenFlags,
      logger: graphileLogger(log),
    });
    runner.promise.catch((error: unknown) => log.error({ err: error }, 'job runner stopped'));
    return {
      async stop() {
        await runner.stop();
        await Promise.all([pool.end(), prisma.$disconnect()]);
      },
    };
  } catch (error) {
    await Promise.all([pool.end(), prisma.$disconnect()]);
    throw error;
  }
}
