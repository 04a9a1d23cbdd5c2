import { graphql } from '../../graphql/graphql';

/**
 * Each customer of the shop as their record changes (details, addresses, important dates, a merge); null
 * once they left the viewer's view. The list and the customer's page read theirs again.
 */
export const CustomerChangedSubscription = graphql(`
  subscription CustomerChanged {
    customerChanged {
      id
    }
  }
`);
