import { validate } from '@tma.js/init-data-node';
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
 * https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app) with
 * @tma.js/init-data-node, refuses it when older than `maxAgeSeconds` or stamped more than
 * INIT_DATA_CLOCK_SKEW_SECONDS ahead of our clock, and returns who it names.
 * Every failure is UNAUTHENTICATED with a message saying which check failed.
 */
export function verifyTelegramInitData(
  initData: string,
  botToken: string | undefined,
  maxAgeSeconds: number,
): TelegramIdentity {
  if (!botToken) throw unauthenticated('Telegram sign-in is not configured on this server');
  try {
    validate(initData, botToken, { expiresIn: maxAgeSeconds });
  } catch (error) {
    throw unauthenticated(describeFailure(error));
  }
  const params = new URLSearchParams(initData);
  // validate() has checked that auth_date is a number.
  const authDate = Number(params.get('auth_date'));
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

/** The library's error classes come from a bundled helper and fail `instanceof`; their names are stable. */
function describeFailure(error: unknown): string {
  switch (error instanceof Error ? error.name : '') {
    case 'SignatureMissingError':
      return 'Telegram sign-in data is not signed';
    case 'SignatureInvalidError':
      return 'Telegram sign-in data was not signed by this bot or was altered';
    case 'ExpiredError':
      return 'Telegram sign-in data has expired; reopen the app';
    case 'AuthDateInvalidError':
      return 'Telegram sign-in data has no valid auth_date';
    default:
      return 'Telegram sign-in data is malformed';
  }
}
