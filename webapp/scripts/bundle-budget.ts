// Prints what each first screen downloads in JavaScript, gzipped, beside the budget (issue: 45 KB for the
// first screen). Reads the chunk graph Vite writes (dist/.vite/manifest.json), so run `pnpm build` first:
//   pnpm --filter @posy/webapp build && pnpm --filter @posy/webapp budget
// A screen is the entry with its static imports, one language's core strings (the larger, Russian, as the
// worst case) with the message sections the page declares, and
// the page's own chunk with its static imports; the Telegram SDK counts only for the Mini App's screen.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const FIRST_SCREEN_BUDGET_KB = 45;
// BUDGET_DIST measures another build (e.g. one made with --outDir while the e2e suite serves dist).
const dist = process.env.BUDGET_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
const manifest: Record<string, Chunk> = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8'));

/** The manifest key of the chunk built from `source` (a path under webapp/). */
function key(source: string): string {
  if (!manifest[source]) throw new Error(`No chunk for ${source} in the manifest: was it renamed?`);
  return source;
}

/** `roots` with everything they import statically (what the browser fetches before running them). */
function closure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of manifest[name]?.imports ?? []) visit(imported);
  };
  for (const root of roots) visit(root);
  return seen;
}

const gzipKb = (names: Iterable<string>) =>
  [...names].reduce((sum, name) => {
    const chunk = manifest[name];
    return chunk?.file.endsWith('.js')
      ? sum + gzipSync(readFileSync(dist + chunk.file), { level: 9 }).length
      : sum;
  }, 0) / 1024;

const entry = Object.keys(manifest).find((name) => manifest[name]?.isEntry);
if (!entry) throw new Error('No entry chunk in the manifest');
const language = key('src/i18n/core.ru.ts');
/** A message section of the worst-case language, loaded with its pages (see src/i18n/sections.ts). */
const section = (name: string) => key(`src/i18n/sections/${name}.ru.ts`);
const screens: { name: string; roots: string[]; budget?: number }[] = [
  {
    name: 'login (PWA)',
    roots: [entry, language, key('src/pages/LoginPage/LoginPage.tsx')],
    budget: FIRST_SCREEN_BUDGET_KB,
  },
  {
    name: 'login (Mini App, with the SDK)',
    roots: [
      entry,
      language,
      key('src/telegram/start-sdk.ts'),
      // sdk.ts imports the SDK itself dynamically, and start-sdk.ts awaits it before the first render.
      ...Object.values(manifest).flatMap((chunk) =>
        chunk.name === 'sdk' ? (chunk.dynamicImports ?? []) : [],
      ),
      key('src/pages/LoginPage/LoginPage.tsx'),
    ],
  },
  { name: 'order board', roots: [entry, language, key('src/pages/OrdersPage/OrdersPage.tsx')] },
  {
    name: 'order page',
    roots: [entry, language, section('order'), key('src/pages/OrderPage/OrderPage.tsx')],
  },
];

console.log(`JavaScript per first screen, gzip -9 (webapp/dist):`);
for (const screen of screens) {
  const kb = gzipKb(closure(screen.roots));
  const verdict = screen.budget
    ? ` (budget ${screen.budget} KB: ${kb <= screen.budget ? 'within' : 'over'})`
    : '';
  console.log(`  ${screen.name.padEnd(32)} ${kb.toFixed(2).padStart(6)} KB${verdict}`);
}
const all = Object.keys(manifest);
console.log(`  ${'every chunk'.padEnd(32)} ${gzipKb(all).toFixed(1).padStart(6)} KB`);
