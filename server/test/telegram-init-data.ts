import { createHmac } from 'node:crypto';

/**
 * Signs Mini App initData the way Telegram does (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app),
 * written out here independently of the library the server validates with, so a test checks one against the other.
 */
export function signInitData(
  fields: Record<string, string | object>,
  botToken: string,
  authDate: Date = new Date(),
): string {
  const entries: [string, string][] = Object.entries({
    auth_date: String(Math.floor(authDate.getTime() / 1000)),
    ...fields,
  }).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  const dataCheckString = [...entries]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const hash = createHmac('sha256', secret).update(dataCheckString).digest('hex');
  return new URLSearchParams([...entries, ['hash', hash]]).toString();
}

export const telegramUser = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  first_name: 'Tanya',
  last_name: 'Gift',
  username: `tanya${id}`,
  language_code: 'ru',
  ...extra,
});
