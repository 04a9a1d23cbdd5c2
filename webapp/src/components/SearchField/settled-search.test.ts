import { createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSettledSearch, searchDelayMs } from './settled-search';

describe('createSettledSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('settles on what was typed once typing paused, once for a burst of keys', () => {
    createRoot((dispose) => {
      const search = createSettledSearch();
      for (const text of ['r', 'ro', 'ros', 'rose']) {
        search.setTyped(text);
        vi.advanceTimersByTime(searchDelayMs - 1);
      }
      expect(search.typed()).toBe('rose');
      expect(search.settled()).toBe('');
      vi.advanceTimersByTime(1);
      expect(search.settled()).toBe('rose');
      dispose();
    });
  });

  it('forgets a pending search when its component goes', () => {
    createRoot((dispose) => {
      const search = createSettledSearch('tulip');
      search.setTyped('peony');
      dispose();
      vi.advanceTimersByTime(searchDelayMs);
      expect(search.settled()).toBe('tulip');
    });
  });
});
