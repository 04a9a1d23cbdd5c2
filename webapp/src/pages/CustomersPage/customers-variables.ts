/** Customers per page of the list (and per "load more"): a screenful or two; a search finds the one wanted. */
export const customersPageSize = 30;

/** What the list asks the server for: the search as typed, trimmed (blank: everyone). */
export function customersSearch(typed: string): string | null {
  return typed.trim() || null;
}

/** The variables of the page after `after` (`null`: the first page, which the loader fetches). */
export function customersVariables(search: string | null, after: string | null) {
  return { search, first: customersPageSize, after };
}
