import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let development: TestApp;
let production: TestApp;
let productionWithGraphiql: TestApp;
beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const productionEnv = {
    NODE_ENV: 'production',
    JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  [development, production, productionWithGraphiql] = await Promise.all([
    startTestApp(),
    startTestApp(productionEnv),
    startTestApp({ ...productionEnv, GRAPHIQL: 'true' }),
  ]);
});
afterAll(() => Promise.all([development?.stop(), production?.stop(), productionWithGraphiql?.stop()]));

/** What a browser opening /graphql asks for. */
const openInBrowser = (app: TestApp) => fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });

/** Every address the page would load something from: src/href attributes, CSS url(), ES imports. */
function loadedAddresses(html: string) {
  const patterns = [
    /\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi,
    /url\(\s*["']?([^"')]+)/gi,
    /\bimport\s*(?:[^"'()]*?from\s*)?["']([^"']+)["']/gi,
    /\bimport\(\s*["']([^"']+)["']/gi,
  ];
  return patterns.flatMap((pattern) => [...html.matchAll(pattern)].map((match) => match[1]!));
}

describe('GraphiQL', () => {
  test('outside production it is served, with every script and style from the installed package', async () => {
    const response = await openInBrowser(development);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<title>Posy GraphQL</title>');
    expect(html).toContain('renderYogaGraphiQL');
    const external = loadedAddresses(html).filter((address) => /^(?:https?:)?\/\//i.test(address));
    expect(external).toEqual([]);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr\.net|cdnjs|esm\.sh/);
  });

  test('production does not serve it unless GRAPHIQL is on', async () => {
    const response = await openInBrowser(production);
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
    const body = await response.text();
    expect(body).not.toContain('renderYogaGraphiQL');
    expect(body).not.toContain('<html');

    const enabled = await openInBrowser(productionWithGraphiql);
    expect(enabled.headers.get('content-type')).toContain('text/html');
    expect(await enabled.text()).toContain('renderYogaGraphiQL');
  });
});
