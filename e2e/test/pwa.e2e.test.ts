import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser.js';
import { type E2eServer, startServer } from './server.js';

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('pwa');

describe('the installable app', () => {
  it('is a production build, without the development mock of Telegram', async () => {
    const { page } = browser.current();
    const assetsDir = path.join(inject('webappDist'), 'assets');
    const scripts = (await readdir(assetsDir)).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      expect(await readFile(path.join(assetsDir, file), 'utf8'), file).not.toContain(
        'POSY_MOCK_TELEGRAM_ENV',
      );
    }
    await page.goto(`${server.url}/login`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to Posy');
  });

  it('sends the build’s compressed copies, hashed assets cached for good and the page revalidated', async () => {
    const { page } = browser.current();
    await page.goto(`${server.url}/login`);
    const entry = await page.locator('script[type="module"]').first().getAttribute('src');
    expect(entry).toMatch(/^\/assets\/index-[\w-]+\.js$/);

    const brotli = await fetch(`${server.url}${entry}`, { headers: { 'accept-encoding': 'br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers.get('vary')).toBe('Accept-Encoding');
    const plain = await fetch(`${server.url}${entry}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const original = await plain.text();
    // fetch decodes brotli itself: what arrives is the same script, in fewer bytes on the wire.
    expect(await brotli.text()).toBe(original);
    const brotliBytes = (await readFile(path.join(inject('webappDist'), `${entry}.br`))).length;
    expect(brotliBytes).toBeLessThan(Buffer.byteLength(original) / 2);
    const gzip = await fetch(`${server.url}${entry}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');

    for (const route of ['/login', '/orders/some-order', '/sw.js', '/manifest.webmanifest']) {
      const response = await fetch(`${server.url}${route}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(response.status, route).toBe(200);
      expect(response.headers.get('cache-control'), route).toBe('no-cache');
    }
  });

  it('serves the web app manifest the page links to', async () => {
    const { page } = browser.current();
    await page.goto(`${server.url}/login`);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBe('/manifest.webmanifest');

    const response = await page.request.get(`${server.url}/manifest.webmanifest`);
    expect(response.status()).toBe(200);
    const manifest = await response.json();
    expect(manifest).toMatchObject({ name: 'Posy', start_url: '/', display: 'standalone' });
    for (const icon of manifest.icons as { src: string }[]) {
      const image = await page.request.get(new URL(icon.src, `${server.url}/`).toString());
      expect(image.status(), icon.src).toBe(200);
    }
  });

  it('registers the service worker, which opens the app shell offline', async () => {
    const { context, page } = browser.current();
    await page.goto(`${server.url}/login`);
    const scriptUrl = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.scriptURL;
    });
    expect(scriptUrl).toBe(`${server.url}/sw.js`);
    // The worker does not claim the page that registered it (no clientsClaim): the next load is its.
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      `${server.url}/sw.js`,
    );

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to Posy');
  });
});
