import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the embedded PostgreSQL once for the run when DATABASE_URL is unset.
    globalSetup: ['test/global-setup.ts'],
    // Tests build databases from migrations and start PostgreSQL clusters: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
