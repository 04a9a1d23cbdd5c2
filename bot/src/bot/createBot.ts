import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { BotConfig } from '../config.js';
import type { BotContext } from './context.js';
import { helpFeature } from './features/help.js';
import { languageFeature } from './features/language.js';
import { startFeature } from './features/start.js';
import { unknownFeature } from './features/unknown.js';
import { createErrorHandler } from './handlers/error.js';
import { type LocaleStore, MemoryLocaleStore } from './locale-store.js';
import { type BotLogger, consoleLogger } from './logger.js';
import { localeMiddleware } from './middleware/locale.js';

export interface BotDependencies {
  /**
   * Where /language choices are kept.
   * @default new MemoryLocaleStore()
   */
  localeStore?: LocaleStore;
  /** @default consoleLogger */
  logger?: BotLogger;
  /** The bot's own user, to skip the `getMe` call of `bot.init()`; otherwise call `await bot.init()` or `bot.start()`. */
  botInfo?: UserFromGetMe;
}

/** Builds the bot without starting it, so tests can feed it updates with `bot.handleUpdate`. */
export function createBot(config: BotConfig, dependencies: BotDependencies = {}): Bot<BotContext> {
  const { localeStore = new MemoryLocaleStore(), logger = consoleLogger, botInfo } = dependencies;
  const bot = new Bot<BotContext>(config.botToken, {
    client: { apiRoot: config.apiRoot },
    ...(botInfo ? { botInfo } : {}),
  });

  const handleError = createErrorHandler(logger);
  // `bot.catch` only covers bot.start() and webhooks; the boundary also covers bot.handleUpdate().
  bot.catch(handleError);
  const protectedBot = bot.errorBoundary(handleError);

  protectedBot.use(localeMiddleware(localeStore));
  protectedBot.use(startFeature(config));
  protectedBot.use(languageFeature(localeStore));
  protectedBot.use(helpFeature());
  // Must stay last: it answers every private message the features above let through.
  protectedBot.use(unknownFeature());

  return bot;
}
