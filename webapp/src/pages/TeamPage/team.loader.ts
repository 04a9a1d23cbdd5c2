import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** One open invite in the team's list (createInvite answers with the same). */
export const InviteFields = graphql(`
  fragment InviteFields on Invite @_unmask {
    id
    role
    createdAt
    expiresAt
    createdBy {
      id
      name
    }
  }
`);

/** The shop's staff with their roles, and the invites not yet accepted, revoked or expired. */
export const TeamQuery = graphql(
  `
  query Team {
    staff {
      id
      role
      createdAt
      user {
        id
        name
      }
    }
    invites {
      ...InviteFields
    }
  }
`,
  [InviteFields],
);

export type StaffMember = ResultOf<typeof TeamQuery>['staff'][number];
export type OpenInvite = ResultOf<typeof InviteFields>;

export function preloadTeam({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(TeamQuery, {}, intent, 'team');
}
