import { type ExecutionArgs, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/**
 * One log line per operation (`operation`, at info), over HTTP and WebSocket alike: the context's logger
 * already carries the request id, the user or API key and the shop (context.ts); this adds the operation's
 * name and type, how long it ran and how many errors it answered, so a slow or failing request can be
 * found by what the client called it. A subscription logs once, when it starts.
 */
export function useOperationLog(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const errors = isAsyncIterable(result) ? 0 : (result.errors?.length ?? 0);
          const ms = Math.round((performance.now() - started) * 10) / 10;
          logOf(args)?.info({ ...operationOf(args), ms, errors }, 'operation');
        },
      };
    },
    onSubscribe({ args }) {
      logOf(args)?.info(operationOf(args), 'operation');
    },
  };
}

/** Undefined when the context was never built (its creation failed, and was logged there). */
const logOf = (args: ExecutionArgs) => (args.contextValue as Partial<Context> | undefined)?.log;

function operationOf(args: ExecutionArgs) {
  const operation = getOperationAST(args.document, args.operationName);
  return {
    operationName: operation?.name?.value ?? args.operationName ?? null,
    operationType: operation?.operation ?? null,
  };
}
