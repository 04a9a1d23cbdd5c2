import { z } from 'zod';
import { API_SCOPES, type ApiScope } from '../../auth/api-keys.js';
import { builder } from '../../builder.js';
import { type CreatedApiKey, createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';

/** GraphQL enum names cannot hold ':' — ORDERS_READ stands for the scope `orders:read`. */
const scopeName = (scope: ApiScope) => scope.replace(':', '_').toUpperCase();

export const ApiScopeEnum = builder.enumType('ApiScope', {
  values: Object.fromEntries(
    API_SCOPES.map((scope) => [scopeName(scope), { value: scope, description: `\`${scope}\`` }]),
  ) as Record<string, { value: ApiScope }>,
});

const ApiKeyRef = builder.prismaNode('ApiKey', {
  select: { id: true },
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, shopId: ctx.shopId ?? '' }),
  authScopes: { shopRole: ['ADMIN'] },
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.string({
      description: 'The visible start of the key (`posy_<prefix>_…`), to tell keys apart.',
      select: { prefix: true },
      resolve: (key) => `posy_${key.prefix}_`,
    }),
    scopes: t.field({
      type: [ApiScopeEnum],
      select: { scopes: true },
      resolve: (key) => key.scopes as ApiScope[],
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    createdBy: t.relation('createdBy', { nullable: true }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<CreatedApiKey>('CreatedApiKey').implement({
  fields: (t) => ({
    apiKey: t.prismaField({
      type: ApiKeyRef,
      resolve: (query, created, _args, ctx) =>
        ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: created.apiKeyId } }),
    }),
    key: t.exposeString('key', {
      description: 'The secret, shown this once. Send it as `X-API-Key` or `Authorization: Bearer`.',
    }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaField({
    type: [ApiKeyRef],
    description: 'The active shop’s API keys, newest first (revoked ones too, for the record).',
    authScopes: { shopRole: ['ADMIN'] },
    resolve: (query, _root, _args, ctx) => listApiKeys(ctx, query),
  }),
);

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreatedApiKeyRef,
    description: 'Creates an integration key for the active shop. Admins only.',
    authScopes: { shopRole: ['ADMIN'] },
    args: {
      name: t.arg.string({ validate: z.string().trim().min(1, 'Name the key').max(80) }),
      scopes: t.arg({
        type: [ApiScopeEnum],
        validate: z.array(z.string()).min(1, 'Give the key at least one scope'),
      }),
      expiresAt: t.arg({ type: 'DateTime', required: false }),
    },
    resolve: (_root, args, ctx) =>
      createApiKey(ctx, { name: args.name, scopes: args.scopes, expiresAt: args.expiresAt }),
  }),
);

builder.mutationField('revokeApiKey', (t) =>
  t.prismaField({
    type: ApiKeyRef,
    authScopes: { shopRole: ['ADMIN'] },
    args: { id: t.arg.globalID({ for: ApiKeyRef }) },
    resolve: (query, _root, args, ctx) => revokeApiKey(ctx, args.id.id, query),
  }),
);
