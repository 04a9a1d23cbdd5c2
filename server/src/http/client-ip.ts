import type { IncomingMessage } from 'node:http';

/**
 * The caller's address. Behind `trustedProxyHops` reverse proxies (a TLS terminator, a load balancer)
 * the socket's peer is the nearest proxy, so the address is read from `X-Forwarded-For`, counting that
 * many entries from the right: entries further left were written by the client and can be forged.
 */
export function clientIp(req: IncomingMessage, trustedProxyHops: number): string | null {
  const peer = req.socket.remoteAddress ?? null;
  if (trustedProxyHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return hops[hops.length - trustedProxyHops] ?? hops[0] ?? peer;
}
