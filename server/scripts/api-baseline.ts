// Accepts the current schema as the published API: copies schema.graphql into api-baseline.graphql under a
// header dated today (UTC). The API compatibility test then wants API-CHANGELOG.md's newest entry headed with
// that date, so this prints what the entry has to tell integrators.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baselineText, compareApi } from '../src/graphql/api-compatibility.js';

const baselinePath = fileURLToPath(new URL('../api-baseline.graphql', import.meta.url));
const current = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
let previous: string | null = null;
try {
  previous = readFileSync(baselinePath, 'utf8');
} catch {
  // No baseline yet: this is the first published API.
}

const date = new Date().toISOString().slice(0, 10);
const breaking = previous ? compareApi(previous, current).breaking : [];
writeFileSync(baselinePath, baselineText(current, date));
console.log(`wrote ${baselinePath} (published ${date})`);
console.log(
  `now add "## ${date} — <what broke>" at the top of server/API-CHANGELOG.md: what broke, why, what integrators do`,
);
for (const change of breaking) console.log(`  breaking: ${change.type}: ${change.description}`);
