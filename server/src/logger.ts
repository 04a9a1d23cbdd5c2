import { pino } from 'pino';

export type Logger = pino.Logger;

/** One JSON logger per process; requests get a child carrying their request id. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'posy-server' } });
}
