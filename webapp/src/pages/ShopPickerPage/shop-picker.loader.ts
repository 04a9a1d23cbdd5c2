import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { SessionUserFields } from '../../auth/auth.documents';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

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
