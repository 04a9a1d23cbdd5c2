import { describe, expect, it } from 'vitest';
import {
  isAccessTokenExpiring,
  type Membership,
  parseStoredSession,
  pickActiveShopId,
  type Session,
  type Shop,
  shopAccesses,
  storedPart,
  withMembership,
} from './session';

function shop(id: string): Shop {
  return { id, name: id, slug: id, currency: 'RUB', timezone: 'Europe/Moscow' };
}

function membership(shopId: string): Membership {
  return { role: 'MANAGER', shop: shop(shopId) };
}

const stored: Session = {
  accessToken: 'access',
  accessTokenExpiresAt: '2026-03-12T12:00:00.000Z',
  refreshToken: 'refresh',
  user: {
    id: 'VXNlcjox',
    name: 'Anna',
    locale: 'ru',
    telegramUsername: null,
    memberships: [membership('a')],
  },
  customerShops: [],
  activeShopId: 'a',
};

const withoutTokens: Session = {
  ...stored,
  accessToken: null,
  accessTokenExpiresAt: null,
  refreshToken: null,
};

describe('parseStoredSession', () => {
  it('reads back what was stored, with no tokens (they never are)', () => {
    expect(parseStoredSession(JSON.stringify(storedPart(stored)))).toEqual(withoutTokens);
    // Tokens in the data (written by hand, or by a script) are not taken up.
    expect(parseStoredSession(JSON.stringify(stored))).toEqual(withoutTokens);
  });

  it('drops missing, broken and foreign data', () => {
    expect(parseStoredSession(null)).toBeNull();
    expect(parseStoredSession('{not json')).toBeNull();
    expect(parseStoredSession(JSON.stringify({ token: 'old format' }))).toBeNull();
    expect(parseStoredSession(JSON.stringify({ ...stored, activeShopId: 7 }))).toBeNull();
    expect(parseStoredSession(JSON.stringify({ ...stored, customerShops: 'a' }))).toBeNull();
  });

  it('drops a session without customer shops (every stored session of this version has them)', () => {
    const { customerShops: _, ...older } = storedPart(stored);
    expect(parseStoredSession(JSON.stringify(older))).toBeNull();
  });
});

describe('storedPart', () => {
  it('leaves every token out of what is stored', () => {
    const text = JSON.stringify(storedPart(stored));
    expect(text).not.toContain('access');
    expect(text).not.toContain('refresh');
    expect(storedPart(stored)).toEqual({ user: stored.user, customerShops: [], activeShopId: 'a' });
  });
});

describe('shopAccesses', () => {
  it('lists memberships, then the shops the user is only a customer of', () => {
    expect(shopAccesses(stored.user, [shop('a'), shop('c')])).toEqual([
      membership('a'),
      { role: 'CUSTOMER', shop: shop('c') },
    ]);
  });
});

describe('pickActiveShopId', () => {
  it('keeps the preferred shop while the user is a member', () => {
    expect(pickActiveShopId([membership('a'), membership('b')], 'b')).toBe('b');
  });

  it('works in the only shop of a customer', () => {
    expect(pickActiveShopId(shopAccesses({ ...stored.user, memberships: [] }, [shop('c')]), null)).toBe('c');
  });

  it('picks the only shop, and asks when there are several', () => {
    expect(pickActiveShopId([membership('a')], null)).toBe('a');
    expect(pickActiveShopId([membership('a'), membership('b')], 'gone')).toBeNull();
    expect(pickActiveShopId([], 'a')).toBeNull();
  });
});

describe('isAccessTokenExpiring', () => {
  it('refreshes a little before the expiry and after it', () => {
    expect(isAccessTokenExpiring(stored, new Date('2026-03-12T11:58:00Z'))).toBe(false);
    expect(isAccessTokenExpiring(stored, new Date('2026-03-12T11:59:45Z'))).toBe(true);
    expect(isAccessTokenExpiring({ ...stored, accessTokenExpiresAt: 'soon' }, new Date())).toBe(true);
  });

  it('counts a session with no access token in memory (after a reload) as expired', () => {
    expect(isAccessTokenExpiring(withoutTokens, new Date('2026-03-12T11:00:00Z'))).toBe(true);
  });
});

describe('withMembership', () => {
  it('adds the joined shop and works in it', () => {
    const joined = withMembership({ ...stored, activeShopId: null }, { role: 'COURIER', shop: shop('b') });
    expect(joined.user.memberships).toEqual([membership('a'), { role: 'COURIER', shop: shop('b') }]);
    expect(joined.activeShopId).toBe('b');
  });

  it('replaces an earlier membership of the same shop, and keeps customer shops', () => {
    const customer = { ...stored, customerShops: [shop('a')] };
    const joined = withMembership(customer, { role: 'FLORIST', shop: shop('a') });
    expect(joined.user.memberships).toEqual([{ role: 'FLORIST', shop: shop('a') }]);
    expect(joined.customerShops).toEqual([shop('a')]);
  });
});
