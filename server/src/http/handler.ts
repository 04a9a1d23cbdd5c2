import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { GraphQLServer } from '../graphql/yoga.js';
import { requestIdFrom } from './request-id.js';

export interface HttpDeps {
  yoga: GraphQLServer;
  webappDist: string;
  /** Throws when a dependency (database, Redis) cannot serve. */
  checkReady: () => Promise<Record<string, 'ok'>>;
  jwks: object;
  isProduction: boolean;
}

/**
 * One port for everything: /graphql (Yoga), health probes, the JWKS, and the built webapp with
 * history fallback so client-side routes survive a reload.
 */
export function createHttpHandler(deps: HttpDeps) {
  const hasWebapp = existsSync(deps.webappDist);
  const assets = hasWebapp
    ? sirv(deps.webappDist, { single: true, dev: !deps.isProduction, etag: true, gzip: true, brotli: true })
    : null;

  return async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';

    if (pathname === '/graphql') {
      return deps.yoga(req, res, { requestId, ip: req.socket.remoteAddress ?? null });
    }
    if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/ready') {
      try {
        return sendJson(res, 200, { status: 'ok', checks: await deps.checkReady() });
      } catch (error) {
        return sendJson(res, 503, { status: 'unavailable', error: (error as Error).message });
      }
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
