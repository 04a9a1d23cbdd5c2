import { validate } from '@tma.js/init-data-node';
import { GraphQLError } from 'graphql';
import { describe, expect, test } from 'vitest';
import { signInitData, telegramUser } from '../../test/telegram-init-data.js';
import { verifyTelegramInitData } from './telegram-init-data.js';

// The server checks initData with node:crypto (no @tma.js at start-up); @tma.js/init-data-node, kept as a dev
// dependency, is the oracle: on every input both must accept or refuse alike, for the same reason.
const TOKEN = '7000000002:init-data-oracle-token';
const MAX_AGE = 3600;

/** The library's verdict, in the words our refusals use for the same check. */
function oracle(initData: string, token: string, maxAge: number): string {
  try {
    validate(initData, token, { expiresIn: maxAge });
    return 'accepted';
  } catch (error) {
    return (
      {
        SignatureMissingError: 'not signed',
        SignatureInvalidError: 'not signed by this bot',
        ExpiredError: 'expired',
        AuthDateInvalidError: 'no valid auth_date',
      }[(error as Error).name] ?? `unexpected ${(error as Error).name}`
    );
  }
}

function ours(initData: string, token: string, maxAge: number): string {
  try {
    verifyTelegramInitData(initData, token, maxAge);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const reasons = ['not signed by this bot', 'not signed', 'expired', 'no valid auth_date'];
    return reasons.find((reason) => error.message.includes(reason)) ?? error.message;
  }
}

const hour = 3600_000;
const signed = signInitData({ user: telegramUser(42), query_id: 'AAE1' }, TOKEN);
const withSignature = signInitData(
  { user: telegramUser(43), chat_instance: '-1', chat_type: 'sender', signature: 'c2lnbmF0dXJl' },
  TOKEN,
);
/** Replaces one field's value, keeping the hash: what a tampered launch looks like. */
const altered = (initData: string, key: string, value: string) => {
  const params = new URLSearchParams(initData);
  params.set(key, value);
  return params.toString();
};
const hashOf = (initData: string) => new URLSearchParams(initData).get('hash')!;

const cases: Array<[string, string, string?, number?]> = [
  ['signed, as older clients send it (no signature field)', signed],
  ['signed, with the Ed25519 signature field newer clients add', withSignature],
  ['the signature field removed after signing', altered(withSignature, 'signature', '')],
  ['a signed field altered', altered(signed, 'query_id', 'AAE2')],
  ['signed with another bot’s token', signInitData({ user: telegramUser(42) }, '1:other-token')],
  ['checked against another token', signed, '1:other-token'],
  ['no hash', signed.replace(/&?hash=[0-9a-f]+/, '')],
  ['an empty hash', altered(signed, 'hash', '')],
  ['the hash in upper case', altered(signed, 'hash', hashOf(signed).toUpperCase())],
  ['the hash cut short', altered(signed, 'hash', hashOf(signed).slice(0, 62))],
  ['the hash with a non-hex tail', altered(signed, 'hash', `${hashOf(signed).slice(0, 62)}zz`)],
  ['no auth_date', altered(signed, 'auth_date', '')],
  ['an auth_date that is not a number', altered(signed, 'auth_date', 'yesterday')],
  [
    'two hours old, one allowed',
    signInitData({ user: telegramUser(42) }, TOKEN, new Date(Date.now() - 2 * hour)),
  ],
  [
    'two hours old, with no age limit',
    signInitData({ user: telegramUser(42) }, TOKEN, new Date(Date.now() - 2 * hour)),
    TOKEN,
    0,
  ],
  // Sorting `key=value` strings and sorting keys differ when one key is another's prefix.
  [
    'keys that are prefixes of each other',
    signInitData({ user: telegramUser(42), a: '1', 'a-b': '2', a0: '3' }, TOKEN),
  ],
  ['values holding newlines, & and =', signInitData({ user: telegramUser(42), query_id: 'x\ny&z=w' }, TOKEN)],
];

describe('initData checked with node:crypto agrees with @tma.js/init-data-node', () => {
  test.each(cases)('%s', (_name, initData, token = TOKEN, maxAge = MAX_AGE) => {
    expect(ours(initData, token, maxAge)).toBe(oracle(initData, token, maxAge));
  });

  test('the cases cover acceptance and every refusal', () => {
    const verdicts = new Set(
      cases.map(([, initData, token = TOKEN, maxAge = MAX_AGE]) => oracle(initData, token, maxAge)),
    );
    expect([...verdicts].sort()).toEqual([
      'accepted',
      'expired',
      'no valid auth_date',
      'not signed',
      'not signed by this bot',
    ]);
  });

  test('an accepted launch without a signature field names its user', () => {
    expect(verifyTelegramInitData(signed, TOKEN, MAX_AGE)).toMatchObject({
      telegramId: 42n,
      name: 'Tanya Gift',
    });
  });
});
