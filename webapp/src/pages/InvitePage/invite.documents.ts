import { ShopFields } from '../../auth/auth.documents';
import { graphql } from '../../graphql/graphql';

/**
 * Joins the invite's shop. The answer is what the session keeps of a membership (SessionUserFields'
 * role and shop), so the app can work in the new shop without asking again.
 */
export const AcceptInviteMutation = graphql(
  `
  mutation AcceptInvite($token: String!) {
    acceptInvite(token: $token) {
      id
      role
      shop {
        ...ShopFields
      }
    }
  }
`,
  [ShopFields],
);
