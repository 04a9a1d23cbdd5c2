import { describe, expect, test } from 'vitest';
import { installationId } from './installation-id';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('installationId', () => {
  test('is made once and then the same on every launch', () => {
    const storage = memoryStorage();
    const first = installationId(storage);
    expect(first).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(installationId(storage)).toBe(first);
  });

  test('a stored value the server would refuse is replaced', () => {
    const storage = memoryStorage({ 'posy.installation': 'bad id' });
    expect(installationId(storage)).toMatch(/^[a-f0-9]{32}$/);
  });

  test('null where storage throws (a webview refusing it)', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
    };
    expect(installationId(refusing)).toBeNull();
  });
});
