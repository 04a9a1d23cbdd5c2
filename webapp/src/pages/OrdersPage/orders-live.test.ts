import { describe, expect, it } from 'vitest';
import { liveBoardFeed } from './orders-live';

describe('the live order board', () => {
  it('follows the shop’s feed as staff and their own as a customer', () => {
    expect(liveBoardFeed('MANAGER')).toBe('shop');
    expect(liveBoardFeed('COURIER')).toBe('shop');
    expect(liveBoardFeed('CUSTOMER')).toBe('mine');
    expect(liveBoardFeed(undefined)).toBeNull();
  });
});
