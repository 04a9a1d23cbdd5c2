import { PostgresStartError } from '@posy/prisma/postgres-start-error';
import { buildApp } from './app.js';
import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './logger.js';
import { printWelcome } from './welcome.js';

const startedAt = performance.now();
let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
const log = createLogger(config.logLevel);
const app = buildApp(config, { log });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  await app.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const running = await app.start();
  printWelcome(running, config, performance.now() - startedAt);
} catch (error) {
  // Its message already says what went wrong and what to do; a stack would only bury that.
  if (error instanceof PostgresStartError) console.error(error.message);
  else log.fatal({ err: error }, 'failed to start');
  await app.stop();
  process.exit(1);
}
