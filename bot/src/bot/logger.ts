import { pino } from 'pino';

/** The little the bot logs through; a pino logger fits it as is. */
export interface BotLogger {
  error(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
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
