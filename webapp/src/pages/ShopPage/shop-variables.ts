/** Bouquets per page of the customer's catalog (and per "load more"): whole rows of a grid of 2, 3 or 4. */
export const shopPageSize = 24;

/** The variables of the shelf's page after `after` (`null`: the first page, which the loader fetches). */
export function shopVariables(categoryId: string | null, after: string | null) {
  return { categoryId, first: shopPageSize, after };
}
