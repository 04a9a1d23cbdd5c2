import type { Update } from 'grammy/types';
import type { BotContext } from '../context.js';
import { type BotLogger, withBindings } from '../logger.js';

/** What names an update in the logs: its id, and the chat and user it came from when it has them. */
export function updateLogFields(ctx: { update: Update; chat?: { id: number }; from?: { id: number } }) {
  return { updateId: ctx.update.update_id, chatId: ctx.chat?.id, userId: ctx.from?.id };
}

/**
 * Gives each update its own child logger (`ctx.log`), so every line logged while handling it, the error
 * boundary's included, says which update, chat and user it was about.
 */
export function updateLoggerMiddleware(logger: BotLogger) {
  return (ctx: BotContext, next: () => Promise<void>) => {
    ctx.log = withBindings(logger, updateLogFields(ctx));
    return next();
  };
}
