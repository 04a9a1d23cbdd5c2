import { describe, expect, it } from 'vitest';
import {
  afterLoginPath,
  href,
  inAppPath,
  inviteTokenFromParams,
  orderIdFromParams,
  routePaths,
} from './route-paths';

/** The same segment matching @solidjs/router does: static segments equal, `:name` takes one segment. */
function matches(pattern: string, path: string): boolean {
  const patternSegments = pattern.split('/').filter(Boolean);
  const pathSegments = path.split('?')[0]!.split('/').filter(Boolean);
  return (
    patternSegments.length === pathSegments.length &&
    patternSegments.every((segment, index) => segment.startsWith(':') || segment === pathSegments[index])
  );
}

describe('href', () => {
  it('builds a link for each route in the table', () => {
    expect(matches(routePaths.login, href.login())).toBe(true);
    expect(matches(routePaths.shops, href.shops())).toBe(true);
    expect(matches(routePaths.orders, href.orders())).toBe(true);
    expect(matches(routePaths.order, href.order('T3JkZXI6MQ=='))).toBe(true);
    expect(matches(routePaths.team, href.team())).toBe(true);
    expect(matches(routePaths.apiKeys, href.apiKeys())).toBe(true);
    expect(matches(routePaths.audit, href.audit())).toBe(true);
    expect(matches(routePaths.invite, href.invite('abc_DEF-1234567890'))).toBe(true);
  });

  it('carries the audit filter, and an invite token back from the segment', () => {
    expect(href.audit({ action: 'createInvite' })).toBe('/audit?action=createInvite');
    expect(href.audit({ action: null })).toBe('/audit');
    const link = href.invite('abc_DEF-1234567890');
    expect(inviteTokenFromParams({ token: link.split('/')[2] })).toBe('abc_DEF-1234567890');
  });

  it('keeps a global ID with "/" in one segment and gives it back decoded', () => {
    const id = 'T3JkZXI6/a+b==';
    const link = href.order(id);
    expect(matches(routePaths.order, link)).toBe(true);
    expect(orderIdFromParams({ orderId: link.split('/')[2] })).toBe(id);
  });

  it('carries the board filter and the page to return to after login', () => {
    expect(href.orders({ statuses: ['NEW', 'READY'], search: 'roses' })).toBe(
      '/orders?status=NEW%2CREADY&q=roses',
    );
    expect(href.login('/orders/abc?x=1')).toBe('/login?next=%2Forders%2Fabc%3Fx%3D1');
  });
});

describe('afterLoginPath', () => {
  it('goes back to the page that asked for login', () => {
    expect(afterLoginPath('/orders/abc')).toBe('/orders/abc');
    expect(afterLoginPath(['/shops', '/orders'])).toBe('/shops');
  });

  it('refuses other sites, script URLs and the login page itself', () => {
    for (const next of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/login?next=/x',
    ]) {
      expect(afterLoginPath(next)).toBe('/');
    }
    // The start page sends each role to its own home (homePath).
    expect(afterLoginPath(undefined)).toBe('/');
  });

  it('without a shop, comes back to an invite only, and picks a shop otherwise', () => {
    expect(afterLoginPath('/invite/abc_DEF-1234567890', false)).toBe('/invite/abc_DEF-1234567890');
    expect(afterLoginPath('/orders/abc', false)).toBe('/shops');
    expect(afterLoginPath('/invitee', false)).toBe('/shops');
    expect(afterLoginPath(undefined, false)).toBe('/shops');
  });
});

describe('inAppPath', () => {
  it('accepts only paths of this app', () => {
    expect(inAppPath('/orders?status=NEW', '/x')).toBe('/orders?status=NEW');
    expect(inAppPath({ path: '/orders' }, '/x')).toBe('/x');
  });
});
