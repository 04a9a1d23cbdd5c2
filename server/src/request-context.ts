import { authenticate, resolveActiveShop } from './auth/authenticate.js';
import type { AppDeps, Context } from './context.js';
import type { RequestContextFactory } from './graphql/yoga.js';
import { runEffectsAtOnce } from './transaction.js';

/** Builds the context of one operation from its headers: who calls, and in which shop. */
export function createContextFactory(deps: AppDeps): RequestContextFactory {
  return async ({ headers, requestId, ip, http }): Promise<Context> => {
    const viewer = await authenticate(deps, {
      authorization: headers.get('authorization'),
      apiKey: headers.get('x-api-key'),
    });
    const shop = await resolveActiveShop(deps.prisma, viewer, headers.get('x-shop-id'));
    const log = deps.log.child({ requestId });
    return {
      config: deps.config,
      prisma: deps.prisma,
      rootPrisma: deps.prisma,
      afterCommit: runEffectsAtOnce(log),
      log,
      pubsub: deps.pubsub,
      signer: deps.signer,
      appUrl: deps.appUrl,
      requestId,
      ip,
      viewer,
      ...shop,
      http: http ?? null,
      audit: {},
    };
  };
}
