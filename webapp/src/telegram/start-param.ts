import { parseStartPayload, START_APP_QUERY_PARAMETER } from '@posy/bot/deep-link';
import { href } from '../route-paths';

/**
 * The deep-link payload a Mini App launch carries. Telegram's own start parameter when it gave one (a
 * `t.me/<bot>?startapp=` link: signed in initData, so the server's sign-in reads it too), else the
 * `startapp` query parameter of the app's URL: Telegram gives an app opened by a bot's `web_app` button no
 * start parameter, so the bot carries the payload there (bot/src/bot/deep-link.ts, `miniAppUrl`).
 */
export function launchStartParam(telegramStartParam: string | undefined, search: string): string | undefined {
  return telegramStartParam || new URLSearchParams(search).get(START_APP_QUERY_PARAMETER) || undefined;
}

/** The invite token in a start parameter `invite-<token>` (server/src/features/invites/invites.service.ts). */
export function inviteTokenFromStartParam(startParam: string | undefined): string | undefined {
  const link = parseStartPayload(startParam);
  return link?.kind === 'invite' ? link.token : undefined;
}

/**
 * Where a deep link leads in the app, for the links whose screen exists: an invite's page, an order's page
 * (a customer is sent on to their own view of it). A shop link (`shop-<slug>`) needs no route: the sign-in
 * it carries makes the user that shop's customer, and the start page opens each role's home (homePath: the
 * catalog for a customer). A customer-record link waits for its claim screen. Anything else is no Posy
 * link and leads nowhere.
 */
export function startParamRoute(startParam: string | undefined): string | undefined {
  const link = parseStartPayload(startParam);
  switch (link?.kind) {
    case 'invite':
      return href.invite(link.token);
    case 'order':
      return href.order(link.orderId);
    default:
      return undefined;
  }
}

/**
 * Where a Mini App launch should open instead of its address: the deep link's route when Telegram opened
 * the app's start page from one. Only the start page: a reload keeps the launch parameters, and the user
 * who accepted the invite and moved on must not be sent back to it.
 */
export function launchRedirect(startParam: string | undefined, pathname: string): string | undefined {
  return pathname === '/' ? startParamRoute(startParam) : undefined;
}
