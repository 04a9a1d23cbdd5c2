import type { Context } from '../context.js';
import type { CredentialPrincipal } from './credential-cache.js';

/**
 * After the running mutation commits: a session ended. Its open sockets close (ws.ts) and every process
 * forgets it from its credential cache.
 */
export function announceSessionRevoked(ctx: Context, sessionId: string) {
  ctx.afterCommit(() => {
    ctx.pubsub.publish('credentials:changed', { principal: `session:${sessionId}` });
    ctx.pubsub.publish('session:revoked', sessionId, { sessionId });
  });
}

/**
 * After the running mutation commits: what a user or API key may do changed (role, membership, revocation).
 * Every process forgets its cached credentials and their open sockets close.
 */
export function announceAccessChanged(
  ctx: Context,
  principal: Exclude<CredentialPrincipal, `session:${string}`>,
  reason: string,
) {
  ctx.afterCommit(() => {
    ctx.pubsub.publish('credentials:changed', { principal });
    ctx.pubsub.publish('access:changed', principal, { reason });
  });
}
