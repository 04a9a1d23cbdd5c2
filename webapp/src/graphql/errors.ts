import type { CombinedError } from '@urql/core';

/** The `extensions.code` values the server sends, plus the two the client adds itself. */
export const apiErrorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number] | 'NETWORK' | 'UNKNOWN';

/** One failure as the interface explains it to the user. */
export interface ApiProblem {
  code: ApiErrorCode;
  /** The server's own message (English, for people debugging); the interface shows its translated text first. */
  detail?: string;
  /** Only for RATE_LIMITED: how long the server asks to wait. */
  retryAfterSeconds?: number;
  /**
   * The id of the failed request, which the server puts on a masked error ("Unexpected error.") and in its
   * logs: shown so the user can quote it to whoever reads those logs.
   */
  requestId?: string;
}

function isKnownCode(code: unknown): code is (typeof apiErrorCodes)[number] {
  return typeof code === 'string' && (apiErrorCodes as readonly string[]).includes(code);
}

/**
 * Classifies a failed operation. No response at all is NETWORK; a GraphQL error with a code the
 * client knows keeps that code; anything else (masked "Unexpected error.", HTTP 5xx) is UNKNOWN.
 * Expected refusals (LastAdmin, InviteUsed, …) are no errors: they come as typed results, read by
 * their `__typename` (components/ErrorMessage/RefusalMessage.tsx).
 */
export function describeApiError(error: CombinedError): ApiProblem {
  const graphQLError = error.graphQLErrors[0];
  if (!graphQLError) {
    return error.networkError ? { code: 'NETWORK', detail: error.networkError.message } : { code: 'UNKNOWN' };
  }
  const { code, retryAfterSeconds, requestId } = graphQLError.extensions ?? {};
  const problem: ApiProblem = { code: isKnownCode(code) ? code : 'UNKNOWN', detail: graphQLError.message };
  if (typeof requestId === 'string' && requestId) problem.requestId = requestId;
  if (code === 'RATE_LIMITED' && typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0) {
    problem.retryAfterSeconds = Math.ceil(retryAfterSeconds);
  }
  return problem;
}

/** The request id a failure carries (see ApiProblem.requestId), for screens that take any thrown value. */
export function requestIdOf(error: unknown): string | undefined {
  return isCombinedError(error) ? describeApiError(error).requestId : undefined;
}

function isCombinedError(error: unknown): error is CombinedError {
  return error instanceof Error && Array.isArray((error as Partial<CombinedError>).graphQLErrors);
}

export function hasErrorCode(error: CombinedError | undefined, code: ApiErrorCode): boolean {
  return error !== undefined && describeApiError(error).code === code;
}

/** The field paths a BAD_USER_INPUT names: `extensions.field` and each of `extensions.issues[].path`. */
function fieldIssues(error: CombinedError): { field: string; message: string }[] {
  return error.graphQLErrors.flatMap((graphQLError) => {
    const { code, field, issues } = graphQLError.extensions ?? {};
    if (code !== 'BAD_USER_INPUT') return [];
    const listed = Array.isArray(issues)
      ? issues.flatMap((issue: { path?: unknown; message?: unknown }) =>
          Array.isArray(issue.path)
            ? [{ field: issue.path.join('.'), message: String(issue.message ?? graphQLError.message) }]
            : [],
        )
      : [];
    return typeof field === 'string' && field && listed.length === 0
      ? [{ field, message: graphQLError.message }]
      : listed;
  });
}

/**
 * What a refused input says about one field of a form, to show beside that field: the server's
 * words for the first issue whose path ends with `field` (`email` matches `input.email`) or is a part or
 * the whole of it (`lines` and `lines.0.quantity`), else undefined. The one rule for "bad input shows beside the field it concerns"; the form's general
 * ErrorMessage stays for what no field explains.
 */
export function concernsField(error: CombinedError | undefined, field: string): string | undefined {
  if (!error) return undefined;
  return fieldIssues(error).find(
    ({ field: named }) =>
      named === field ||
      named.endsWith(`.${field}`) ||
      // A form's part and its whole: "lines" for "lines.0.quantity", and the other way round.
      named.startsWith(`${field}.`) ||
      field.startsWith(`${named}.`),
  )?.message;
}
