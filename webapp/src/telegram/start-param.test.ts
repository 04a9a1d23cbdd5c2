import { describe, expect, it } from 'vitest';
import { inviteTokenFromStartParam, launchRedirect } from './start-param';

const token = 'Zm9vYmFyYmF6cXV4LXF1dXg_12';

describe('inviteTokenFromStartParam', () => {
  it('reads the token of an invite link', () => {
    expect(inviteTokenFromStartParam(`invite-${token}`)).toBe(token);
  });

  it('ignores shop links, short or foreign tokens and no parameter', () => {
    expect(inviteTokenFromStartParam('shop-demo')).toBeUndefined();
    expect(inviteTokenFromStartParam('invite-short')).toBeUndefined();
    expect(inviteTokenFromStartParam(`invite-${token}/../x`)).toBeUndefined();
    expect(inviteTokenFromStartParam(undefined)).toBeUndefined();
  });
});

describe('launchRedirect', () => {
  it('opens the invite page when Telegram opened the start page from an invite link', () => {
    expect(launchRedirect(`invite-${token}`, '/')).toBe(`/invite/${token}`);
  });

  it('leaves other pages and other launches alone', () => {
    expect(launchRedirect(`invite-${token}`, '/orders')).toBeUndefined();
    expect(launchRedirect('shop-demo', '/')).toBeUndefined();
  });
});
