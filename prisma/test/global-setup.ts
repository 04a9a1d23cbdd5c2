// Gives every test file of the run the admin URL of one PostgreSQL (see startTestPostgres).
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../src/test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string tests create and drop their databases from. */
    adminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startTestPostgres();
  project.provide('adminUrl', postgres.adminUrl);
  return () => postgres.stop();
}
