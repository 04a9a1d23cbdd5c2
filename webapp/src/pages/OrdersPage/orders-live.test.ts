import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveBoardFeed, refreshScheduler } from './orders-live';

describe('the live order board', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('follows the shop’s feed as staff and their own as a customer', () => {
    expect(liveBoardFeed('MANAGER')).toBe('shop');
    expect(liveBoardFeed('COURIER')).toBe('shop');
    expect(liveBoardFeed('CUSTOMER')).toBe('mine');
    expect(liveBoardFeed(undefined)).toBeNull();
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
});
