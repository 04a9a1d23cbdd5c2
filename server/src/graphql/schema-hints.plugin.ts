import { type GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ServerContext } from './yoga.js';

type HintContext = Partial<ServerContext> & { request?: Request };

/**
 * In production only signed-in callers (a user or an API key) may introspect. Yoga's
 * useDisableIntrospection decides from the HTTP request alone, so a WebSocket operation (no request)
 * slipped through; this decides per operation, over both transports.
 */
export function useIntrospectionForSignedIn(isProduction: boolean): Plugin<HintContext> {
  if (!isProduction) return {};
  return {
    onValidate({ context, addValidationRule }) {
      if (isAnonymous(context)) addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

function isAnonymous(context: HintContext): boolean {
  // WebSocket: the connection was authenticated in connection_init.
  if (context.connection) return context.connection.viewer.kind === 'anonymous';
  // HTTP validates before the context is built. Credentials that do not check out fail that build, so
  // nothing runs for them: presenting some is enough here.
  const headers = context.request?.headers;
  return !headers?.get('authorization') && !headers?.get('x-api-key');
}

/**
 * In production no error names a field, argument, type or enum value the caller did not write.
 * graphql-armor's blockFieldSuggestion masks `Did you mean "…"?` in validation errors only; graphql-js
 * also suggests enum values (`Did you mean the enum value "…"?`) and, when it coerces variables at
 * execution, input fields — those are masked here, the same way.
 */
export function useHiddenSuggestions(isProduction: boolean): Plugin<HintContext> {
  if (!isProduction) return {};
  const hide = <T extends { errors?: readonly GraphQLError[] }>(result: T) => {
    for (const error of result.errors ?? []) error.message = withoutSuggestion(error.message);
  };
  return {
    onValidate:
      () =>
      ({ result }) => {
        for (const error of result) error.message = withoutSuggestion(error.message);
      },
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        if (!(Symbol.asyncIterator in result)) hide(result);
      },
    }),
    onSubscribe: () => ({
      onSubscribeResult: ({ result }) => {
        if (!(Symbol.asyncIterator in result)) hide(result);
      },
    }),
  };
}

/** Graphql-js phrases every suggestion as one trailing `Did you mean …?` (names never contain `?`). */
const withoutSuggestion = (message: string) =>
  message.replace(/ ?Did you mean [^?]*\?/g, ' [Suggestion hidden]').trim();
