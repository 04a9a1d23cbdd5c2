import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fileKey } from '../src/storage/file-storage.js';
import { LocalDiskStorage } from '../src/storage/local-disk-storage.js';
import { startTestApp, type TestApp } from './harness.js';

// The 8-byte PNG signature and a little more: the route serves bytes as stored, it does not decode them.
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let app: TestApp;
let storage: LocalDiskStorage;
beforeAll(async () => {
  app = await startTestApp();
  storage = new LocalDiskStorage(path.join(app.config.dataDir, 'files'));
});
afterAll(() => app?.stop());

describe('GET /files/<key>', () => {
  test('a public file is served with its type, nosniff and a year of immutable caching', async () => {
    const key = fileKey('public', sha(PNG), 'png');
    await storage.put(key, PNG);
    const response = await fetch(`${app.url}/files/${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
  });

  test('unknown keys, private files and paths that are not keys are 404 alike', async () => {
    const privateKey = fileKey('private', sha(Uint8Array.of(9, 9)), 'jpg');
    await storage.put(privateKey, Uint8Array.of(9, 9));
    for (const key of [
      fileKey('public', 'f'.repeat(64), 'webp'),
      privateKey,
      '..%2F..%2Fpackage.json',
      'public/../private/x.png',
      'public/not-a-hash.png',
      '%E0%A4%A',
    ]) {
      const response = await fetch(`${app.url}/files/${key}`);
      expect(response.status, key).toBe(404);
      expect(response.headers.get('cache-control'), key).toBe('no-store');
    }
  });
});
