// The job worker process (`pnpm --filter @posy/server worker`, compiled: `node dist/worker.js`).
import { PostgresStartError } from '@posy/prisma/postgres-start-error';
import { ConfigError, parseConfig } from './config.js';
import { buildWorker } from './jobs/job-worker.js';
import { createLogger } from './logger.js';

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
const log = createLogger(config.logLevel);
const worker = buildWorker(config, { log });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  await worker.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const running = await worker.start();
  log.info({ probes: running.url, concurrency: config.jobs.concurrency }, 'job worker running');
  // A runner that stopped by itself takes no more jobs: exit so the restart policy brings a fresh one.
  running.finished.then(
    () => !stopping && void worker.stop().then(() => process.exit(1)),
    () => !stopping && void worker.stop().then(() => process.exit(1)),
  );
} catch (error) {
  if (error instanceof PostgresStartError) console.error(error.message);
  else log.fatal({ err: error }, 'failed to start');
  await worker.stop();
  process.exit(1);
}
