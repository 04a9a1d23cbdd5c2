import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Resolved from the server package, so the app under test and vitest's module graph share one graphql.
const require = createRequire(new URL('../server/package.json', import.meta.url));

export default defineConfig({
  resolve: {
    // graphql 16 ships index.mjs ("module") beside index.js ("main"); graphql refuses objects from
    // "another realm", so pin the one Node loads for the server's dependencies (as server/vitest.config.ts does).
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.e2e.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // Each file starts a server and a Chromium; on two cores, one file at a time keeps timings honest.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
