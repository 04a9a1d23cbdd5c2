import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Every test talks to a local fake Bot API over real HTTP; keep failures fast.
    testTimeout: 10_000,
  },
});
