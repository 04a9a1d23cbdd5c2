import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { inviteTokenFromParams } from '../../route-paths';

/**
 * What an invite link offers (shop, role, expiry) and whether it can still be used. Anyone holding
 * the token may ask, signed in or not; null for a token the server does not know.
 */
export const InvitePreviewQuery = graphql(`
  query InvitePreview($token: String!) {
    invitePreview(token: $token) {
      shopName
      role
      expiresAt
      state
    }
  }
`);

export type InvitePreview = NonNullable<ResultOf<typeof InvitePreviewQuery>['invitePreview']>;
export type InviteState = InvitePreview['state'];

/** The preview, before the page (and before any sign-in). */
export function preloadInvite({ params, intent }: RoutePreloadFuncArgs): void {
  loadQuery(InvitePreviewQuery, { token: inviteTokenFromParams(params) }, intent, 'anyone');
}
