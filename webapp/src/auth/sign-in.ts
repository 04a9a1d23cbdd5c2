import type { Client } from '@urql/core';
import { signInContext } from '../graphql/auth-exchange';
import { CustomerShopQuery } from './auth.documents';
import { type AuthPayload, type Shop, startSession } from './session';

/**
 * Finishes any sign-in. Staff have memberships; a customer (someone who opened a shop's Mini App) has
 * none, and the user type lists no customer shops, so for a user without memberships the app asks
 * which shop the server picks for them (`shop` with no X-Shop-Id: their only customer shop) and works
 * in that one. Someone who is neither lands on the shop picker, which says so.
 */
export async function completeSignIn(client: Client, payload: AuthPayload): Promise<void> {
  const customerShops = payload.user.memberships.length === 0 ? await findCustomerShops(client, payload) : [];
  startSession(payload, customerShops);
}

async function findCustomerShops(client: Client, payload: AuthPayload): Promise<Shop[]> {
  // The new session is not stored yet: the token goes with this request only (signInContext adds none).
  const result = await client
    .query(
      CustomerShopQuery,
      {},
      {
        ...signInContext,
        requestPolicy: 'network-only',
        fetchOptions: { headers: { Authorization: `Bearer ${payload.accessToken}` } },
      },
    )
    .toPromise();
  return result.data ? [result.data.shop] : [];
}
