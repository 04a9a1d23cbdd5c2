import type { OrderSource } from '@posy/prisma';
import type { Context } from '../../context.js';

/**
 * Where a new order comes from, by who creates it: an API key's is API, staff's STAFF, and a customer's
 * TELEGRAM only when their session was opened through the Mini App; one who signed in on the web (password or
 * a login code, or a session from before the method was recorded) orders from WEB.
 */
export function orderSource(ctx: Context): OrderSource {
  if (ctx.shopRole === 'API_KEY') return 'API';
  if (ctx.shopRole !== 'CUSTOMER') return 'STAFF';
  return ctx.viewer.kind === 'user' && ctx.viewer.signInMethod === 'TELEGRAM' ? 'TELEGRAM' : 'WEB';
}
