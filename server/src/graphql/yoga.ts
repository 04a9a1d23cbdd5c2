import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { PothosValidationError } from '@pothos/core';
import { type ExecutionArgs, GraphQLError, type ValidationContext } from 'graphql';
import { createYoga, maskError, type Plugin, useErrorHandler } from 'graphql-yoga';
import type { Context } from '../context.js';
import { IMAGE_LIMITS } from '../features/uploads/image-processing.js';
import { useRequestBodyLimits } from '../http/body-limits.js';
import { schema } from '../schema.js';
import { useCostLimitWithVariables } from './cost-limit.plugin.js';
import { codeVariableError, useValidationErrorCode } from './error-codes.js';
import { useListLimits } from './list-limit.plugin.js';
import { useRefuseNulCharacters } from './nul-characters.plugin.js';
import { useOperationLog } from './operation-log.plugin.js';
import type { RateLimiter } from './rate-limit.js';
import { useRateLimits } from './rate-limit.plugin.js';
import { useRequestIdOnMaskedErrors } from './request-id-errors.js';
import { createResponseCookies, type HttpExchange } from './response-cookies.js';
import { useHiddenSuggestions, useIntrospectionForSignedIn } from './schema-hints.plugin.js';

/** Per-request values the HTTP handler and the WebSocket server hand to Yoga. */
export interface ServerContext {
  requestId: string;
  ip: string | null;
  /** Set for WebSocket operations: the context built once when the connection was authenticated. */
  connection?: Context;
}

export type RequestContextFactory = (input: {
  headers: Headers;
  requestId: string;
  ip: string | null;
  /** Over HTTP only (see HttpExchange). */
  http?: HttpExchange;
}) => Promise<Context>;

/** Limits every operation passes, whatever the transport (graphql-armor; numbers sized for our screens). */
export const operationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxDirectives: 20,
  costLimit: 20_000,
  /** Items of any one list argument or input field, unless its definition says otherwise (list-limit.plugin.ts). */
  maxListItems: 100,
  batchLimit: 5,
  /** Bytes of one HTTP request body or WebSocket message (Yoga's default is 25 MB, ws's 100 MiB). */
  maxRequestBytes: 1_000_000,
  /**
   * Bytes of one multipart (upload) request: the largest image, plus room for the operation, the map and
   * the parts' headers. Uploads are HTTP only: a WebSocket message keeps maxRequestBytes.
   */
  maxUploadRequestBytes: IMAGE_LIMITS.maxBytes + 64 * 1024,
};

/**
 * The Yoga instance. HTTP requests arrive with a requestId/ip server context; WebSocket operations
 * go through `yoga.getEnveloped` with the same plugins (see ws.ts).
 */
export function createGraphQLServer(options: {
  createContext: RequestContextFactory;
  isProduction: boolean;
  /** Serve GraphiQL (config GRAPHIQL). */
  graphiql: boolean;
  corsOrigins: string[];
  rateLimiter: RateLimiter;
  log: { error(obj: object, msg: string): void };
  /** Plugins that only observe (metrics), run before the rest. */
  observers?: Plugin[];
}) {
  const responseCookies = createResponseCookies();
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql && graphiqlOptions,
    // Yoga's own page loads GraphiQL from a CDN (blank offline); this one inlines the installed package.
    renderGraphiQL,
    batching: { limit: operationLimits.batchLimit },
    // Enforced by useRequestBodyLimits below: multipart requests get a larger limit than the rest.
    maxRequestBodySize: false,
    cors: corsFor(options.corsOrigins),
    logging: false,
    context: async ({ request, requestId, ip, connection }) => {
      if (connection) return connection;
      try {
        const http = responseCookies.exchangeFor(request);
        return await options.createContext({ headers: request.headers, requestId, ip, http });
      } catch (error) {
        // Typed errors (bad token, unknown shop) go to the client; anything else is ours: log it.
        if (!(error instanceof GraphQLError))
          options.log.error({ err: error, requestId }, 'context creation failed');
        throw error;
      }
    },
    // Yoga keeps GraphQLErrors (ours carry extensions.code) and masks everything else; see errors.ts.
    maskedErrors: {
      maskError: (error, message, isDev) => {
        // Pothos refuses a global id of the wrong type: the caller's mistake, so give it the code.
        if (error instanceof GraphQLError && error.originalError instanceof PothosValidationError) {
          return new GraphQLError(error.message, {
            nodes: error.nodes,
            path: error.path,
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        return codeVariableError(error) ?? maskError(error, message, isDev);
      },
    },
    plugins: [
      ...(options.observers ?? []),
      responseCookies.plugin,
      useOperationLog(),
      useRequestBodyLimits({
        default: operationLimits.maxRequestBytes,
        multipart: operationLimits.maxUploadRequestBytes,
      }),
      // First, so an operation over its limit is refused before other plugins' execute hooks run.
      useRateLimits(options.rateLimiter),
      useRefuseNulCharacters(),
      EnvelopArmorPlugin({
        // flattenFragments: a fragment spread is not a level of nesting (the webapp's documents use many).
        maxDepth: {
          n: operationLimits.maxDepth,
          ignoreIntrospection: true,
          flattenFragments: true,
          ...asValidationError,
        },
        maxAliases: { n: operationLimits.maxAliases, ...asValidationError },
        maxTokens: { n: operationLimits.maxTokens },
        maxDirectives: { n: operationLimits.maxDirectives, ...asValidationError },
        costLimit: { maxCost: operationLimits.costLimit, ignoreIntrospection: true, ...asValidationError },
        blockFieldSuggestion: { enabled: options.isProduction },
      }),
      // Before the cost check, so an over-long list is told as such rather than as an expensive query.
      useListLimits(operationLimits.maxListItems),
      useCostLimitWithVariables(operationLimits.costLimit),
      useValidationErrorCode(),
      useCSRFPrevention({
        requestHeaders: ['x-graphql-yoga-csrf', 'x-api-key', 'authorization', 'x-shop-id'],
      }),
      // In production only signed-in callers may introspect; in development GraphiQL works for anyone.
      useIntrospectionForSignedIn(options.isProduction),
      useHiddenSuggestions(options.isProduction),
      useRequestIdOnMaskedErrors(),
      useErrorHandler(({ errors, context, phase }) => {
        // In the execution phase envelop hands over the execution args, not the context.
        const ctx = (
          phase === 'execution' ? (context as unknown as ExecutionArgs).contextValue : context
        ) as Partial<ServerContext>;
        for (const error of errors) {
          const original = error instanceof GraphQLError ? error.originalError : error;
          if (original && !(original instanceof GraphQLError)) {
            options.log.error({ err: original, requestId: ctx.requestId }, 'unexpected error in operation');
          }
        }
      }),
    ],
  });
}

const graphiqlOptions = { subscriptionsProtocol: 'WS', title: 'Posy GraphQL' } as const;

/**
 * The page inlines about 9 MB of scripts: imported on the first GET that asks for it (never in a production
 * start, where GraphiQL is off by default), and rendered once, not on every GET.
 */
let graphiqlPage: Promise<string> | undefined;
const renderGraphiQL = () => {
  graphiqlPage ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL: render }) =>
    render(graphiqlOptions),
  );
  return graphiqlPage;
};

export type GraphQLServer = ReturnType<typeof createGraphQLServer>;

/**
 * graphql-armor throws its refusals out of `validate` by default: Yoga then answers without a code and
 * graphql-ws closes the whole socket (4500). Reported instead, they are ordinary validation errors
 * (GRAPHQL_VALIDATION_FAILED, HTTP 400 for graphql-response+json, an `error` message on a socket).
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/**
 * CORS for the configured origins only: an allowed origin is echoed, any other (including "null", the
 * origin of sandboxed frames) gets no CORS headers at all, where Yoga's list matching would answer
 * `Access-Control-Allow-Origin: null`. No credentials: the API takes bearer tokens; the one cookie (the
 * webapp's refresh token, see session-cookie.ts) is for the server's own origin.
 */
function corsFor(allowedOrigins: string[]) {
  if (!allowedOrigins.length) return false;
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowedOrigins.includes(origin)) return false as const;
    // The list, not the one origin: with several, Yoga echoes the caller's and adds `Vary: Origin`.
    return { origin: allowedOrigins, credentials: false, exposedHeaders: ['Retry-After', 'X-Request-Id'] };
  };
}
