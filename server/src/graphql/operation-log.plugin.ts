import { type ExecutionArgs, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { type Context, withLog } from '../context.js';
import type { Logger } from '../logger.js';

/**
 * One log line per operation (`operation`, at info), over HTTP and WebSocket alike: the context's logger
 * already carries the request id, the user or API key and the shop (context.ts); this adds the operation's
 * name and type, how long it ran and how many errors it answered, so a slow or failing request can be
 * found by what the client called it. A subscription logs once, when it starts.
 *
 * The operation runs with a context whose logger is bound to its name and type, so every line a service
 * logs through `ctx.log` while it runs says which operation it belongs to, not only this one.
 */
export function useOperationLog(): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const started = performance.now();
      const log = operationLogOf(args);
      if (log)
        setExecuteFn((execution) => executeFn({ ...execution, contextValue: withLogOf(execution, log) }));
      return {
        onExecuteDone({ result }) {
          const errors = isAsyncIterable(result) ? 0 : (result.errors?.length ?? 0);
          const ms = Math.round((performance.now() - started) * 10) / 10;
          log?.info({ ms, errors }, 'operation');
        },
      };
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const log = operationLogOf(args);
      if (!log) return;
      // Each event's execution inherits this context: the operation's lines carry its name too.
      setSubscribeFn((subscription) =>
        subscribeFn({ ...subscription, contextValue: withLogOf(subscription, log) }),
      );
      log.info('operation');
    },
  };
}

/** Undefined when the context was never built (its creation failed, and was logged there). */
function operationLogOf(args: ExecutionArgs): Logger | undefined {
  const log = (args.contextValue as Partial<Context> | undefined)?.log;
  if (!log) return undefined;
  const operation = getOperationAST(args.document, args.operationName);
  return log.child({
    operationName: operation?.name?.value ?? args.operationName ?? null,
    operationType: operation?.operation ?? null,
  });
}

const withLogOf = (args: ExecutionArgs, log: Logger) => withLog(args.contextValue as Context, log);
