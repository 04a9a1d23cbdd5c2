import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf, VariablesOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { type AuditSearch, auditFilter, parseAuditSearch } from './audit-filter';

/**
 * One page of the audit log, newest first. The key behind an entry comes as its label (name and
 * prefix), which managers may read too; the `apiKey` object itself is the admins' alone (the server
 * would refuse a manager's whole entry over it), and the page needs nothing more than the label.
 */
export const AuditLogQuery = graphql(`
  query AuditLog($first: Int!, $after: String, $filter: AuditFilter) {
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
          apiKeyLabel
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

export function auditVariables(search: AuditSearch, after: string | null): VariablesOf<typeof AuditLogQuery> {
  return { first: auditPageSize, after, filter: auditFilter(search) };
}

/** The log's first page for the filter in the URL. */
export function preloadAudit({ location, intent }: RoutePreloadFuncArgs): void {
  loadQuery(AuditLogQuery, auditVariables(parseAuditSearch(location.query), null), intent, 'audit');
}
