// The published-API guard (issue 14): integrators build against `server/api-baseline.graphql`; the schema the
// code prints may grow past it freely, but may only break it when the baseline is moved forward on purpose,
// with an API-CHANGELOG.md entry telling integrators what broke, why and what to do.
// Pure functions over SDL text, so the rules are unit-tested with tiny schemas and the repository test and the
// `api-baseline` script share them.
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';

/** One difference graphql-js reports: its kind (e.g. FIELD_REMOVED) and a sentence naming the coordinate. */
export interface ApiChange {
  type: string;
  description: string;
}

/** What the current schema does to clients of the baseline: changes that break them, and ones that may. */
export interface ApiComparison {
  breaking: ApiChange[];
  dangerous: ApiChange[];
}

/** The outcome of the guard: problems fail it; warnings (dangerous changes) are printed only. */
export interface ApiCheck {
  problems: string[];
  warnings: string[];
}

const publishedHeader = /^# published: (\d{4}-\d{2}-\d{2})$/;
const changelogEntry = /^## (\d{4}-\d{2}-\d{2})\b/m;

/** The command that accepts the current schema as the published API. */
export const acceptCommand = 'pnpm --filter @posy/server api-baseline';

/**
 * Compares two SDL documents the way graphql-js does (`findBreakingChanges`, `findDangerousChanges`).
 * Comments such as the baseline's header are not part of the schema and are ignored.
 */
export function compareApi(baselineSdl: string, currentSdl: string): ApiComparison {
  const baseline = buildSchema(baselineSdl);
  const current = buildSchema(currentSdl);
  const plain = ({ type, description }: ApiChange) => ({ type, description });
  return {
    breaking: findBreakingChanges(baseline, current).map(plain),
    dangerous: findDangerousChanges(baseline, current).map(plain),
  };
}

/** The date of the baseline's first line `# published: YYYY-MM-DD`; null when the line is missing. */
export function publishedDate(baselineSdl: string): string | null {
  const firstLine = baselineSdl.split('\n', 1)[0] ?? '';
  return publishedHeader.exec(firstLine.trim())?.[1] ?? null;
}

/** The date of the changelog's newest entry: the first heading `## YYYY-MM-DD …`; null when there is none. */
export function newestChangelogDate(changelogMd: string): string | null {
  return changelogEntry.exec(changelogMd)?.[1] ?? null;
}

/** The baseline file the `api-baseline` script writes: the header line dated `date`, then the current SDL. */
export function baselineText(currentSdl: string, date: string): string {
  return `# published: ${date}\n${currentSdl}`;
}

/**
 * The guard's rules, in order:
 * 1. the baseline starts with `# published: YYYY-MM-DD`;
 * 2. the changelog's newest entry is headed with that same date — every baseline update gets a new date (the
 *    day it is accepted), so moving the baseline without writing its entry fails;
 * 3. the current schema breaks nothing in the baseline (`findBreakingChanges` is empty).
 * Additions and other non-breaking changes pass; dangerous ones come back as warnings.
 */
export function checkApi(input: { baseline: string; current: string; changelog: string }): ApiCheck {
  const problems: string[] = [];
  const date = publishedDate(input.baseline);
  if (!date) {
    problems.push(
      `api-baseline.graphql must start with "# published: YYYY-MM-DD"; regenerate it with \`${acceptCommand}\`.`,
    );
  } else {
    const entry = newestChangelogDate(input.changelog);
    if (entry !== date) {
      problems.push(
        `API-CHANGELOG.md's newest entry must be headed "## ${date}" (the baseline's published date), ` +
          `found ${entry ? `"## ${entry}"` : 'no dated entry'}: write what broke, why, and what integrators do.`,
      );
    }
  }
  const { breaking, dangerous } = compareApi(input.baseline, input.current);
  if (breaking.length > 0) {
    problems.push(
      [
        `schema.graphql breaks the published API (api-baseline.graphql) in ${breaking.length} way(s):`,
        ...breaking.map((change) => `  ${change.type}: ${change.description}`),
        `If this is intended, run \`${acceptCommand}\` and add an entry to API-CHANGELOG.md (newest first,`,
        'headed with the new published date): what broke, why, and what integrators do.',
      ].join('\n'),
    );
  }
  return { problems, warnings: dangerous.map((change) => `${change.type}: ${change.description}`) };
}
