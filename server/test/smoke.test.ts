import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_API_KEY } from '@posy/prisma/seed';
import { afterAll, expect, test } from 'vitest';

const serverDir = path.resolve(import.meta.dirname, '..');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Runs the server's `start` script as `pnpm start` does, with no DATABASE_URL: embedded PostgreSQL. */
async function startServer(dataDir: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  // Its own process group, so stop() can do what Ctrl-C in a terminal does: signal the whole group.
  const child = spawn('pnpm', ['run', '--silent', 'start'], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
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

/**
 * Ctrl-C: SIGINT to the whole group. pnpm itself dies of the signal; what matters is that the server
 * stopped PostgreSQL, which removes its postmaster.pid on a clean shutdown.
 */
async function stopAndCheckPostgresStopped(child: ChildProcess, dataDir: string) {
  process.kill(-child.pid!, 'SIGINT');
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  for (let waited = 0; waited < 20_000 && existsSync(pidFile); waited += 100) await sleep(100);
  return !existsSync(pidFile);
}

test('`pnpm start` with no services: embedded PostgreSQL, migrated, seeded, answering, stopping cleanly', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'posy-smoke-'));
  dirs.push(dataDir);
  // mkdtemp makes it 0700; as root, PostgreSQL runs as `postgres` and must be able to enter it.
  await chmod(dataDir, 0o755);

  const first = await startServer(dataDir);
  expect(first.output()).toContain('embedded PostgreSQL');
  expect(first.output()).toContain('demo shop seeded');
  expect(first.output()).toContain('admin@posy.demo');
  const response = await fetch(`${first.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
    body: JSON.stringify({
      query:
        '{ orders(first: 10) { edges { node { number status customer { name } items { product { name } } } } } }',
    }),
  });
  const body = (await response.json()) as { data: { orders: { edges: { node: { number: number } }[] } } };
  expect(body.data.orders.edges).toHaveLength(9);
  expect((await fetch(`${first.url}/ready`)).status).toBe(200);
  expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
  expect(await stopAndCheckPostgresStopped(first.child, dataDir)).toBe(true);

  // A second start reuses the data: nothing seeded again, same orders.
  const second = await startServer(dataDir);
  expect(second.output()).not.toContain('demo shop seeded');
  const again = await fetch(`${second.url}/health`);
  expect(again.status).toBe(200);
  expect(await stopAndCheckPostgresStopped(second.child, dataDir)).toBe(true);
}, 180_000);
