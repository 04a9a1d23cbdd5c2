import { ShopFields } from '../../auth/auth.documents';
import { graphql } from '../../graphql/graphql';

/**
 * Joins the invite's shop. The answer is what the session keeps of a membership (SessionUserFields'
 * role and shop), so the app can work in the new shop without asking again, or why the invite cannot be
 * used (InviteUsed, InviteExpired, AlreadyStaff), which the page tells apart by `__typename`.
 */
export const AcceptInviteMutation = graphql(
  `
  mutation AcceptInvite($token: String!) {
    acceptInvite(token: $token) {
      __typename
      ... on Membership {
        id
        role
        shop {
          ...ShopFields
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`,
  [ShopFields],
);
