import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** One key as the list shows it (createApiKey answers with the same). Never the secret. */
export const ApiKeyFields = graphql(`
  fragment ApiKeyFields on ApiKey @_unmask {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    expiresAt
    revokedAt
    createdBy {
      id
      name
    }
  }
`);

/** The shop's keys, newest first, revoked ones too. */
export const ApiKeysQuery = graphql(
  `
  query ApiKeys {
    apiKeys {
      ...ApiKeyFields
    }
  }
`,
  [ApiKeyFields],
);

export type ApiKey = ResultOf<typeof ApiKeyFields>;

export function preloadApiKeys({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(ApiKeysQuery, {}, intent, 'apiKeys');
}
