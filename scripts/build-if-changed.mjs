// `pnpm start`'s build steps, each skipped when nothing it reads changed since its last run: the Prisma
// client and the webapp bundle took most of a second start (17–37 s on a loaded machine) for nothing.
// Each step's inputs are hashed into a stamp beside its output; a missing output or stamp means build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

const steps = [
  {
    name: 'Prisma client',
    command: ['pnpm', '--filter', '@posy/prisma', 'generate'],
    // The lockfile pins the generator's version.
    inputs: ['prisma/schema.prisma', 'prisma/prisma.config.ts', 'prisma/package.json', 'pnpm-lock.yaml'],
    output: 'prisma/generated',
  },
  {
    name: 'webapp',
    command: ['pnpm', '--filter', '@posy/webapp', 'build'],
    inputs: [
      'webapp/src',
      'webapp/public',
      'webapp/index.html',
      'webapp/vite.config.ts',
      'webapp/tsconfig.json',
      'webapp/package.json',
      'server/schema.graphql',
      'pnpm-lock.yaml',
    ],
    output: 'webapp/dist',
  },
];

/** Every file under `entries` (files or directories), in a stable order. */
function files(entries) {
  return entries.flatMap((entry) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return [];
    if (!statSync(full).isDirectory()) return [entry];
    return files(
      readdirSync(full)
        .sort()
        .map((name) => path.join(entry, name)),
    );
  });
}

function inputsHash(inputs) {
  const hash = createHash('sha256');
  for (const file of files(inputs)) hash.update(`${file}\0`).update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

for (const step of steps) {
  const stamp = path.join(root, step.output, '.inputs-sha256');
  const hash = inputsHash(step.inputs);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    console.log(`${step.name}: up to date`);
    continue;
  }
  const [command, ...args] = step.command;
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(stamp, hash);
}
