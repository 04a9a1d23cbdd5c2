import { type BotError, GrammyError, HttpError } from 'grammy';
import { describeHttpError } from '../../notify/send.js';
import type { BotContext } from '../context.js';
import { type BotLogger, withBindings } from '../logger.js';
import { updateLogFields } from '../middleware/update-logger.js';

/**
 * Logs an error thrown while handling an update and swallows it, so one bad update never stops the bot.
 * Used both as the error boundary around every feature and as `bot.catch`.
 */
export function createErrorHandler(logger: BotLogger): (error: BotError<BotContext>) => void {
  return (error) => {
    const cause = error.error;
    const details: Record<string, unknown> = {};
    if (cause instanceof GrammyError) {
      Object.assign(details, {
        method: cause.method,
        errorCode: cause.error_code,
        description: cause.description,
      });
    } else if (cause instanceof HttpError) {
      // Not the cause itself: its message holds the request URL, and with it the bot token.
      details.description = describeHttpError(cause);
    } else {
      details.err = cause;
    }
    // ctx.log is unset only when the update failed before the update logger ran.
    const log = (error.ctx.log as BotLogger | undefined) ?? withBindings(logger, updateLogFields(error.ctx));
    log.error(details, 'Bot failed to handle an update');
  };
}
