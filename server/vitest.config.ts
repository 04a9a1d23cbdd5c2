import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships index.mjs ("module") beside index.js ("main"). Vite picks the first for our code,
    // Node the second for dependencies, and graphql refuses objects from "another realm": pin one.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    globalSetup: ['./test/global-setup.ts'],
    // Each file gets its own database cloned from a migrated, seeded template, so files run in parallel.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
