import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Gives a code to the errors graphql-js raises itself, so every error a client sees carries
 * `extensions.code` (Apollo's convention): a query the schema cannot answer is
 * GRAPHQL_VALIDATION_FAILED (validation phase, below); variables of the wrong shape (a bad DateTime,
 * an unknown enum value) are BAD_USER_INPUT (thrown by the executor, so coded in maskError).
 */
export function useValidationErrorCode(): Plugin {
  return {
    onValidate:
      () =>
      ({ result, setResult }) => {
        if (result.length) setResult(result.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')));
      },
  };
}

/** Variable coercion errors ("Variable "$x" got invalid value …") are the caller's mistake. */
export function codeVariableError(error: unknown) {
  if (error instanceof GraphQLError && !error.path && /^Variable "\$/.test(error.message)) {
    return withCode(error, 'BAD_USER_INPUT');
  }
  return null;
}

function withCode(error: GraphQLError, code: string) {
  return error.extensions?.code ? error : withExtensions(error, { code });
}

/** A copy of `error` (message, locations, path, cause) with `extensions` added to its own. */
export function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extensions },
  });
}
