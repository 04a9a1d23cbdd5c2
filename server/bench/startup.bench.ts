/**
 * `pnpm --filter @posy/server bench:startup`: spawn → first 200 from /ready (wall time, and the CPU time the
 * process used until then), and RSS once idle, of the compiled start as built now (node dist/main.js), the
 * same sources built the old way (`build.ts --baseline`: npm dependencies external, not minified), the tsx
 * start (pnpm start's), and a bare node:http server as the baseline the machine's own speed shows in.
 * Warm database: a migrated, seeded copy used by every spawn; median of RUNS; the load average is printed
 * beside the figures. Needs DATABASE_URL (an admin connection) and REDIS_URL; builds both first.
 * TSX=false leaves the (slow) tsx start out.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_API_KEY } from '@posy/prisma/seed';
import { createSeededTemplate, startTestPostgres } from '@posy/prisma/test-database';
import { migrateJobQueue } from '../src/jobs/job-queue.js';
import { cpuMs, freePort, rssMb } from './processes.js';

const RUNS = Number(process.env.RUNS ?? 7);
const serverDir = path.resolve(import.meta.dirname, '..');

const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;

/** A first query that reads the database through Prisma: with the compiler loaded lazily, it pays for it. */
const FIRST_QUERY = JSON.stringify({ query: '{ orders(first: 1) { totalCount } }' });

async function once(args: string[], env: Record<string, string>, graphql: boolean) {
  const port = await freePort();
  const started = performance.now();
  let cpu = 0;
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
    if (ok) {
      cpu = cpuMs(child.pid!);
      break;
    }
    if (performance.now() - started > 60_000) throw new Error(`${args.join(' ')}: no answer in 60 s`);
    await sleep(5);
  }
  const ms = performance.now() - started;
  // Idle: a moment after the first answer, when start-up garbage had its chance to be collected.
  await sleep(1000);
  const rss = rssMb(child.pid!);
  let queryMs = Number.NaN;
  let rssAfterQuery = Number.NaN;
  if (graphql) {
    const asked = performance.now();
    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
      body: FIRST_QUERY,
    });
    const body = (await answer.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`first query failed: ${JSON.stringify(body.errors)}`);
    queryMs = performance.now() - asked;
    await sleep(1000);
    rssAfterQuery = rssMb(child.pid!);
  }
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return { ms, cpu, rss, queryMs, rssAfterQuery };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (const args of [[], ['--baseline', '--outdir', 'dist/baseline']]) {
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', ...args], {
    cwd: serverDir,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(1);
}
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
// The new start is the command the Dockerfile and compose run (package.json's start:prod).
const startProd = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8')).scripts[
  'start:prod'
] as string;
const variants = [
  { name: 'bare node:http (machine baseline)', args: ['-e', BARE], graphql: false },
  { name: 'old: dist built --baseline', args: ['dist/baseline/main.js'], graphql: true },
  {
    name: `new: ${startProd.replace(/^exec /, '')}`,
    args: startProd.replace(/^exec node /, '').split(' '),
    graphql: true,
  },
  // A smaller young generation: less idle RSS, more scavenges under load (not in start:prod; see README).
  {
    name: 'new, --max-semi-space-size=2',
    args: ['--max-semi-space-size=2', ...startProd.replace(/^exec node /, '').split(' ')],
    graphql: true,
  },
  ...(process.env.TSX === 'false'
    ? []
    : [
        {
          name: 'tsx (node --import tsx src/main.ts)',
          args: ['--import', 'tsx', 'src/main.ts'],
          graphql: true,
        },
      ]),
];
type Figures = Awaited<ReturnType<typeof once>>;
const results: Record<string, { [K in keyof Figures]: number[] }> = {};
const loads: number[] = [];
try {
  // Interleaved, so a burst of load elsewhere on the machine hits every variant alike.
  for (let run = 0; run < RUNS; run++)
    for (const variant of variants) {
      loads.push(loadavg()[0]!);
      const figures = await once(variant.args, env, variant.graphql);
      results[variant.name] ??= { ms: [], cpu: [], rss: [], queryMs: [], rssAfterQuery: [] };
      for (const key of Object.keys(figures) as (keyof Figures)[])
        results[variant.name]![key].push(figures[key]);
    }
} finally {
  await database.drop();
  await postgres.stop();
}
console.log(
  `\nspawn → first 200 from /ready: CPU time and wall time; RSS 1 s later (idle); then a first query through` +
    ` Prisma: its time, and RSS 1 s after it. Median of ${RUNS} (target ≤ 500 ms wall, ≤ 150 MB idle)`,
);
console.log(
  `  ${'start'.padEnd(44)} ${'CPU'.padStart(8)} ${'wall'.padStart(8)} ${'idle RSS'.padStart(8)} ${'1st query'.padStart(9)} ${'RSS then'.padStart(8)}`,
);
const column = (values: number[], unit: string, width: number) =>
  Number.isNaN(median(values)) ? '–'.padStart(width) : `${median(values).toFixed(0)} ${unit}`.padStart(width);
for (const [name, figures] of Object.entries(results))
  console.log(
    `  ${name.padEnd(44)} ${column(figures.cpu, 'ms', 8)} ${column(figures.ms, 'ms', 8)} ${column(figures.rss, 'MB', 8)} ${column(figures.queryMs, 'ms', 9)} ${column(figures.rssAfterQuery, 'MB', 8)}`,
  );
console.log(
  `  machine: ${(await import('node:os')).cpus().length} cores, load average (1 min) during the runs ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
