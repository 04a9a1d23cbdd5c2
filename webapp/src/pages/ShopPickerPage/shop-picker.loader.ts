import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { SessionUserFields } from '../../auth/auth.documents';
import { loadQuery } from '../../graphql/client';
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

/** The user's memberships. */
export function preloadShopPicker({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(ShopPickerQuery, {}, intent, 'user');
}
