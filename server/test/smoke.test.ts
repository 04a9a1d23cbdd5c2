import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_API_KEY } from '@posy/prisma/seed';
import { afterAll, expect, test } from 'vitest';

const serverDir = path.resolve(import.meta.dirname, '..');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Runs the server's `start` script as `pnpm start` does, with no DATABASE_URL: embedded PostgreSQL. */
async function startServer(dataDir: string) {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn('pnpm', ['run', '--silent', 'start'], { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/App\s+(http:\/\/\S+?)\/\s/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess) {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

test('`pnpm start` with no services: embedded PostgreSQL, migrated, seeded, answering, stopping cleanly', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'posy-smoke-'));
  dirs.push(dataDir);

  const first = await startServer(dataDir);
  expect(first.output()).toContain('embedded PostgreSQL');
  expect(first.output()).toContain('demo shop seeded');
  expect(first.output()).toContain('admin@posy.demo');
  const response = await fetch(`${first.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
    body: JSON.stringify({
      query: '{ orders(first: 10) { edges { node { number status customer { name } items { product { name } } } } } }',
    }),
  });
  const body = (await response.json()) as { data: { orders: { edges: { node: { number: number } }[] } } };
  expect(body.data.orders.edges).toHaveLength(9);
  expect((await fetch(`${first.url}/ready`)).status).toBe(200);
  expect(await stop(first.child)).toBe(0);

  // A second start reuses the data: nothing seeded again, same orders.
  const second = await startServer(dataDir);
  expect(second.output()).not.toContain('demo shop seeded');
  const again = await fetch(`${second.url}/health`);
  expect(again.status).toBe(200);
  expect(await stop(second.child)).toBe(0);
}, 180_000);
