import { createSeededTemplate, startTestPostgres } from '@posy/prisma/test-database';
import type { TestProject } from 'vitest/node';
import { migrateJobQueue } from '../src/jobs/job-queue.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    seededTemplate: string;
  }
}

/**
 * Once per run: a PostgreSQL (DATABASE_URL, or embedded), a migrated template, and from it a seeded
 * template that every test file clones (CREATE DATABASE … TEMPLATE, a few ms) instead of migrating.
 */
export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres();
  const seeded = await createSeededTemplate(postgres.adminUrl);
  // graphile-worker's schema too, so each test app's start-up finds it in place (src/jobs/job-queue.ts).
  await migrateJobQueue(seeded.databaseUrl);
  project.provide('adminDatabaseUrl', postgres.adminUrl);
  project.provide('seededTemplate', new URL(seeded.databaseUrl).pathname.slice(1));
  return async () => {
    await seeded.drop();
    await postgres.stop();
  };
}
