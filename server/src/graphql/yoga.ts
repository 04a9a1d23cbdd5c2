import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, useErrorHandler } from 'graphql-yoga';
import type { Context } from '../context.js';
import { schema } from '../schema.js';

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
}) => Promise<Context>;

/** Limits every operation passes, whatever the transport (graphql-armor; numbers sized for our screens). */
export const operationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxDirectives: 20,
  costLimit: 20_000,
  batchLimit: 5,
};

/**
 * The Yoga instance. HTTP requests arrive with a requestId/ip server context; WebSocket operations
 * go through `yoga.getEnveloped` with the same plugins (see ws.ts).
 */
export function createGraphQLServer(options: {
  createContext: RequestContextFactory;
  isProduction: boolean;
  corsOrigins: string[];
  log: { error(obj: object, msg: string): void };
}) {
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { subscriptionsProtocol: 'WS', title: 'Posy GraphQL' },
    batching: { limit: operationLimits.batchLimit },
    cors: options.corsOrigins.length ? { origin: options.corsOrigins, credentials: true } : false,
    logging: false,
    context: async ({ request, requestId, ip, connection }) => {
      if (connection) return connection;
      try {
        return await options.createContext({ headers: request.headers, requestId, ip });
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
        return maskError(error, message, isDev);
      },
    },
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: operationLimits.maxDepth, ignoreIntrospection: true },
        maxAliases: { n: operationLimits.maxAliases },
        maxTokens: { n: operationLimits.maxTokens },
        maxDirectives: { n: operationLimits.maxDirectives },
        costLimit: { maxCost: operationLimits.costLimit, ignoreIntrospection: true },
        blockFieldSuggestion: { enabled: options.isProduction },
      }),
      useCSRFPrevention({
        requestHeaders: ['x-graphql-yoga-csrf', 'x-api-key', 'authorization', 'x-shop-id'],
      }),
      useDisableIntrospection({
        // In production only signed-in callers may introspect; in development GraphiQL works for anyone.
        isDisabled: (request) =>
          options.isProduction && !request.headers.get('authorization') && !request.headers.get('x-api-key'),
      }),
      useErrorHandler(({ errors, context }) => {
        for (const error of errors) {
          const original = error instanceof GraphQLError ? error.originalError : error;
          if (original && !(original instanceof GraphQLError)) {
            const ctx = context as Partial<ServerContext>;
            options.log.error({ err: original, requestId: ctx.requestId }, 'unexpected error in operation');
          }
        }
      }),
    ],
  });
}

export type GraphQLServer = ReturnType<typeof createGraphQLServer>;
