import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '@grammyjs/runner';
import { type Bot, webhookCallback } from 'grammy';
import { Redis } from 'ioredis';
import { setCommands } from './bot/commands.js';
import type { BotContext } from './bot/context.js';
import { type BotDependencies, createBot } from './bot/createBot.js';
import { type BotLogger, consoleLogger, createBotLogger } from './bot/logger.js';
import { setMenuButton } from './bot/menu-button.js';
import type { BotRunConfig } from './config.js';
import { startHeartbeat } from './heartbeat.js';

/**
 * How long updates in flight at shutdown may take to finish. Below the 30 s most orchestrators allow
 * between SIGTERM and SIGKILL (Docker's default is 10 s: set `stop_grace_period` above this).
 */
export const DRAIN_MS = 8_000;

/** The update kinds the bot handles; asking for these alone saves Telegram sending the rest. */
const ALLOWED_UPDATES = ['message', 'callback_query', 'pre_checkout_query'] as const;

export interface RunningBot {
  mode: 'polling' | 'webhook';
  /** Where the webhook listener is bound (`http://host:port`), in webhook mode. */
  listenUrl?: string;
  /**
   * Settles when the bot stopped: resolves after `stop()`, rejects when polling gave up (a revoked token,
   * another instance polling with it).
   */
  done: Promise<void>;
  /** Stops taking updates, lets the ones in flight finish (up to {@link DRAIN_MS}), stops the heartbeat. */
  stop(): Promise<void>;
}

/**
 * Starts the bot the way production runs it: registers its commands and menu button, then takes updates by
 * long polling with grammY's runner (updates of different chats handled concurrently), or by webhook when
 * `config.webhook` is set, and beats a heartbeat into Redis when `config.redisUrl` is set.
 */
export async function startBot(
  config: BotRunConfig,
  dependencies: BotDependencies = {},
): Promise<RunningBot> {
  const logger = dependencies.logger ?? consoleLogger;
  const bot = createBot(config, { ...dependencies, logger });
  await bot.init();
  await setCommands(bot);
  await setMenuButton(bot, config);

  const taking = config.webhook ? await takeWebhooks(bot, config.webhook, logger) : await poll(bot, logger);
  const mode = config.webhook ? 'webhook' : 'polling';
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis (heartbeat) error'));
  const heartbeat =
    redis &&
    startHeartbeat(
      redis,
      { mode, username: bot.botInfo.username },
      {
        key: config.heartbeatKey,
        intervalSeconds: config.heartbeatSeconds,
        onError: (error) => logger.warn({ err: error }, 'heartbeat not written'),
      },
    );
  logger.info({ username: bot.botInfo.username, mode, listenUrl: taking.listenUrl }, 'bot started');

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await taking.stop();
      await heartbeat?.stop();
      await redis?.quit();
      logger.info({ username: bot.botInfo.username }, 'bot stopped');
    })();
    return stopped;
  };
  return { mode, ...(taking.listenUrl ? { listenUrl: taking.listenUrl } : {}), done: taking.done, stop };
}

/** {@link startBot} until SIGINT or SIGTERM, logging as JSON; resolves once stopped, rejects if it failed. */
export async function runBot(config: BotRunConfig, dependencies: BotDependencies = {}): Promise<void> {
  const logger = dependencies.logger ?? createBotLogger(config.logLevel);
  const running = await startBot(config, { ...dependencies, logger });
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping: no new updates, finishing the ones in flight');
    void running.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await running.done;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

interface TakingUpdates {
  listenUrl?: string;
  done: Promise<void>;
  stop(): Promise<void>;
}

async function poll(bot: Bot<BotContext>, logger: BotLogger): Promise<TakingUpdates> {
  bot.api.config.use(async (previous, method, payload, signal) => {
    const result = await previous(method, payload, signal);
    // The runner retries failed polls itself (silently, as asked): the log says why.
    if (method === 'getUpdates' && !result.ok) {
      logger.warn({ errorCode: result.error_code, description: result.description }, 'getUpdates failed');
    }
    return result;
  });
  // A webhook left by an earlier run makes getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const handle = run(bot, {
    runner: { fetch: { allowed_updates: ALLOWED_UPDATES }, silent: true, retryInterval: 'exponential' },
  });

  let stopping = false;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    // The task settles when the runner's loop ends: on stop(), or when getUpdates failed for good.
    const failed = (error?: unknown) => {
      if (!stopping) reject(error ?? new Error('The bot stopped polling for updates'));
    };
    handle.task()?.then(() => failed(), failed);
  });
  return {
    done,
    stop: async () => {
      stopping = true;
      await handle.stop();
      await until(() => handle.size() === 0, DRAIN_MS);
      if (handle.size() > 0) logger.warn({ inFlight: handle.size() }, 'stopped with updates still in flight');
      resolveDone();
    },
  };
}

async function takeWebhooks(
  bot: Bot<BotContext>,
  webhook: NonNullable<BotRunConfig['webhook']>,
  logger: BotLogger,
): Promise<TakingUpdates> {
  const path = new URL(webhook.url).pathname;
  // Telegram waits for the answer before it sends the chat's next update; answer after 9 s whatever happens
  // (its own timeout is about 10 s, and an unanswered update is delivered again).
  const handleUpdate = webhookCallback(bot, 'http', {
    secretToken: webhook.secretToken,
    onTimeout: 'return',
    timeoutMilliseconds: 9_000,
  });
  let inFlight = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST' || (request.url ?? '').split('?')[0] !== path) {
      response.writeHead(404).end();
      return;
    }
    inFlight++;
    handleUpdate(request, response)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'webhook request failed');
        if (!response.headersSent) response.writeHead(500).end();
      })
      .finally(() => inFlight--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(webhook.port, webhook.host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  await bot.api.setWebhook(webhook.url, {
    secret_token: webhook.secretToken,
    allowed_updates: ALLOWED_UPDATES,
  });

  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  return {
    listenUrl: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    done,
    stop: async () => {
      // The webhook stays set: Telegram keeps the updates that fail meanwhile and delivers them to the next start.
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await until(() => inFlight === 0, DRAIN_MS);
      server.closeAllConnections();
      await closed;
      resolveDone();
    },
  };
}

/** Waits until `condition` holds, checking every 20 ms, for at most `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
