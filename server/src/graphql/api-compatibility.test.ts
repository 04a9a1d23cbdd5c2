import { describe, expect, test } from 'vitest';
import {
  baselineText,
  checkApi,
  compareApi,
  newestChangelogDate,
  publishedDate,
} from './api-compatibility.js';

const base = `
type Query { order(id: ID!): Order, orders(first: Int): [Order!]! }
type Order { id: ID!, total: Int!, note: String, status: Status! }
enum Status { NEW READY }
`;

/** The breaking-change kinds graphql-js reports for `current` against `base`. */
const breakingKinds = (current: string) => compareApi(base, current).breaking.map((change) => change.type);

describe('compareApi: what graphql-js counts as breaking', () => {
  test('an unchanged schema breaks nothing', () => {
    expect(compareApi(base, base)).toEqual({ breaking: [], dangerous: [] });
  });

  test('a removed field is breaking', () => {
    expect(breakingKinds(base.replace('note: String, ', ''))).toEqual(['FIELD_REMOVED']);
  });

  test('an output field made nullable is breaking too (clients may rely on the value being there)', () => {
    const current = base.replace('total: Int!', 'total: Int');
    expect(compareApi(base, current).breaking).toEqual([
      { type: 'FIELD_CHANGED_KIND', description: 'Order.total changed type from Int! to Int.' },
    ]);
  });

  test('an output field made non-null is safe', () => {
    expect(compareApi(base, base.replace('note: String', 'note: String!'))).toEqual({
      breaking: [],
      dangerous: [],
    });
  });

  test('a removed enum value is breaking', () => {
    expect(breakingKinds(base.replace('NEW READY', 'NEW'))).toEqual(['VALUE_REMOVED_FROM_ENUM']);
  });

  test('an added enum value is only dangerous', () => {
    const result = compareApi(base, base.replace('NEW READY', 'NEW READY DONE'));
    expect(result.breaking).toEqual([]);
    expect(result.dangerous.map((change) => change.type)).toEqual(['VALUE_ADDED_TO_ENUM']);
  });

  test('an added optional argument is not breaking (graphql-js calls it dangerous)', () => {
    const result = compareApi(base, base.replace('orders(first: Int)', 'orders(first: Int, status: Status)'));
    expect(result.breaking).toEqual([]);
    expect(result.dangerous.map((change) => change.type)).toEqual(['OPTIONAL_ARG_ADDED']);
  });

  test('an added required argument is breaking', () => {
    expect(breakingKinds(base.replace('orders(first: Int)', 'orders(first: Int, shop: ID!)'))).toEqual([
      'REQUIRED_ARG_ADDED',
    ]);
  });

  test('the header comment of the baseline is not part of the schema', () => {
    expect(compareApi(baselineText(base, '2026-12-02'), base)).toEqual({ breaking: [], dangerous: [] });
  });
});

describe('publishedDate and newestChangelogDate', () => {
  test('the baseline names its date on its first line only', () => {
    expect(publishedDate(baselineText(base, '2026-12-02'))).toBe('2026-12-02');
    expect(publishedDate(base)).toBeNull();
    expect(publishedDate(`# something\n# published: 2026-12-02\n${base}`)).toBeNull();
    expect(publishedDate(`# published: 2nd of December\n${base}`)).toBeNull();
  });

  test("the changelog's newest entry is its first dated heading", () => {
    const changelog = '# API changelog\n\nNewest first.\n\n## 2026-12-09 — x\n\n...\n\n## 2026-12-02 — y\n';
    expect(newestChangelogDate(changelog)).toBe('2026-12-09');
    expect(newestChangelogDate('# API changelog\n\n### 2026-12-09\n')).toBeNull();
  });
});

describe('checkApi: the rules the repository test applies', () => {
  const changelog = (date: string) => `# API changelog\n\n## ${date} — first published API\n\nWhy.\n`;
  const baseline = baselineText(base, '2026-12-02');

  test('passes when nothing breaks and the newest entry names the published date; additions are fine', () => {
    const current = base
      .replace('NEW READY', 'NEW READY DONE')
      .replace('note: String,', 'note: String, tip: Int,');
    const result = checkApi({ baseline, current, changelog: changelog('2026-12-02') });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual(['VALUE_ADDED_TO_ENUM: DONE was added to enum type Status.']);
  });

  test('fails on a breaking change, listing it and how to accept it', () => {
    const result = checkApi({
      baseline,
      current: base.replace('NEW READY', 'NEW'),
      changelog: changelog('2026-12-02'),
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain('VALUE_REMOVED_FROM_ENUM: READY was removed from enum type Status.');
    expect(result.problems[0]).toContain('pnpm --filter @posy/server api-baseline');
    expect(result.problems[0]).toContain('API-CHANGELOG.md');
  });

  test('fails when the baseline was moved forward without a changelog entry of its date', () => {
    const moved = baselineText(base, '2026-12-09');
    const result = checkApi({ baseline: moved, current: base, changelog: changelog('2026-12-02') });
    expect(result.problems).toEqual([
      `API-CHANGELOG.md's newest entry must be headed "## 2026-12-09" (the baseline's published date), ` +
        'found "## 2026-12-02": write what broke, why, and what integrators do.',
    ]);
  });

  test('fails when the changelog has no dated entry, or the baseline no header', () => {
    expect(checkApi({ baseline, current: base, changelog: '# API changelog\n' }).problems).toHaveLength(1);
    const headless = checkApi({ baseline: base, current: base, changelog: changelog('2026-12-02') });
    expect(headless.problems).toEqual([
      'api-baseline.graphql must start with "# published: YYYY-MM-DD"; regenerate it with `pnpm --filter @posy/server api-baseline`.',
    ]);
  });
});
