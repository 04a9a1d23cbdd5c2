import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf, VariablesOf } from 'gql.tada';
import { untrack } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { loadQuery } from '../../graphql/client';
import { graphql } from '../../graphql/graphql';
import { type AuditSearch, auditFilter, parseAuditSearch } from './audit-filter';

/**
 * One page of the audit log, newest first. The key behind an entry is asked for only by admins: the
 * server shows API keys to admins alone, and would refuse a manager's whole entry over it.
 */
export const AuditLogQuery = graphql(`
  query AuditLog($first: Int!, $after: String, $filter: AuditFilter, $withApiKeys: Boolean!) {
    auditLog(first: $first, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          at
          action
          actor {
            id
            name
          }
          apiKey @include(if: $withApiKeys) {
            id
            name
            prefix
          }
          targetType
          targetId
          changes
          requestId
          ip
        }
      }
    }
  }
`);

export type AuditEntry = ResultOf<typeof AuditLogQuery>['auditLog']['edges'][number]['node'];

/** Entries per page (and per "load more"). */
export const auditPageSize = 20;

export function auditVariables(
  search: AuditSearch,
  after: string | null,
  withApiKeys: boolean,
): VariablesOf<typeof AuditLogQuery> {
  return { first: auditPageSize, after, filter: auditFilter(search), withApiKeys };
}

/** Whether the viewer may see the API keys behind entries (admins). Untracked: loaders run in a computation. */
export function seesApiKeys(): boolean {
  return untrack(() => activeShopAccess()?.role === 'ADMIN');
}

/** The log's first page for the filter in the URL. */
export function preloadAudit({ location, intent }: RoutePreloadFuncArgs): void {
  loadQuery(
    AuditLogQuery,
    auditVariables(parseAuditSearch(location.query), null, seesApiKeys()),
    intent,
    'audit',
  );
}
