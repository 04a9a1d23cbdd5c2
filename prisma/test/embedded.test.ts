import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/embedded.js';

let directory: string;
let running: EmbeddedPostgres | undefined;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'posy-embedded-test-'));
  // Under root PostgreSQL runs as `postgres`, which must be able to enter the 0700 directory mkdtemp made.
  await chmod(directory, 0o755);
});
afterAll(async () => {
  await running?.stop();
  await rm(directory, { recursive: true, force: true });
});

it('initialises a cluster, creates the database, and starts again on the same directory', async () => {
  const dataDir = join(directory, 'data');

  running = await startEmbeddedPostgres({ dataDir });
  expect(running.attached).toBe(false);
  expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  expect(new URL(running.databaseUrl).pathname).toBe('/posy');
  await query(running.databaseUrl, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)');
  await running.stop();
  expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);

  // No initdb this time: the directory already holds a cluster, and the data is still there.
  running = await startEmbeddedPostgres({ dataDir });
  expect(await query(running.databaseUrl, 'SELECT id FROM kept')).toEqual([{ id: 1 }]);

  // A second start on a running cluster connects to it and leaves it running when stopped.
  const attached = await startEmbeddedPostgres({ dataDir });
  expect(attached).toMatchObject({ attached: true, port: running.port, databaseUrl: running.databaseUrl });
  await attached.stop();
  expect(await query(running.databaseUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);

  await running.stop();
  running = undefined;
});

async function query(databaseUrl: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query(sql);
    return Array.isArray(result) ? [] : result.rows;
  } finally {
    await client.end();
  }
}
