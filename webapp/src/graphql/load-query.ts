import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { AnyVariables, DocumentInput } from '@urql/core';
import { untrack } from 'solid-js';
import { canOpen, type Section } from '../auth/access';
import { activeShopAccess, session } from '../auth/session';
import { graphqlClient } from './client';

/**
 * Whose data a loader fetches: what anyone may read, signed in or not (an invite's preview, by its
 * token), the signed-in user's own, the active shop's (needs X-Shop-Id), or one back-office section
 * of the shop's (needs a role that opens it, see auth/access.ts).
 */
export type LoaderScope = 'anyone' | 'user' | 'shop' | Section;

function inScope(scope: LoaderScope): boolean {
  if (scope === 'anyone') return true;
  if (scope === 'user') return session() !== null;
  if (scope === 'shop') return activeShopAccess() !== undefined;
  return canOpen(scope, activeShopAccess()?.role);
}

/**
 * What a route's loader does: starts the page's query so its data arrives while the page's code loads,
 * and leaves the result in urql's cache for the page's own createQuery (cache-first) to read.
 * Opening a page ('initial', 'navigate') always asks the network, so the page shows current data and
 * sends no second request; hovering a link ('preload') only fills what is not cached yet. Skipped when
 * the scope is missing or the role does not open the section (the route guards redirect or refuse).
 * Runs untracked: the router calls loaders inside a computation, and reading the session there would
 * re-run the loader on every session change.
 */
export function loadQuery<Data, Variables extends AnyVariables>(
  query: DocumentInput<Data, Variables>,
  variables: Variables,
  intent: RoutePreloadFuncArgs['intent'],
  scope: LoaderScope,
): void {
  untrack(() => {
    if (!inScope(scope)) return;
    const requestPolicy = intent === 'preload' ? 'cache-first' : 'network-only';
    void graphqlClient().query(query, variables, { requestPolicy }).toPromise();
  });
}
