import type { Client } from '@urql/core';
import { graphql } from '../graphql/graphql';
import { SessionUserFields } from './auth.documents';
import { updateSessionUser } from './session';

/** The signed-in user with their memberships as they are now. */
export const CurrentUserQuery = graphql(
  `
  query CurrentUser {
    me {
      ...SessionUserFields
    }
  }
`,
  [SessionUserFields],
);

/**
 * Reads the user's memberships again after a change to their own (their role changed, or they left
 * the staff), so the session, the bar of sections and the guards follow at once.
 */
export async function refreshSessionUser(client: Client): Promise<void> {
  const result = await client.query(CurrentUserQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  if (result.data?.me) updateSessionUser(result.data.me);
}
