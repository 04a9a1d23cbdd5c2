import { readFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { expect, test } from 'vitest';
import { schema } from '../src/schema.js';

test('schema.graphql is the schema the code builds (run `pnpm generate` after changing it)', () => {
  const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
  expect(`${printSchema(lexicographicSortSchema(schema))}\n`).toBe(committed);
});
