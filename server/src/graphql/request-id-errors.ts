import type { GraphQLError } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import { withExtensions } from './error-codes.js';
import type { ServerContext } from './yoga.js';

/**
 * A masked error says only "Unexpected error.": give it `extensions.requestId`, the id of the
 * X-Request-Id response header and of the logged error, so a person can quote it and we can find the
 * log line. Only masked errors (INTERNAL_SERVER_ERROR) get it; typed errors explain themselves.
 */
export function withRequestId<Result extends { errors?: readonly GraphQLError[] }>(
  result: Result,
  requestId: string,
): Result {
  if (!result.errors?.some(isMasked)) return result;
  return {
    ...result,
    errors: result.errors.map((error) => (isMasked(error) ? carrying(error, requestId) : error)),
  };
}

/**
 * Over HTTP: every result Yoga answers with, whichever phase failed (context creation included), single,
 * batched or streamed. WebSocket results get theirs in ws.ts, which bypasses Yoga's HTTP pipeline.
 */
export function useRequestIdOnMaskedErrors(): Plugin<object, ServerContext> {
  return {
    onResultProcess({ result, setResult, serverContext }) {
      const { requestId } = serverContext as Partial<ServerContext>;
      if (!requestId) return;
      if (isAsyncIterable(result))
        setResult(mapAsyncIterator(result, (part) => withRequestId(part, requestId)));
      else if (Array.isArray(result)) setResult(result.map((part) => withRequestId(part, requestId)));
      else setResult(withRequestId(result, requestId));
    },
  };
}

const isMasked = (error: GraphQLError) => error.extensions?.code === 'INTERNAL_SERVER_ERROR';

function carrying(error: GraphQLError, requestId: string) {
  return withExtensions(error, { requestId });
}
