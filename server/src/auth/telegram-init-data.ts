import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { unauthenticated } from '../errors.js';

/** The Telegram user a Mini App launch vouches for. */
export interface TelegramIdentity {
  telegramId: bigint;
  name: string;
  username: string | null;
  languageCode: string | null;
  /** The `startapp` parameter the Mini App was opened with (e.g. `shop-demo`, `invite-…`). */
  startParam: string | null;
}

/**
 * How far in the future `auth_date` may be. Telegram stamps it with its own clock, so a server clock a few
 * seconds behind must not lock people out; data from further ahead was made to outlive `maxAgeSeconds`
 * (the library only checks the past).
 */
export const INIT_DATA_CLOCK_SKEW_SECONDS = 60;

/**
 * Checks raw Mini App initData exactly as Telegram specifies (HMAC-SHA256 keyed by the bot token,
 * https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app) with node:crypto,
 * refuses it when older than `maxAgeSeconds` or stamped more than INIT_DATA_CLOCK_SKEW_SECONDS ahead of our
 * clock, and returns who it names. Written out rather than taken from @tma.js/init-data-node, which pulls
 * fp-ts, valibot and friends into every server start; test/telegram-init-data.test.ts keeps the library as
 * the oracle this must agree with. Every failure is UNAUTHENTICATED with a message saying which check failed.
 */
export function verifyTelegramInitData(
  initData: string,
  botToken: string | undefined,
  maxAgeSeconds: number,
): TelegramIdentity {
  if (!botToken) throw unauthenticated('Telegram sign-in is not configured on this server');
  const params = new URLSearchParams(initData);
  const failure = checkSignature(params, botToken, maxAgeSeconds);
  if (failure) throw unauthenticated(failure);
  // checkSignature has checked that auth_date is a number.
  const authDate = Number.parseInt(params.get('auth_date') ?? '', 10);
  if (authDate > Date.now() / 1000 + INIT_DATA_CLOCK_SKEW_SECONDS) {
    throw unauthenticated('Telegram sign-in data is dated in the future; check the device clock');
  }
  // Parsed here rather than with the library's parser, which insists on fields (e.g. `signature`)
  // that older Telegram clients do not send; the HMAC above already vouches for every field.
  const user = parseUser(params.get('user'));
  if (!user) throw unauthenticated('Telegram sign-in data names no user');
  return {
    telegramId: BigInt(user.id),
    name: telegramDisplayName(user),
    username: user.username ?? null,
    languageCode: user.language_code ?? null,
    startParam: params.get('start_param'),
  };
}

/** A Telegram user's name for Posy: first and last name, else the username, else their id. */
export function telegramDisplayName(user: {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
}) {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return name || user.username || `Telegram ${user.id}`;
}

const TelegramUser = z.object({
  id: z.number().int().positive(),
  first_name: z.string().default(''),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

function parseUser(json: string | null) {
  if (!json) return null;
  try {
    return TelegramUser.parse(JSON.parse(json));
  } catch {
    throw unauthenticated('Telegram sign-in data has a malformed user');
  }
}

/** The key Telegram derives from a bot token; one HMAC, cached per token. */
const secretKeys = new Map<string, Buffer>();
function secretKeyOf(botToken: string) {
  let key = secretKeys.get(botToken);
  if (!key) {
    key = createHmac('sha256', 'WebAppData').update(botToken).digest();
    secretKeys.set(botToken, key);
  }
  return key;
}

/**
 * Why the data fails Telegram's check, or undefined when it passes. The data-check string is every field but
 * `hash` (`signature`, the Ed25519 one newer clients add, included; older clients send none), as `key=value`,
 * sorted, joined by newlines: the same string @tma.js builds, so the two agree on odd input too.
 */
function checkSignature(
  params: URLSearchParams,
  botToken: string,
  maxAgeSeconds: number,
): string | undefined {
  let hash: string | undefined;
  let authDateText: string | undefined;
  const pairs: string[] = [];
  for (const [key, value] of params) {
    if (key === 'hash') {
      hash = value;
      continue;
    }
    if (key === 'auth_date') authDateText = value;
    pairs.push(`${key}=${value}`);
  }
  if (!hash) return 'Telegram sign-in data is not signed';
  const authDate = Number.parseInt(authDateText ?? '', 10);
  if (Number.isNaN(authDate)) return 'Telegram sign-in data has no valid auth_date';
  if (maxAgeSeconds > 0 && (authDate + maxAgeSeconds) * 1000 < Date.now())
    return 'Telegram sign-in data has expired; reopen the app';
  pairs.sort();
  const expected = createHmac('sha256', secretKeyOf(botToken)).update(pairs.join('\n')).digest();
  // Lower-case hex only, as Telegram sends it (and as the library compares it, as a string).
  if (!/^[0-9a-f]{64}$/.test(hash) || !timingSafeEqual(Buffer.from(hash, 'hex'), expected))
    return 'Telegram sign-in data was not signed by this bot or was altered';
  return undefined;
}
