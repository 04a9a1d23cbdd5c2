import { describe, expect, it } from 'vitest';
import { sortStaff, staffChangeFailureMessage, telegramShareUrl } from './team';

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

describe('staffChangeFailureMessage', () => {
  it('explains the last admin’s refusal by its reason', () => {
    expect(
      staffChangeFailureMessage({ code: 'CONFLICT', detail: 'No admin would be left', reason: 'LAST_ADMIN' }),
    ).toBe('team.error.lastAdmin');
  });

  it('leaves a conflict without that reason to the general message and the server’s words', () => {
    expect(
      staffChangeFailureMessage({
        code: 'CONFLICT',
        detail: 'The shop would have no admin left; make someone else admin first',
      }),
    ).toBeUndefined();
    expect(staffChangeFailureMessage({ code: 'CONFLICT', reason: 'ALREADY_MEMBER' })).toBeUndefined();
    expect(staffChangeFailureMessage({ code: 'FORBIDDEN' })).toBeUndefined();
  });
});
