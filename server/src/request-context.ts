import { authenticate, resolveActiveShop } from './auth/authenticate.js';
import type { AppDeps, Context } from './context.js';
import type { RequestContextFactory } from './graphql/yoga.js';

/** Builds the context of one operation from its headers: who calls, and in which shop. */
export function createContextFactory(deps: AppDeps): RequestContextFactory {
  return async ({ headers, requestId, ip }): Promise<Context> => {
    const viewer = await authenticate(deps, {
      authorization: headers.get('authorization'),
      apiKey: headers.get('x-api-key'),
    });
    const shop = await resolveActiveShop(deps.prisma, viewer, headers.get('x-shop-id'));
    return {
      config: deps.config,
      prisma: deps.prisma,
      log: deps.log.child({ requestId }),
      pubsub: deps.pubsub,
      signer: deps.signer,
      appUrl: deps.appUrl,
      requestId,
      ip,
      viewer,
      ...shop,
      audit: {},
    };
  };
}
