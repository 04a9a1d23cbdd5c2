/** The customer's orders per page of their list (and per "load more"). */
export const myOrdersPageSize = 20;

/** The variables of the page after `after` (`null`: the first page, which the loader fetches). */
export function myOrdersVariables(after: string | null) {
  return { first: myOrdersPageSize, after };
}
