import { defineConfig } from 'vitest/config';

// Unit tests cover pure logic only (route paths, filters, formatters, error mapping, session parsing), so they
// run in Node without the Solid and PWA plugins.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
