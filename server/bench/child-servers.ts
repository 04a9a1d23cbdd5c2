/**
 * The HTTP comparison's servers, each in its own process as production runs them: Posy as `node dist/main.js`
 * with NODE_ENV=production (compiled, minified, no TypeScript loader, Pothos' dev checks off), and the raw
 * yardsticks (bench/raw-board.ts) in a process of their own, so neither shares a heap, a garbage collector or
 * an event loop with the other or with the bench. Their CPU is read from /proc by pid.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './processes.js';

const serverDir = path.resolve(import.meta.dirname, '..');
/** Its own build, outside dist/ (which a build of the server, e.g. the process-topology test's, deletes first). */
const BENCH_DIST = 'bench/dist';

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Builds the server as production does (scripts/build.ts), into the bench's own directory. */
export function buildServer() {
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--outdir', BENCH_DIST], {
    cwd: serverDir,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the server build failed');
}

/** `node dist/bench/main.js` on the bench database, production mode; `env` on top. */
export async function startPosy(databaseUrl: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(BENCH_DIST, 'main.js')], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      RATE_LIMIT_API_KEY_PER_MINUTE: '1000000',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await ready(child, `${url}/ready`);
  return { url, pid: child.pid!, stop: () => stop(child) };
}

/** bench/raw-server.ts in its own process; it prints its two URLs as a JSON line once listening. */
export async function startRaw(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/raw-server.ts'], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls = await new Promise<{ boardUrl: string; bareUrl: string }>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]!));
    });
    child.once('exit', (code) => reject(new Error(`the raw servers exited (${code})`)));
  });
  return { ...urls, pid: child.pid!, stop: () => stop(child) };
}

async function ready(child: ChildProcess, url: string) {
  const started = performance.now();
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  for (;;) {
    if (exited !== null) throw new Error(`the server exited (${exited}) before it answered`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (performance.now() - started > 60_000) throw new Error(`${url}: no answer in 60 s`);
    await sleep(20);
  }
}

function stop(child: ChildProcess) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
