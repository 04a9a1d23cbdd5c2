// Lighthouse (mobile, its default: a mid-range phone on a slow 4G, simulated) on the sign-in page and
// the order board, printing performance and accessibility beside the targets (issue: ≥ 95 and 100).
// Needs a running server that serves the built webapp and the demo shop, e.g.:
//   pnpm --filter @posy/webapp build
//   SEED_DEMO=true PORT=4000 pnpm --filter @posy/server start     (another terminal)
//   pnpm --filter @posy/webapp lighthouse                          (POSY_URL=http://127.0.0.1:4000)
// Chromium comes from CHROME_PATH (default /usr/bin/chromium). The board is measured signed in as the
// demo manager: the script signs in through the login page in the same browser profile first, and
// Lighthouse keeps that profile's storage (disableStorageReset).
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';

const baseUrl = (process.env.POSY_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const debuggingPort = Number(process.env.LIGHTHOUSE_PORT ?? 9333);
const manager = { email: 'manager@posy.demo', password: process.env.DEMO_PASSWORD ?? 'posy-demo' };
const targets = { performance: 95, accessibility: 100 };

const browser = await chromium.launchPersistentContext('', {
  executablePath: chromePath,
  headless: true,
  args: ['--no-sandbox', `--remote-debugging-port=${debuggingPort}`],
});
try {
  const page = await browser.newPage();
  const results: { name: string; path: string; signIn: boolean }[] = [
    { name: 'login', path: '/login', signIn: false },
    { name: 'order board', path: '/orders', signIn: true },
  ];
  console.log(
    `Lighthouse (mobile) on ${baseUrl}: performance (target ${targets.performance}), accessibility (target ${targets.accessibility})`,
  );
  let failed = false;
  for (const screen of results) {
    if (screen.signIn) {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('Email').fill(manager.email);
      await page.getByLabel('Password').fill(manager.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(`${baseUrl}/orders`);
      await page.locator('.order-card').first().waitFor();
    }
    const run = await lighthouse(`${baseUrl}${screen.path}`, {
      port: debuggingPort,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      disableStorageReset: true,
    });
    if (!run) throw new Error(`Lighthouse returned nothing for ${screen.path}`);
    const { categories, audits } = run.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const performance = score('performance');
    const accessibility = score('accessibility');
    const ok = performance >= targets.performance && accessibility >= targets.accessibility;
    failed ||= !ok;
    console.log(
      `  ${screen.name.padEnd(12)} performance ${String(performance).padStart(3)}  accessibility ${String(accessibility).padStart(3)}  ${ok ? 'within' : 'below'} target` +
        `  (FCP ${audits['first-contentful-paint']?.displayValue}, LCP ${audits['largest-contentful-paint']?.displayValue}, TBT ${audits['total-blocking-time']?.displayValue}, CLS ${audits['cumulative-layout-shift']?.displayValue})`,
    );
    for (const audit of Object.values(audits)) {
      const inCategory = categories.accessibility?.auditRefs.some(
        (ref) => ref.id === audit.id && ref.weight > 0,
      );
      if (inCategory && audit.score !== null && audit.score < 1)
        console.log(`      accessibility: ${audit.id}: ${audit.title}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  await browser.close();
}
