import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { BotConfig } from '../config.js';
import type { BotContext } from './context.js';
import { helpFeature } from './features/help.js';
import { languageFeature } from './features/language.js';
import { paymentsFeature } from './features/payments.js';
import { startFeature } from './features/start.js';
import { unknownFeature } from './features/unknown.js';
import { createErrorHandler } from './handlers/error.js';
import { type LocaleStore, MemoryLocaleStore } from './locale-store.js';
import { type BotLogger, consoleLogger } from './logger.js';
import { localeMiddleware } from './middleware/locale.js';
import { updateLoggerMiddleware } from './middleware/update-logger.js';
import type { PaymentDesk } from './payment-desk.js';
import type { StartLinkLookup } from './start-links.js';

/**
 * How replies wait out Telegram's 429s: as long as `retry_after` says, up to a minute (a later answer to
 * someone waiting in the chat is stale), three times; 5xx are retried with backoff. Network failures are
 * not retried here (auto-retry would retry them without limit): the error boundary logs them.
 */
export const REPLY_RETRY = { maxDelaySeconds: 60, maxRetryAttempts: 3, rethrowHttpErrors: true } as const;

export interface BotDependencies {
  /**
   * Where /language choices are kept.
   * @default new MemoryLocaleStore()
   */
  localeStore?: LocaleStore;
  /**
   * What `/start <payload>` links name; without one a well-formed payload is passed on to the Mini App unchecked.
   * @default undefined
   */
  startLinks?: StartLinkLookup;
  /**
   * Checks and records payments of the server's invoices; without one every pre-checkout is refused.
   * @default undefined
   */
  payments?: PaymentDesk;
  /** @default consoleLogger */
  logger?: BotLogger;
  /** The bot's own user, to skip the `getMe` call of `bot.init()`; otherwise call `await bot.init()` or `bot.start()`. */
  botInfo?: UserFromGetMe;
}

/** Builds the bot without starting it, so tests can feed it updates with `bot.handleUpdate`. */
export function createBot(config: BotConfig, dependencies: BotDependencies = {}): Bot<BotContext> {
  const {
    localeStore = new MemoryLocaleStore(),
    logger = consoleLogger,
    botInfo,
    startLinks,
    payments,
  } = dependencies;
  const bot = new Bot<BotContext>(config.botToken, {
    client: { apiRoot: config.apiRoot },
    ...(botInfo ? { botInfo } : {}),
  });

  bot.api.config.use(autoRetry(REPLY_RETRY));
  bot.use(updateLoggerMiddleware(logger));

  // The runner handles updates concurrently; one chat's updates still go one after the other, in order.
  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));

  const handleError = createErrorHandler(logger);
  // `bot.catch` only covers bot.start() and webhooks; the boundary also covers bot.handleUpdate().
  bot.catch(handleError);
  const protectedBot = bot.errorBoundary(handleError);

  protectedBot.use(localeMiddleware(localeStore));
  protectedBot.use(startFeature(config, startLinks));
  protectedBot.use(languageFeature(localeStore));
  protectedBot.use(helpFeature());
  protectedBot.use(paymentsFeature(payments));
  // Must stay last: it answers every private message the features above let through.
  protectedBot.use(unknownFeature());

  return bot;
}
