import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRowOrGone, refreshScheduler } from './live-refresh';

describe('a live screen', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('re-reads once per burst of changes, and again for the next burst', () => {
    vi.useFakeTimers();
    const refresh = vi.fn();
    const scheduler = refreshScheduler(refresh, 300);
    for (let i = 0; i < 5; i++) {
      scheduler.schedule();
      vi.advanceTimersByTime(100);
    }
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(refresh).toHaveBeenCalledTimes(1);
    scheduler.schedule(); // the socket came back: what it missed is read again
    vi.advanceTimersByTime(300);
    expect(refresh).toHaveBeenCalledTimes(2);
    scheduler.schedule();
    scheduler.cancel();
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('showing one row, reads it again for its own change or a row gone, not for another row', () => {
    expect(isRowOrGone({ id: 'shown' }, 'shown')).toBe(true);
    expect(isRowOrGone(null, 'shown')).toBe(true);
    expect(isRowOrGone(undefined, 'shown')).toBe(true);
    expect(isRowOrGone({ id: 'other' }, 'shown')).toBe(false);
  });
});
