import { graphql } from '../graphql/graphql';

/** What the app keeps about a shop (as SessionUserFields does for memberships): name, currency, clock. */
export const ShopFields = graphql(`
  fragment ShopFields on Shop @_unmask {
    id
    name
    slug
    currency
    timezone
  }
`);

/** What the app keeps about the signed-in user: enough to pick a shop and speak their language. */
export const SessionUserFields = graphql(
  `
  fragment SessionUserFields on User @_unmask {
    id
    name
    locale
    telegramUsername
    memberships {
      role
      shop {
        ...ShopFields
      }
    }
  }
`,
  [ShopFields],
);

/**
 * The shop the server picks when the request names none: a user who is staff nowhere but a customer
 * of exactly one shop gets that shop (see sign-in.ts).
 */
export const CustomerShopQuery = graphql(
  `
  query CustomerShop {
    shop {
      ...ShopFields
    }
  }
`,
  [ShopFields],
);

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
  mutation RefreshSession($refreshToken: String) {
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
