import { describe, expect, it } from 'vitest';
import { taskActions } from './production-task';

const me = { role: 'FLORIST' as const, userId: 'me' };

describe('taskActions', () => {
  it('lets production staff take a pending task, and nobody else', () => {
    const pending = { status: 'PENDING' as const, florist: null };
    expect(taskActions(pending, me)).toEqual({ take: true, release: false, finish: false });
    expect(taskActions(pending, { role: 'MANAGER', userId: 'm' }).take).toBe(true);
    expect(taskActions(pending, { role: 'COURIER', userId: 'c' }).take).toBe(false);
    expect(taskActions(pending, { role: 'CUSTOMER', userId: 'c' }).take).toBe(false);
  });

  it('lets the florist holding a task, or a manager, release and finish it', () => {
    const mine = { status: 'IN_PROGRESS' as const, florist: { id: 'me' } };
    const theirs = { status: 'IN_PROGRESS' as const, florist: { id: 'someone' } };
    expect(taskActions(mine, me)).toEqual({ take: false, release: true, finish: true });
    expect(taskActions(theirs, me)).toEqual({ take: false, release: false, finish: false });
    expect(taskActions(theirs, { role: 'ADMIN', userId: 'a' })).toEqual({
      take: false,
      release: true,
      finish: true,
    });
  });

  it('offers nothing on a finished or cancelled task', () => {
    for (const status of ['DONE', 'CANCELLED'] as const) {
      expect(taskActions({ status, florist: { id: 'me' } }, me)).toEqual({
        take: false,
        release: false,
        finish: false,
      });
    }
  });
});
