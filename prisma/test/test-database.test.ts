import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { cloneDatabase, createSeededTemplate, createTemplateDatabase } from '../src/test-database.js';

describe('createTemplateDatabase and cloneDatabase', () => {
  it('migrate one template, even when called concurrently, and clone it into separate databases', async () => {
    const adminUrl = inject('adminUrl');
    const names = await Promise.all([createTemplateDatabase(adminUrl), createTemplateDatabase(adminUrl)]);
    expect(names[0]).toMatch(/^posy_template_[0-9a-f]{16}$/);
    expect(names[1]).toBe(names[0]);

    const [first, second] = await Promise.all([
      cloneDatabase(adminUrl, names[0]!),
      cloneDatabase(adminUrl, names[0]!),
    ]);
    try {
      await query(
        first.databaseUrl,
        `INSERT INTO "Shop" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'A', 'a', now())`,
      );
      expect(await query(first.databaseUrl, 'SELECT slug FROM "Shop"')).toEqual([{ slug: 'a' }]);
      expect(await query(second.databaseUrl, 'SELECT slug FROM "Shop"')).toEqual([]);
    } finally {
      await first.drop();
      await second.drop();
    }
    expect(await query(adminUrl, `SELECT datname FROM pg_database WHERE datname = '${first.name}'`)).toEqual(
      [],
    );
  });

  it('createSeededTemplate holds the demo shop, and its clones start from it', async () => {
    const adminUrl = inject('adminUrl');
    const seeded = await createSeededTemplate(adminUrl);
    const clone = await cloneDatabase(adminUrl, seeded.name);
    try {
      expect(await query(clone.databaseUrl, 'SELECT slug FROM "Shop"')).toEqual([{ slug: 'demo' }]);
    } finally {
      await clone.drop();
      await seeded.drop();
    }
  });
});

async function query(databaseUrl: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
