import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSeededTemplate, startTestPostgres } from '@posy/prisma/test-database';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    seededTemplate: string;
    webappDist: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Once per run: builds the webapp as production does (into webapp/dist, which the server serves), and
 * prepares PostgreSQL (DATABASE_URL, or embedded) with a migrated, seeded template that every test
 * file clones. The build always runs (about 4 s): deciding that dist is fresh would mean tracking
 * sources, assets, config, dependencies and VITE_* variables, and a wrong guess tests old code.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  const startedAt = performance.now();
  await promisify(execFile)('pnpm', ['--filter', '@posy/webapp', 'build'], {
    cwd: repoRoot,
    // vitest sets NODE_ENV=test, and Vite builds with import.meta.env.DEV true under anything but production.
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 16 * 1024 * 1024,
  });
  console.log(`webapp built in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);

  const postgres = await startTestPostgres();
  const seeded = await createSeededTemplate(postgres.adminUrl);

  project.provide('adminDatabaseUrl', postgres.adminUrl);
  project.provide('seededTemplate', new URL(seeded.databaseUrl).pathname.slice(1));
  project.provide('webappDist', `${repoRoot}webapp/dist`);
  return async () => {
    await seeded.drop();
    await postgres.stop();
  };
}
