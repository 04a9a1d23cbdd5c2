import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { checkApi } from '../src/graphql/api-compatibility.js';

const read = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');

// schema-drift.test.ts keeps schema.graphql equal to the code; this keeps it compatible with what integrators
// were promised (api-baseline.graphql), unless the baseline moved forward with a changelog entry saying why.
test('schema.graphql breaks nothing in the published API (api-baseline.graphql, API-CHANGELOG.md)', () => {
  const { problems, warnings } = checkApi({
    baseline: read('api-baseline.graphql'),
    current: read('schema.graphql'),
    changelog: read('API-CHANGELOG.md'),
  });
  // Dangerous changes (an enum value or union member added, …) may surprise exhaustive clients: say so.
  for (const warning of warnings) console.warn(`API warning: ${warning}`);
  expect(problems, problems.join('\n\n')).toEqual([]);
});
