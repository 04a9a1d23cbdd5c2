/** Subscriptions per page of the list (and per "load more"). */
export const subscriptionsPageSize = 30;

/** The variables of the page after `after` (`null`: the first page, which the loader fetches). */
export function subscriptionsVariables(attentionOnly: boolean, after: string | null) {
  return { filter: attentionOnly ? { needsAttention: true } : null, first: subscriptionsPageSize, after };
}
