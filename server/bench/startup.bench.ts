/**
 * `pnpm --filter @posy/server bench:startup`: spawn → first 200 from /ready, and RSS once ready, of the compiled
 * start (node dist/main.js), the tsx start (pnpm start's), and a bare node:http server as the baseline the
 * machine's own speed shows in. Warm database: a migrated, seeded copy used by every spawn; median of RUNS.
 * Needs DATABASE_URL (an admin connection) and REDIS_URL; builds dist first.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSeededTemplate, startTestPostgres } from '@posy/prisma/test-database';
import { migrateJobQueue } from '../src/jobs/job-queue.js';

const RUNS = Number(process.env.RUNS ?? 7);
const serverDir = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident set size of a process in MB, from /proc. */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
}

const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;

async function once(args: string[], env: Record<string, string>) {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: serverDir,
    env: { ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (performance.now() - started > 60_000) throw new Error(`${args.join(' ')}: no answer in 60 s`);
    await sleep(5);
  }
  const ms = performance.now() - started;
  // Idle: a moment after the first answer, when start-up garbage had its chance to be collected.
  await sleep(1000);
  const rss = rssMb(child.pid!);
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return { ms, rss };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
  cwd: serverDir,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(1);
const postgres = await startTestPostgres();
const database = await createSeededTemplate(postgres.adminUrl);
await migrateJobQueue(database.databaseUrl);
const env = {
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  DATABASE_URL: database.databaseUrl,
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  JWT_PRIVATE_KEY: (await import('node:crypto'))
    .generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
  MIGRATE_ON_START: 'false',
  SEED_DEMO: 'false',
  JOBS_ENABLED: 'false',
  LOG_LEVEL: 'warn',
};
const variants = [
  { name: 'bare node:http (baseline)', args: ['-e', BARE] },
  { name: 'compiled (node dist/main.js)', args: ['dist/main.js'] },
  { name: 'tsx (node --import tsx src/main.ts)', args: ['--import', 'tsx', 'src/main.ts'] },
];
const results: Record<string, { ms: number[]; rss: number[] }> = {};
try {
  // Interleaved, so a burst of load elsewhere on the machine hits every variant alike.
  for (let run = 0; run < RUNS; run++)
    for (const variant of variants) {
      const { ms, rss } = await once(variant.args, env);
      results[variant.name] ??= { ms: [], rss: [] };
      results[variant.name]!.ms.push(ms);
      results[variant.name]!.rss.push(rss);
    }
} finally {
  await database.drop();
  await postgres.stop();
}
console.log(
  `\nspawn → first 200 from /ready, and RSS 1 s later; median of ${RUNS} (target ≤ 500 ms, ≤ 150 MB)`,
);
for (const [name, { ms, rss }] of Object.entries(results))
  console.log(
    `  ${name.padEnd(38)} ${median(ms).toFixed(0).padStart(6)} ms   ${median(rss).toFixed(0).padStart(4)} MB   (min ${Math.min(...ms).toFixed(0)} ms)`,
  );
