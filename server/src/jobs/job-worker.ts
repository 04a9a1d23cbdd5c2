import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { resolveDatabase } from '@posy/prisma/database';
import { createTokenSigner } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { createAppPubSub } from '../pubsub.js';
import { LocalDiskStorage } from '../storage/local-disk-storage.js';
import { type JobRunner, startJobRunner } from './runner.js';

export interface RunningWorker {
  /** Where its probes answer: GET /health (the process is up) and /ready (its database answers). */
  url: string;
  /** Settles when the job runner stopped; rejects when it stopped on its own. */
  finished: Promise<void>;
}

/**
 * The job worker process (`src/worker.ts`): the job runner with what jobs acting as the shop need (pub/sub,
 * token signer, file storage), and no API. API replicas run with JOBS_ENABLED=false and leave their jobs to
 * it. Its only HTTP is two probes on HOST:PORT, so an orchestrator can tell a live worker from a hung one.
 */
export function buildWorker(config: Config, options: { log?: Logger } = {}) {
  const log = options.log ?? createLogger(config.logLevel);
  const cleanups: Array<() => Promise<unknown>> = [];

  async function start(): Promise<RunningWorker> {
    const database = await resolveDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'postgres'),
    });
    cleanups.unshift(() => database.stop());
    const pubsub = createAppPubSub(config.redisUrl, log);
    cleanups.unshift(() => pubsub.close());
    const signer = await createTokenSigner(config);
    const files = new LocalDiskStorage(path.join(config.dataDir, 'files'));
    // Links in notifications point at the app, which this process does not serve: PUBLIC_URL in production.
    const webAppUrl = (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
    const jobs: JobRunner = await startJobRunner({
      config,
      databaseUrl: database.databaseUrl,
      log,
      webAppUrl,
      app: { pubsub, signer, files },
    });
    cleanups.unshift(() => jobs.stop());

    const probes: Server = createServer((req, res) => {
      const pathname = (req.url ?? '/').split('?')[0];
      if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (pathname !== '/ready') return sendJson(res, 404, { error: 'not found' });
      jobs.ping().then(
        () => sendJson(res, 200, { status: 'ok', checks: { database: 'ok' } }),
        (error: unknown) => {
          log.warn({ err: error, dependency: 'database' }, 'readiness check failed');
          sendJson(res, 503, { status: 'unavailable', checks: { database: 'unavailable' } });
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      probes.once('error', reject);
      probes.listen(config.port, config.host, resolve);
    });
    cleanups.unshift(
      () =>
        new Promise((resolve) => {
          probes.close(resolve);
          probes.closeAllConnections();
        }),
    );
    const { port } = probes.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return { url: `http://${host}:${port}`, finished: jobs.finished };
  }

  /** Stops the probes, then the runner (waiting for the jobs under way), then the pools. */
  async function stop() {
    while (cleanups.length) {
      const cleanup = cleanups.shift()!;
      await cleanup().catch((error) => log.error({ err: error }, 'error while stopping'));
    }
  }

  return { start, stop };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
