import type { Role } from '@posy/prisma';
import type PrismaTypes from '@posy/prisma/pothos-types';
import { getDatamodel } from '@posy/prisma/pothos-types';
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateTimeResolver } from 'graphql-scalars';
import type { AppPrisma, Context } from './context.js';
import { AppError, forbidden, unauthenticated } from './errors.js';
import { decodeGlobalId, encodeGlobalId } from './graphql/global-id.js';

/**
 * The one Pothos builder: plugins, scalars and root types. Types and fields live in src/features.
 *
 * Scopes (combine with `$any`/`$all`; an object of several scopes means any of them):
 * - `signedIn`: a user or an API key.
 * - `user`: a signed-in person (not an API key).
 * - `shopRole: [...]`: the user's role in the active shop is one of these.
 * - `customer`: the user is a customer of the active shop.
 * - `apiScope: 'orders:read'`: an API key of the active shop holding that scope.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    signedIn: boolean;
    user: boolean;
    shopRole: readonly Role[];
    customer: boolean;
    apiScope: string;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    /** A file of a multipart request (the GraphQL multipart request spec), as Yoga hands it: a WHATWG File. */
    Upload: { Input: File; Output: never };
    ID: { Input: string; Output: string | number | bigint };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      signedIn: ctx.viewer.kind !== 'anonymous',
      user: ctx.viewer.kind === 'user',
      shopRole: (roles) =>
        ctx.shopRole !== null &&
        (roles as string[]).includes(ctx.shopRole as string) &&
        ctx.viewer.kind === 'user',
      customer: ctx.shopRole === 'CUSTOMER',
      apiScope: (scope) => ctx.viewer.kind === 'apiKey' && ctx.viewer.scopes.has(scope),
    }),
    // Anonymous callers are told to sign in; signed-in ones that lack a scope are refused.
    unauthorizedError: (_parent, ctx) => (ctx.viewer.kind === 'anonymous' ? unauthenticated() : forbidden()),
  },
  errors: {
    defaultTypes: [],
  },
  validation: {
    validationError: (result) => {
      const issue = result.issues[0];
      const field = issue?.path?.map((p) => (typeof p === 'object' ? p.key : p)).join('.');
      return new AppError('BAD_USER_INPUT', issue?.message ?? 'Invalid input', {
        field,
        issues: result.issues.map((i) => ({
          path: i.path?.map((p) => (typeof p === 'object' ? p.key : p)),
          message: i.message,
        })),
      });
    },
  },
  prisma: {
    // The client is taken from the context: each app instance (and each test) has its own.
    // A mutation's context holds its transaction, which has every model delegate Pothos reads through.
    client: (ctx) => ctx.prisma as unknown as AppPrisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    // A resolver that forgets to spread `query` would fetch relations one by one (N+1): fail loudly.
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);

builder.scalarType('Upload', {
  description:
    'A file sent as a part of a multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).',
  serialize: () => {
    throw new Error('An Upload is an argument only; no field returns one');
  },
  // Yoga puts the part's File where the request's `map` says; anything else in that place is the caller's mistake.
  parseValue: (value) => {
    const file = value as File | null;
    if (typeof file?.arrayBuffer === 'function' && typeof file.size === 'number') return file;
    throw new AppError('BAD_USER_INPUT', 'Send the file as a part of a multipart request');
  },
  parseLiteral: () => {
    throw new AppError(
      'BAD_USER_INPUT',
      'A file cannot be written into a query; send it as a multipart part',
    );
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
