import type { Server } from 'node:http';
import { type DocumentNode, GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer } from 'ws';
import type { Context } from '../context.js';
import { clientIp } from '../http/client-ip.js';
import { requestIdFrom } from '../http/request-id.js';
import type { Logger } from '../logger.js';
import type { PubSub } from '../pubsub.js';
import type { RateLimiter } from './rate-limit.js';
import { ipKey } from './rate-limit.plugin.js';
import { withRequestId } from './request-id-errors.js';
import { type GraphQLServer, operationLimits, type RequestContextFactory } from './yoga.js';

/** What a client sends in `connection_init`: the same credentials as the HTTP headers. */
export type ConnectionParams = Record<string, unknown> & {
  authorization?: string;
  apiKey?: string;
  shopId?: string;
};

/**
 * graphql-ws on the same port and path as HTTP GraphQL. Operations run through `yoga.getEnveloped`,
 * so limits, masking and context are those of HTTP (Yoga's graphql-ws example). The caller is
 * authenticated once in `connection_init`: bad credentials close with 4401, and the socket is
 * closed again with 4401 when the access token expires or 4403 when its session is revoked, so the
 * client reconnects with a fresh token. An unexpected failure (database down) closes with 4500 and
 * is logged, never shown: 4401 would send the client to refresh a session that is fine.
 */
export function attachWebSocketServer(options: {
  httpServer: Server;
  yoga: GraphQLServer;
  createContext: RequestContextFactory;
  pubsub: PubSub;
  log?: Pick<Logger, 'error'>;
  trustedProxyHops?: number;
  /** Each connection attempt counts against its address' limit: signing in costs a database lookup. */
  rateLimiter?: RateLimiter;
  /**
   * Milliseconds between ping frames to each socket; one not answered by a pong within as long again is
   * terminated (graphql-ws' `useServer` keepAlive). 0 turns pings off. @default 12_000
   */
  keepAliveMs?: number;
}) {
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    // A bigger message closes the socket with 1009 before it is read into memory.
    maxPayload: operationLimits.maxRequestBytes,
  });
  const closers = new Set<() => void>();

  const server = useServer<ConnectionParams | undefined, { context: Context; stop: () => void }>(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const headers = new Headers();
        if (typeof params.authorization === 'string') headers.set('authorization', params.authorization);
        if (typeof params.apiKey === 'string') headers.set('x-api-key', params.apiKey);
        if (typeof params.shopId === 'string') headers.set('x-shop-id', params.shopId);
        const requestId = requestIdFrom(ctx.extra.request.headers['x-request-id']);
        const ip = clientIp(ctx.extra.request, options.trustedProxyHops ?? 0);
        const waitSeconds = ip ? await options.rateLimiter?.consume([{ bucket: 'ip', key: ipKey(ip) }]) : 0;
        if (waitSeconds) {
          // 1013 Try Again Later (RFC 6455 registry): graphql-ws clients retry it with backoff, unlike 4429.
          ctx.extra.socket.close(1013, `Too many requests; retry in ${waitSeconds} s`);
          return false;
        }
        try {
          ctx.extra.context = await options.createContext({ headers, requestId, ip });
        } catch (error) {
          if (error instanceof GraphQLError) {
            ctx.extra.socket.close(CloseCode.Unauthorized, truncate(error.message));
          } else {
            options.log?.error({ err: error, requestId }, 'websocket sign-in failed');
            ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
          }
          return false;
        }
        ctx.extra.stop = watchSession(ctx.extra.context, params, options.pubsub, (code, reason) =>
          ctx.extra.socket.close(code, reason),
        );
        closers.add(ctx.extra.stop);
        return true;
      },
      // Masked errors carry the connection's request id, as over HTTP (request-id-errors.ts).
      onNext: (ctx, _id, _payload, _args, result) => {
        const requestId = ctx.extra.context?.requestId;
        return requestId ? withRequestId(result, requestId) : result;
      },
      onClose: (ctx) => {
        ctx.extra.stop?.();
        if (ctx.extra.stop) closers.delete(ctx.extra.stop);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const connection = ctx.extra.context as Context;
        const { schema, execute, subscribe, contextFactory, parse, validate } = options.yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          connection,
          requestId: connection.requestId,
          ip: connection.ip,
        });
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          // A syntax error or the token limit: the caller's mistake, answered as an `error` message
          // rather than thrown, which would make graphql-ws close the whole socket (4500).
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies Enveloped,
        };
      },
    },
    wsServer,
    options.keepAliveMs ?? 12_000,
  );

  return {
    async close() {
      for (const stop of closers) stop();
      await server.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

type Enveloped = Pick<ReturnType<GraphQLServer['getEnveloped']>, 'execute' | 'subscribe'>;

function watchSession(
  context: Context,
  params: ConnectionParams,
  pubsub: PubSub,
  close: (code: number, reason: string) => void,
): () => void {
  const timers: NodeJS.Timeout[] = [];
  const iterators: AsyncIterator<unknown>[] = [];
  const closeOnEvent = (events: AsyncIterable<unknown>, reason: string) => {
    const iterator = events[Symbol.asyncIterator]();
    iterators.push(iterator);
    iterator.next().then(
      (result) => {
        if (!result.done) close(CloseCode.Forbidden, reason);
      },
      () => {},
    );
  };
  if (context.viewer.kind === 'user') {
    const token = params.authorization?.replace(/^Bearer\s+/i, '') ?? '';
    const exp = decodeJwt(token).exp;
    if (exp)
      timers.push(
        setTimeout(
          () => close(CloseCode.Unauthorized, 'Access token expired'),
          Math.min(exp * 1000 - Date.now(), MAX_TIMER_MS),
        ),
      );
    closeOnEvent(pubsub.subscribe('session:revoked', context.viewer.sessionId), 'Session revoked');
    // Subscribing on Redis takes a round trip: a revocation published in between would be missed. Look
    // once more after that window has surely passed.
    const { sessionId } = context.viewer;
    timers.push(
      setTimeout(() => {
        context.prisma.session
          .count({ where: { id: sessionId, revokedAt: null } })
          .then((open) => open === 0 && close(CloseCode.Forbidden, 'Session revoked'))
          .catch(() => {});
      }, REVOCATION_RECHECK_MS),
    );
    closeOnEvent(pubsub.subscribe('access:changed', `user:${context.viewer.userId}`), 'Access changed');
  }
  if (context.viewer.kind === 'apiKey') {
    closeOnEvent(pubsub.subscribe('access:changed', `apiKey:${context.viewer.apiKeyId}`), 'API key revoked');
  }
  return () => {
    for (const timer of timers) clearTimeout(timer);
    for (const iterator of iterators) void iterator.return?.();
  };
}

/** setTimeout fires at once beyond 2^31-1 ms (~24.8 days); a longer-lived token is re-checked by then anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const REVOCATION_RECHECK_MS = 2_000;

const truncate = (reason: string) => Buffer.from(reason).subarray(0, 120).toString();
