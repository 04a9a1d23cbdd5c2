import type { PrismaClient } from '@posy/prisma';
import { randomSecret, safeEqualHex, sha256 } from './tokens.js';

/** Scopes an integrator's key can hold. */
export const API_SCOPES = [
  'orders:read',
  'orders:write',
  'catalog:read',
  'catalog:write',
  'customers:read',
  'customers:write',
  'stock:read',
  'stock:write',
  'subscriptions:read',
  'subscriptions:write',
  /** The dashboard, sales and write-off reports (figures of the whole shop, no customer data). */
  'reports:read',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const KEY_PATTERN = /^posy_([a-z0-9]{10})_([\w-]{43})$/;

/** A new key: `posy_<prefix>_<secret>`. Only the prefix and the secret's hash are stored. */
export function generateApiKey() {
  const prefix = randomSecret(16)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 10)
    .padEnd(10, '0');
  const secret = randomSecret(32);
  return { key: `posy_${prefix}_${secret}`, prefix, hash: sha256(secret) };
}

export const looksLikeApiKey = (value: string) => value.startsWith('posy_');

/** Finds the live key a presented value belongs to, or null (unknown, wrong secret, revoked, expired). */
export async function findApiKey(prisma: PrismaClient, presented: string) {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const [, prefix, secret] = match as unknown as [string, string, string];
  const key = await prisma.apiKey.findUnique({ where: { prefix } });
  if (!key || !safeEqualHex(key.hash, sha256(secret))) return null;
  if (key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) return null;
  // Record use at most once a minute, so a busy integration does not write on every request.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return key;
}
