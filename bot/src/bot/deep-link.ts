// The deep-link payloads of Posy, shared by the bot (`/start <payload>`), the server (links it builds, sign-in
// from a shop link) and the webapp (`@posy/bot/deep-link`, where a launch goes). No imports, so the webapp's
// bundle takes this file alone.

/**
 * What Telegram accepts as a `/start` or `startapp` payload: 1–64 characters of A–Z, a–z, 0–9, _ and -
 * (https://core.telegram.org/bots/features#deep-linking).
 */
const START_PAYLOAD_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The query parameter {@link miniAppUrl} carries a payload in. */
export const START_APP_QUERY_PARAMETER = 'startapp';

/** What a deep link is for. The server decides whether it still names something its user may use. */
export type StartLink =
  /** A shop's own link: a new customer lands in its catalog (sign-in from it makes them its customer). */
  | { kind: 'shop'; shopSlug: string }
  /** Follow an order: its Relay global id (base64url, so it fits a payload as is). */
  | { kind: 'order'; orderId: string }
  /** A staff invitation's secret token (server/src/features/invites). */
  | { kind: 'invite'; token: string }
  /** A shop's offer to link a customer record (e.g. one taken by phone) to this Telegram user. */
  | { kind: 'customer'; token: string };

export type StartLinkKind = StartLink['kind'];

// `<kind>-<value>`; the value's alphabet is the payload's, its length what the server makes: shop slugs are
// [a-z0-9-]{1,60}, invite tokens [\w-]{16,64}, order global ids base64url("Order:<uuid>") = 56 characters.
const LINK_PATTERNS: Record<StartLinkKind, RegExp> = {
  shop: /^shop-([a-z0-9-]{1,59})$/,
  order: /^order-([A-Za-z0-9_-]{16,58})$/,
  invite: /^invite-([\w-]{16,57})$/,
  customer: /^customer-([\w-]{16,55})$/,
};

export function isStartPayload(value: string): boolean {
  return START_PAYLOAD_PATTERN.test(value);
}

/** The link a payload stands for, or `undefined` when it is none of Posy's (typed by hand, or foreign). */
export function parseStartPayload(payload: string | null | undefined): StartLink | undefined {
  if (!payload || !isStartPayload(payload)) return undefined;
  const value = (kind: StartLinkKind) => LINK_PATTERNS[kind].exec(payload)?.[1];
  const shopSlug = value('shop');
  if (shopSlug) return { kind: 'shop', shopSlug };
  const orderId = value('order');
  if (orderId) return { kind: 'order', orderId };
  const invite = value('invite');
  if (invite) return { kind: 'invite', token: invite };
  const customer = value('customer');
  if (customer) return { kind: 'customer', token: customer };
  return undefined;
}

/** The payload of a link, the inverse of {@link parseStartPayload}. */
export function startPayload(link: StartLink): string {
  switch (link.kind) {
    case 'shop':
      return `shop-${link.shopSlug}`;
    case 'order':
      return `order-${link.orderId}`;
    case 'invite':
      return `invite-${link.token}`;
    case 'customer':
      return `customer-${link.token}`;
  }
}

/** `https://t.me/<bot>?start=<payload>`: opens the chat with the bot and sends `/start <payload>`. */
export function startLink(botUsername: string, payload: string): string {
  if (!isStartPayload(payload)) throw new RangeError(`Not a valid start payload: "${payload}"`);
  return `https://t.me/${botUsername}?start=${payload}`;
}

/**
 * `https://t.me/<bot>?startapp=<payload>`: opens the bot's main Mini App, and Telegram hands the payload to
 * it as the signed `start_param` of its initData (https://core.telegram.org/bots/webapps#direct-link-mini-apps).
 */
export function miniAppLink(botUsername: string, payload: string): string {
  if (!isStartPayload(payload)) throw new RangeError(`Not a valid start payload: "${payload}"`);
  return `https://t.me/${botUsername}?startapp=${payload}`;
}

/**
 * The Mini App URL for a `web_app` button, carrying a payload as `?startapp=<payload>`: Telegram gives an app
 * opened from such a button no start parameter of its own, so the app reads this query parameter instead
 * (webapp/src/telegram/start-param.ts).
 */
export function miniAppUrl(webAppUrl: string, payload?: string): string {
  return payload ? `${webAppUrl}?${START_APP_QUERY_PARAMETER}=${encodeURIComponent(payload)}` : webAppUrl;
}
