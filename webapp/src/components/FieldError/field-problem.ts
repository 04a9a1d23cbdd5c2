import type { CombinedError } from '@urql/core';

/**
 * The input field a BAD_USER_INPUT error is about, as the server names it in `extensions.field`
 * (server/src/errors.ts `badInput`): "quantity", "lines.0.expiresAt". Undefined for any other error.
 */
export function problemField(error: CombinedError | undefined): string | undefined {
  const graphQLError = error?.graphQLErrors[0];
  if (graphQLError?.extensions?.code !== 'BAD_USER_INPUT') return undefined;
  const field = graphQLError.extensions.field;
  return typeof field === 'string' ? field : undefined;
}

/** Whether `error` concerns `field`: the same name, or one of its parts ("lines" for "lines.0.quantity"). */
export function concernsField(error: CombinedError | undefined, field: string): boolean {
  const named = problemField(error);
  return (
    named !== undefined && (named === field || named.startsWith(`${field}.`) || field.startsWith(`${named}.`))
  );
}
