import { describe, expect, it } from 'vitest';
import { sortStaff, staffRefusalMessages, telegramShareUrl } from './team';

describe('sortStaff', () => {
  it('lists admins first, then managers, florists and couriers, each by name', () => {
    const member = (role: 'ADMIN' | 'MANAGER' | 'FLORIST' | 'COURIER', name: string) => ({
      role,
      user: { name },
    });
    const sorted = sortStaff(
      [
        member('COURIER', 'Kirill'),
        member('ADMIN', 'Boris'),
        member('MANAGER', 'Max'),
        member('ADMIN', 'Anna'),
      ],
      'en',
    );
    expect(sorted.map((m) => m.user.name)).toEqual(['Anna', 'Boris', 'Max', 'Kirill']);
  });
});

describe('telegramShareUrl', () => {
  it('puts the link and the text in Telegram’s share link, encoded', () => {
    const link = 'https://t.me/posy_bot?startapp=invite-abc_DEF-123';
    const shared = new URL(telegramShareUrl(link, 'Join Posy Demo & co'));
    expect(shared.origin + shared.pathname).toBe('https://t.me/share/url');
    expect(shared.searchParams.get('url')).toBe(link);
    expect(shared.searchParams.get('text')).toBe('Join Posy Demo & co');
  });
});

describe('staffRefusalMessages', () => {
  it('explains the last admin’s refusal by its type', () => {
    expect(staffRefusalMessages).toEqual({ LastAdmin: 'team.error.lastAdmin' });
  });
});
