import { afterAll, beforeAll, it } from 'vitest';
import { useBrowser } from './browser.js';
import { manager, signInWithPassword } from './journeys.js';
import { type E2eServer, startServer } from './server.js';
let server: E2eServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });
const browser = useBrowser('debug');
it('debug', async () => {
  const { page } = browser.current();
  page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
  page.on('requestfailed', (r) => console.log('FAILED', r.url(), r.failure()?.errorText));
  page.on('response', (r) => { if (r.url().includes('graphql')) r.text().then((t) => console.log('RESP', r.status(), t.slice(0, 300))).catch(() => {}); });
  await signInWithPassword(page, server, manager);
  await page.waitForURL(`${server.url}/orders`);
  await new Promise((r) => setTimeout(r, 5000));
  console.log('HTML', (await page.content()).slice(0, 3000));
}, 60_000);
