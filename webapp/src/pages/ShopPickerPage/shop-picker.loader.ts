import { SessionUserFields } from '../../auth/auth.documents';
import { session } from '../../auth/session';
import { graphqlClient } from '../../graphql/client';
import { graphql } from '../../graphql/graphql';

/** The user's memberships as they are now, not as they were at sign-in. */
export const ShopPickerQuery = graphql(
  `
  query ShopPicker {
    me {
      ...SessionUserFields
    }
  }
`,
  [SessionUserFields],
);

export function preloadShopPicker(): void {
  if (!session()) return;
  void graphqlClient().query(ShopPickerQuery, {}).toPromise();
}
