import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed GraphQL documents: gql.tada infers each document's result and variables from the schema
 * (introspected into graphql-env.d.ts by `pnpm generate`). DateTime travels as an ISO 8601 string.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; ID: string };
}>();
