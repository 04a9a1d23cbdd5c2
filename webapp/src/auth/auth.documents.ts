import { graphql } from '../graphql/graphql';

/** What the app keeps about the signed-in user: enough to pick a shop and speak their language. */
export const SessionUserFields = graphql(`
  fragment SessionUserFields on User @_unmask {
    id
    name
    locale
    telegramUsername
    memberships {
      role
      shop {
        id
        name
        slug
        currency
        timezone
      }
    }
  }
`);

/** Every sign-in mutation and the token refresh answer with this. */
export const AuthPayloadFields = graphql(
  `
  fragment AuthPayloadFields on AuthPayload @_unmask {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      ...SessionUserFields
    }
  }
`,
  [SessionUserFields],
);

export const RefreshSessionMutation = graphql(
  `
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...AuthPayloadFields
    }
  }
`,
  [AuthPayloadFields],
);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);
