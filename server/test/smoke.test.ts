import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_API_KEY } from '@posy/prisma/seed';
import { afterAll, expect, test } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
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
  for (const dir of dirs) {
    // As root, a private clone's cluster lives outside it (under /var/lib/posy), linked from .data/postgres.
    const cluster = await realpath(path.join(dir, '.data', 'postgres')).catch(() => null);
    if (cluster && !cluster.startsWith(dir)) await rm(cluster, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
});

/** The environment of a fresh machine: no DATABASE_URL or REDIS_URL, so PostgreSQL is embedded. */
function freshEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_ENV;
  return env;
}

/**
 * A clone of this working tree (tracked and new files, as they are now) in a directory only its owner can
 * enter, as `mktemp -d` makes it, with node_modules installed from the store.
 */
async function privateClone(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'posy-clone-'));
  dirs.push(dir);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
  });
  for (const file of listed.toString().split('\0').filter(Boolean)) {
    if (!existsSync(path.join(repoRoot, file))) continue; // deleted, not yet committed
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  }
  execFileSync('pnpm', ['install', '--frozen-lockfile', '--offline'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

/** `pnpm start` in `dir`, in a process group of its own; resolves at the welcome text. */
async function pnpmStart(dir: string) {
  const child = spawn('pnpm', ['start'], {
    cwd: dir,
    env: freshEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start within 180 s:\n${stdout}\n${stderr}`)),
      180_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = stdout.match(/App\s+(http:\/\/\S+?)\/\s/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    void exited.then(({ code }) => reject(new Error(`exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  return { child, url, exited, stdout: () => stdout, stderr: () => stderr };
}

/** The postmaster's pid while it runs (from its lock file, which a clean shutdown removes). */
function postmasterPid(dir: string): number | null {
  const lockFile = path.join(dir, '.data', 'postgres', 'postmaster.pid');
  return existsSync(lockFile) ? Number(readFileSync(lockFile, 'utf8').split('\n')[0]) : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function groupIsGone(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
}

/** Signals the `pnpm start` process itself (as a process manager does) and checks everything stopped quietly. */
async function stopBySignal(
  started: Awaited<ReturnType<typeof pnpmStart>>,
  dir: string,
  signal: NodeJS.Signals,
) {
  const postmaster = postmasterPid(dir);
  expect(postmaster).not.toBeNull();
  started.child.kill(signal);
  expect(await started.exited).toEqual({ code: 0, signal: null });
  // Its children (node, postgres) are gone too: PostgreSQL was shut down cleanly, removing its lock file.
  for (let waited = 0; waited < 20_000 && !groupIsGone(started.child.pid!); waited += 100) await sleep(100);
  expect(groupIsGone(started.child.pid!)).toBe(true);
  expect(isRunning(postmaster!)).toBe(false);
  expect(postmasterPid(dir)).toBeNull();
  // No error or warning records (but the expected one: no BOT_TOKEN on a fresh machine) and no pnpm failure.
  const records = (started.stdout() + started.stderr())
    .split('\n')
    .filter((line) => /ERR_PNPM|ELIFECYCLE|"level":(40|50|60)|error while stopping/.test(line))
    .filter((line) => !line.includes('"msg":"BOT_TOKEN is not set'));
  expect(records).toEqual([]);
}

test('`pnpm start` in a clone only root can enter: embedded PostgreSQL, answering; SIGINT/SIGTERM stop it quietly; a second start builds nothing', async () => {
  const dir = await privateClone();

  const coldStart = performance.now();
  const first = await pnpmStart(dir);
  console.info(`cold pnpm start, spawn to first answer: ${Math.round(performance.now() - coldStart)} ms`);
  expect(first.stdout()).toContain('embedded PostgreSQL');
  expect(first.stdout()).toContain('demo shop seeded');
  const response = await fetch(`${first.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
    body: JSON.stringify({
      query: '{ orders(first: 10) { edges { node { number status customer { name } } } } }',
    }),
  });
  const body = (await response.json()) as { data: { orders: { edges: unknown[] } } };
  expect(body.data.orders.edges).toHaveLength(9);
  expect((await fetch(`${first.url}/ready`)).status).toBe(200);
  await stopBySignal(first, dir, 'SIGINT');

  // Nothing changed: neither the Prisma client nor the webapp is built again, and the data is kept.
  const warmStart = performance.now();
  const second = await pnpmStart(dir);
  console.info(`warm pnpm start, spawn to first answer: ${Math.round(performance.now() - warmStart)} ms`);
  expect(second.stdout()).toContain('Prisma client: up to date');
  expect(second.stdout()).toContain('webapp: up to date');
  expect(second.stdout()).not.toContain('demo shop seeded');
  expect((await fetch(`${second.url}/health`)).status).toBe(200);
  await stopBySignal(second, dir, 'SIGTERM');
}, 420_000);

test('a PostgreSQL that cannot start is one line naming the cause and the fix, and exit code 1', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'posy-broken-'));
  dirs.push(dataDir);
  // A cluster of a PostgreSQL version we do not have.
  mkdirSync(path.join(dataDir, 'postgres'));
  await writeFile(path.join(dataDir, 'postgres', 'PG_VERSION'), '9\n');
  const child = spawn('pnpm', ['run', '--silent', 'start'], {
    cwd: path.join(repoRoot, 'server'),
    env: freshEnv({ DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  expect(code).toBe(1);
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/PostgreSQL|postgres/);
  expect(lines[0]).toMatch(/DATABASE_URL/);
  expect(lines[0]).not.toMatch(/\bat .*\.(ts|js):\d+/);
}, 120_000);
