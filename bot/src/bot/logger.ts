import { pino } from 'pino';

/** The little the bot logs through; a pino logger fits it as is. */
export interface BotLogger {
  error(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
  /** A logger adding `bindings` to every line (pino's); without it {@link withBindings} merges them in. */
  child?(bindings: Record<string, unknown>): BotLogger;
}

/** `logger` with `bindings` on every line it writes: its own child when it has one. */
export function withBindings(logger: BotLogger, bindings: Record<string, unknown>): BotLogger {
  if (logger.child) return logger.child(bindings);
  return {
    error: (details, message) => logger.error({ ...bindings, ...details }, message),
    warn: (details, message) => logger.warn({ ...bindings, ...details }, message),
    info: (details, message) => logger.info({ ...bindings, ...details }, message),
    child: (more) => withBindings(logger, { ...bindings, ...more }),
  };
}

/** Structured JSON logs, one line per event, like the server's (service `posy-bot`). */
export function createBotLogger(level: string): BotLogger {
  return pino({ level, base: { service: 'posy-bot' } });
}

/** The default of createBot, for scripts and tests that pass no logger. */
export const consoleLogger: BotLogger = {
  error: (details, message) => console.error(message, details),
  warn: (details, message) => console.warn(message, details),
  info: (details, message) => console.info(message, details),
};
