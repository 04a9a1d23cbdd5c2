import type { Prisma } from '@posy/prisma';
import { announceAccessChanged } from '../../auth/access-events.js';
import { type ApiScope, generateApiKey } from '../../auth/api-keys.js';
import { type Context, requireShop, requireUser } from '../../context.js';
import { badInput, notFound } from '../../errors.js';

/** A new key; `key` exists only in this answer (the database keeps the prefix and a hash). */
export interface CreatedApiKey {
  apiKeyId: string;
  key: string;
}

export async function createApiKey(
  ctx: Context,
  input: { name: string; scopes: readonly ApiScope[]; expiresAt?: Date | null },
): Promise<CreatedApiKey> {
  const shopId = requireShop(ctx);
  const user = requireUser(ctx);
  if (input.expiresAt && input.expiresAt <= new Date())
    throw badInput('expiresAt must be in the future', 'expiresAt');
  const { key, prefix, hash } = generateApiKey();
  const row = await ctx.prisma.apiKey.create({
    data: {
      shopId,
      name: input.name.trim(),
      prefix,
      hash,
      scopes: [...new Set(input.scopes)],
      createdById: user.userId,
      expiresAt: input.expiresAt ?? null,
    },
    select: { id: true },
  });
  ctx.audit.target = { type: 'ApiKey', id: row.id };
  ctx.audit.changes = { name: input.name, scopes: input.scopes, prefix };
  return { apiKeyId: row.id, key };
}

/** Revoking is immediate: the next request with the key is refused. */
/** The relations a caller wants loaded with a key (Pothos' `query`): a Prisma shape, not GraphQL. */
type ApiKeyQuery = { include?: Prisma.ApiKeyInclude; select?: Prisma.ApiKeySelect };

/** The active shop's keys, newest first, revoked ones too (for the record). */
export function listApiKeys(ctx: Context, query: ApiKeyQuery = {}) {
  return ctx.prisma.apiKey.findMany({
    ...query,
    where: { shopId: requireShop(ctx) },
    orderBy: { createdAt: 'desc' },
  });
}

export async function revokeApiKey(ctx: Context, apiKeyId: string, query: ApiKeyQuery = {}) {
  const shopId = requireShop(ctx);
  const revoked = await ctx.prisma.apiKey.updateManyAndReturn({
    where: { id: apiKeyId, shopId, revokedAt: null },
    data: { revokedAt: new Date() },
    select: { id: true },
  });
  if (!revoked[0]) throw notFound('An active API key with this id');
  ctx.audit.target = { type: 'ApiKey', id: apiKeyId };
  announceAccessChanged(ctx, `apiKey:${apiKeyId}`, 'API key revoked');
  return ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: apiKeyId } });
}
