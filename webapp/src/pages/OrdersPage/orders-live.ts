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

/** How long the board waits after a change for the next one before it re-reads its pages. */
export const boardRefreshDelayMs = 300;

/**
 * Runs `refresh` once after a burst of `schedule()` calls has been quiet for `delayMs`: a shop's busy
 * minute (or a reconnect) re-reads the board once, not once per event.
 */
export function refreshScheduler(refresh: () => void, delayMs = boardRefreshDelayMs) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        refresh();
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
