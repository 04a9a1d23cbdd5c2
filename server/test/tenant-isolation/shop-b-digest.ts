import { createHash } from 'node:crypto';
import { getDatamodel } from '@posy/prisma/pothos-types';
import type { SecondShop } from '../fixtures/second-shop.js';
import type { TestApp } from '../harness.js';

interface ModelField {
  name: string;
  kind: string;
  type: string;
  isList: boolean;
  relationFromFields?: string[];
}
/** Columns that change when a row is merely used (sessions, keys, users signing in). */
const VOLATILE = new Set(['lastUsedAt', 'lastSeenAt']);

/**
 * A digest (row count and a hash of every column) of every row of every table that belongs to shop B
 * or points at it, found through the Prisma data model: rows of the shop, of its users, and rows whose
 * foreign keys lead to either within three steps. A table with no such path fails the suite.
 */
export async function shopBDigest(prisma: TestApp['prisma'], b: SecondShop) {
  const models = getDatamodel().datamodel.models as unknown as Record<string, { fields: ModelField[] }>;
  const userIds = b.ids.User ?? [];
  const owned = (model: string, depth: number): object | null => {
    if (model === 'Shop') return { id: b.shopId };
    if (model === 'User') return { id: { in: userIds } };
    if (depth === 0) return null;
    const paths = models[model]!.fields.filter(
      (f) => f.kind === 'object' && !f.isList && f.relationFromFields?.length,
    )
      .map((f) => [f.name, owned(f.type, depth - 1)] as const)
      .filter(([, where]) => where)
      .map(([name, where]) => ({ [name]: where }));
    return paths.length ? { OR: paths } : null;
  };
  const digest: Record<string, string> = {};
  const delegates = prisma as unknown as Record<
    string,
    { findMany(args: object): Promise<Record<string, unknown>[]> }
  >;
  for (const model of Object.keys(models)) {
    const where = owned(model, 3);
    if (!where)
      throw new Error(`No way to tell which ${model} rows belong to shop B: add a rule to shopBDigest`);
    const rows = await delegates[model.charAt(0).toLowerCase() + model.slice(1)]!.findMany({
      where,
      orderBy: { id: 'asc' },
    });
    const stable = rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE.has(k))),
    );
    const json = JSON.stringify(stable, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    digest[model] = `${rows.length} rows ${createHash('sha256').update(json).digest('hex').slice(0, 16)}`;
  }
  return digest;
}
