import { miniAppLink, miniAppUrl } from '@posy/bot/deep-link';
import { describe, expect, it } from 'vitest';
import { inviteTokenFromStartParam, launchRedirect, launchStartParam, startParamRoute } from './start-param';

const token = 'Zm9vYmFyYmF6cXV4LXF1dXg_12';
// base64url("Order:<uuid>"), the server's Relay global id of an order.
const orderId = 'T3JkZXI6MDE5MGE1ZDItN2MxZS03YjNhLTlmMDAtMTIzNDU2Nzg5MGFi';

/** What the app sees when opened from a bot button: `search` of its URL and Telegram's start parameter. */
function launchFrom(button: string): { telegramStartParam: string | undefined; search: string } {
  const url = new URL(button);
  // A t.me direct link: Telegram opens the app at its own URL and hands the payload over as start_param.
  if (url.hostname === 't.me')
    return { telegramStartParam: url.searchParams.get('startapp') ?? undefined, search: '' };
  // A web_app button: the app is opened at that very URL, with no start parameter of Telegram's.
  return { telegramStartParam: undefined, search: url.search };
}
const received = (button: string) => {
  const { telegramStartParam, search } = launchFrom(button);
  return launchStartParam(telegramStartParam, search);
};

describe('launchStartParam', () => {
  it.each([`invite-${token}`, `order-${orderId}`, 'shop-demo', 'customer-Y3VzdG9tZXItbGluay0x'])(
    'receives %s from both kinds of bot button',
    (payload) => {
      expect(received(miniAppLink('posy_bot', payload))).toBe(payload);
      expect(received(miniAppUrl('https://app.posy.test', payload))).toBe(payload);
    },
  );

  it('prefers Telegram’s own (signed) start parameter, and has none when neither carries one', () => {
    expect(launchStartParam('shop-demo', '?startapp=shop-other')).toBe('shop-demo');
    expect(launchStartParam(undefined, '')).toBeUndefined();
    expect(launchStartParam('', '?other=1')).toBeUndefined();
  });
});

describe('startParamRoute', () => {
  it('opens an invite’s page and an order’s page', () => {
    expect(startParamRoute(received(miniAppUrl('https://app.posy.test', `invite-${token}`)))).toBe(
      `/invite/${token}`,
    );
    expect(startParamRoute(received(miniAppLink('posy_bot', `order-${orderId}`)))).toBe(`/orders/${orderId}`);
  });

  it('leaves shop and customer links to the start page until their screens exist, and ignores the rest', () => {
    expect(startParamRoute('shop-demo')).toBeUndefined();
    expect(startParamRoute('customer-Y3VzdG9tZXItbGluay0x')).toBeUndefined();
    expect(startParamRoute('order-x/../../admin')).toBeUndefined();
    expect(startParamRoute('hello')).toBeUndefined();
    expect(startParamRoute(undefined)).toBeUndefined();
  });
});

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
  it('opens the deep link’s page when Telegram opened the start page from it', () => {
    expect(launchRedirect(`invite-${token}`, '/')).toBe(`/invite/${token}`);
    expect(launchRedirect(`order-${orderId}`, '/')).toBe(`/orders/${orderId}`);
  });

  it('leaves other pages and other launches alone', () => {
    expect(launchRedirect(`invite-${token}`, '/orders')).toBeUndefined();
    expect(launchRedirect('shop-demo', '/')).toBeUndefined();
  });
});
