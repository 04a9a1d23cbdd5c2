/** Products per page of the back-office catalog (and per "load more"); a search finds the one wanted. */
export const catalogPageSize = 30;

/** What the list asks the server for: the search as typed, trimmed (blank: every product). */
export function catalogSearch(typed: string): string | null {
  return typed.trim() || null;
}

/** The variables of the page after `after` (`null`: the first page, which the loader fetches). */
export function catalogVariables(search: string | null, after: string | null) {
  return { search, first: catalogPageSize, after };
}
