import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { loadMessages, loadSections, locale } from '../../i18n/i18n';
import { ru } from '../../i18n/ru';
import { auditActions } from './audit-filter';
import { auditActionLabel, jobAuditActions } from './audit-label';

// The server's sources, as text: every action a writeAuditEntry call names in quotes (the mutations' own
// call passes the field's name, so only the jobs' literal names are found).
const serverSources = import.meta.glob<string>(['../../../../server/src/**/*.ts', '!**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const writtenActions = Object.values(serverSources).flatMap((source) =>
  [...source.matchAll(/writeAuditEntry\(\s*\w+,\s*([^{]*?),\s*\{/g)].flatMap((call) =>
    [...call[1]!.matchAll(/'(\w+)'/g)].map((m) => m[1]!),
  ),
);

// Labels come through t(), which needs the current language's messages loaded, as index.tsx does, and
// the audit page's section, as its route does.
beforeAll(async () => {
  await loadMessages(locale());
  await loadSections(['audit']);
});

describe('job audit actions', () => {
  it('are the actions the server’s jobs write, none of them a mutation', () => {
    expect(Object.keys(serverSources).length).toBeGreaterThan(10);
    expect([...new Set(writtenActions)].sort()).toEqual([...jobAuditActions].sort());
    for (const action of jobAuditActions) expect(auditActions as readonly string[]).not.toContain(action);
  });

  it('have a label in English and in Russian', () => {
    for (const action of jobAuditActions) {
      const key = `auditAction.${action}` as const;
      expect(auditActionLabel(action)).toBe(en[key]);
      expect(en[key]).not.toBe(action);
      expect(ru[key]).toMatch(/[а-яё]/i);
    }
  });

  it('a mutation keeps its label, an unknown action shows as it came', () => {
    expect(auditActionLabel('createOrder')).toBe(en['auditAction.createOrder']);
    expect(auditActionLabel('dropDatabase')).toBe('dropDatabase');
  });

  it('a refused sign-in (`<mutation>.failed`) is labelled as that mutation, refused', () => {
    expect(auditActionLabel('loginWithPassword.failed')).toBe(
      `Refused: ${en['auditAction.loginWithPassword']}`,
    );
    expect(auditActionLabel('dropDatabase.failed')).toBe('dropDatabase.failed');
  });
});
