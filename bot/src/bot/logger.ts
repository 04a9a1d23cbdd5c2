/** The little the bot logs through; pino's `logger.error(details, message)` fits it as is. */
export interface BotLogger {
  error(details: Record<string, unknown>, message: string): void;
}

export const consoleLogger: BotLogger = {
  error: (details, message) => console.error(message, details),
};
