import { graphql } from '../../graphql/graphql';

/** Each order of the shop as it changes (staff); only the id matters: the board re-reads its pages. */
export const ShopOrderChangedSubscription = graphql(`
  subscription ShopOrderChanged {
    shopOrderChanged {
      id
    }
  }
`);

/** Each of the customer's own orders as it changes (a customer's board). */
export const MyOrderChangedSubscription = graphql(`
  subscription MyOrderChanged {
    myOrderChanged {
      id
    }
  }
`);

/** Which feed a board follows: the shop's for staff, their own orders' for a customer. */
export function liveBoardFeed(role: string | undefined): 'shop' | 'mine' | null {
  if (!role) return null;
  return role === 'CUSTOMER' ? 'mine' : 'shop';
}
