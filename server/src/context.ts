import type { PrismaClient } from '@posy/prisma';
import type { AuditDraft } from './audit/audit-entry.js';
import { authenticate, resolveActiveShop } from './auth/authenticate.js';
import type { CredentialCache } from './auth/credential-cache.js';
import type { TokenSigner } from './auth/tokens.js';
import type { ShopRole, Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import { badInput, forbidden, unauthenticated } from './errors.js';
import type { HttpExchange } from './graphql/response-cookies.js';
import type { RequestContextFactory } from './graphql/yoga.js';
import type { Logger } from './logger.js';
import type { PubSub } from './pubsub.js';
import type { FileStorage } from './storage/file-storage.js';
import { type Database, runEffectsAtOnce } from './transaction.js';

/** The app's client: emits query events (see app.ts). */
export type AppPrisma = PrismaClient<'query'>;

/** Long-lived things every request shares; built once by buildApp. */
export interface AppDeps {
  config: Config;
  prisma: AppPrisma;
  log: Logger;
  pubsub: PubSub;
  signer: TokenSigner;
  /** Where people open the app, no trailing slash: PUBLIC_URL, or the address the server listens on. */
  appUrl: string;
  /** Where uploaded bytes live (DATA_DIR/files); the same store GET /files/<key> reads. */
  files: FileStorage;
}

/** The per-operation context, the same for HTTP and WebSocket operations. */
export interface Context extends Omit<AppDeps, 'prisma'> {
  /**
   * The database. Inside a mutation it is the mutation's transaction, which also writes its audit entry: open
   * further transactions with `inTransaction(ctx, …)` (src/transaction.ts), never `$transaction`.
   */
  prisma: Database;
  /** The app's client itself, never a transaction; only src/transaction.ts uses it. */
  rootPrisma: AppPrisma;
  /**
   * Runs `effect` (e.g. a pub/sub publish) once the running mutation's change is committed, never for a
   * rolled-back one; outside a mutation at once.
   */
  afterCommit(effect: () => unknown): void;
  requestId: string;
  ip: string | null;
  viewer: Viewer;
  /** The shop this operation acts in, already checked against the viewer's memberships. */
  shopId: string | null;
  shopRole: ShopRole | null;
  /** The viewer's customer record in the active shop, when they are a customer there. */
  customerId: string | null;
  /** The HTTP request and response of this operation; null over WebSocket. */
  http: HttpExchange | null;
  /** What the running mutation changed, for its audit entry (a fresh draft per mutation; see src/audit/). */
  audit: AuditDraft;
}

/** Builds the context of one operation from its headers: who calls, and in which shop. */
export function createContextFactory(
  deps: AppDeps & {
    /** Sessions and API keys read in the last AUTH_CACHE_SECONDS (auth/credential-cache.ts). */
    credentials: CredentialCache;
  },
): RequestContextFactory {
  return async ({ headers, requestId, ip, http }): Promise<Context> => {
    const viewer = await authenticate(deps, {
      authorization: headers.get('authorization'),
      apiKey: headers.get('x-api-key'),
    });
    const shop = await resolveActiveShop(deps.prisma, viewer, headers.get('x-shop-id'));
    return contextOf(deps, deps.log.child({ requestId, ...viewerLogFields(viewer), shopId: shop.shopId }), {
      requestId,
      ip,
      viewer,
      ...shop,
      http: http ?? null,
    });
  };
}

/** Who calls, for every line a request logs: the user or the API key (ids only, never a name). */
function viewerLogFields(viewer: Viewer): { userId?: string; apiKeyId?: string } {
  if (viewer.kind === 'user') return { userId: viewer.userId };
  if (viewer.kind === 'apiKey') return { apiKeyId: viewer.apiKeyId };
  return {};
}

/** What only one operation knows of its context: who acts, where, and through which request. */
export type OperationFacts = Pick<
  Context,
  'requestId' | 'ip' | 'viewer' | 'shopId' | 'shopRole' | 'customerId' | 'http'
>;

/**
 * A context of the app's long-lived pieces and one operation's facts: the one place that builds it, for
 * requests and for background jobs (jobs/system-context.ts) alike.
 */
export function contextOf(deps: AppDeps, log: Logger, facts: OperationFacts): Context {
  return {
    config: deps.config,
    prisma: deps.prisma,
    rootPrisma: deps.prisma,
    afterCommit: runEffectsAtOnce(log),
    log,
    pubsub: deps.pubsub,
    signer: deps.signer,
    appUrl: deps.appUrl,
    files: deps.files,
    ...facts,
    audit: {},
  };
}

/**
 * The same context logging through `log` (e.g. a child naming the operation), its after-commit effects
 * included; a copy, because one WebSocket connection's context serves all of its operations at once.
 */
export function withLog(ctx: Context, log: Logger): Context {
  return { ...ctx, log, afterCommit: runEffectsAtOnce(log) };
}

/** The active shop, or a typed error saying why there is none. */
export function requireShop(ctx: Context): string {
  if (ctx.shopId) return ctx.shopId;
  if (ctx.viewer.kind === 'anonymous') throw unauthenticated();
  throw badInput('Choose a shop: send the X-Shop-Id header with one of your shops', 'X-Shop-Id');
}

export function requireUser(ctx: Context) {
  if (ctx.viewer.kind !== 'user') throw unauthenticated();
  return ctx.viewer;
}

/** Staff of the active shop may see everything in it; customers only what is theirs. */
export function isStaff(ctx: Context): boolean {
  return ctx.shopRole !== null && ctx.shopRole !== 'CUSTOMER';
}

export function assertStaff(ctx: Context) {
  if (!isStaff(ctx)) throw forbidden();
}
