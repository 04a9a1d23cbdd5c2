import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import sirv from 'sirv';
import type { BotStatus } from '../features/bot/bot-status.js';
import type { GraphQLServer } from '../graphql/yoga.js';
import type { FileStorage } from '../storage/file-storage.js';
import { clientIp } from './client-ip.js';
import { FILES_PREFIX, serveFile } from './files.js';
import { METRICS_PATH, serveMetrics } from './metrics-endpoint.js';
import { ORDERS_CSV_PATH, type OrdersCsvDeps, serveOrdersCsv } from './orders-csv.js';
import { requestIdFrom } from './request-id.js';

export interface HttpDeps {
  yoga: GraphQLServer;
  webappDist: string;
  /** Throws when a dependency (database, Redis) cannot serve. */
  /** Each dependency's state by name. */
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (TRUST_PROXY_HOPS). */
  trustedProxyHops: number;
  checkReady: () => Promise<Record<string, 'ok' | 'unavailable'>>;
  /** The Telegram bot's state for /ready's body; it never makes the server unready. */
  botStatus: () => Promise<BotStatus>;
  jwks: object;
  isProduction: boolean;
  files: FileStorage;
  /** GET /reports/orders.csv: the GraphQL context factory it authorises with. */
  ordersCsv: OrdersCsvDeps;
  /** GET /metrics on this port, behind the token when there is one; absent when served elsewhere or not at all. */
  metrics?: { registry: Registry; token: string | undefined };
}

/**
 * One port for everything: /graphql (Yoga), the orders CSV export, health probes, the JWKS, uploaded files, and the built webapp with
 * history fallback so client-side routes survive a reload.
 */
export function createHttpHandler(deps: HttpDeps) {
  const hasWebapp = existsSync(deps.webappDist);
  const assets = hasWebapp
    ? sirv(deps.webappDist, {
        single: true,
        dev: !deps.isProduction,
        etag: true,
        // The build writes .br and .gz copies (webapp/vite.config.ts); sirv picks what the browser accepts.
        gzip: true,
        brotli: true,
        setHeaders: (res, pathname) => res.setHeader('cache-control', webappCacheControl(pathname)),
      })
    : null;

  return async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';

    if (pathname === '/graphql') {
      return deps.yoga(req, res, { requestId, ip: clientIp(req, deps.trustedProxyHops) });
    }
    if (pathname === ORDERS_CSV_PATH) {
      return serveOrdersCsv(deps.ordersCsv, req, res, {
        requestId,
        ip: clientIp(req, deps.trustedProxyHops),
      });
    }
    if (pathname === METRICS_PATH && deps.metrics) {
      return serveMetrics(deps.metrics.registry, deps.metrics.token, req, res);
    }
    if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/ready') {
      const [checks, bot] = await Promise.all([
        deps.checkReady(),
        deps.botStatus().catch((): BotStatus => ({ state: 'unknown' })),
      ]);
      const ready = Object.values(checks).every((state) => state === 'ok');
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', checks, bot });
    }
    if (pathname.startsWith(FILES_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveFile(deps.files, pathname.slice(FILES_PREFIX.length), res);
    }
    if (pathname === '/.well-known/jwks.json') return sendJson(res, 200, deps.jwks);
    if (assets) return assets(req, res, () => sendJson(res, 404, { error: 'not found' }));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><title>Posy</title><p>The webapp is not built yet (<code>pnpm --filter @posy/webapp build</code>). ' +
        'GraphQL is at <a href="/graphql">/graphql</a>.</p>',
    );
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Files under /assets/ carry a hash of their content in their name, so a browser may keep them for a year
 * without asking; everything else (index.html, the service worker, the manifest, icons) is revalidated on
 * each use, so a deploy reaches people at their next start.
 */
export function webappCacheControl(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}
