/**
 * Signs Mini App init data the way Telegram does, for the development mock only (mockEnv.ts): the
 * secret key is HMAC-SHA256(key "WebAppData", bot token), and `hash` is the hex HMAC-SHA256 of the
 * data-check-string, every other field as `key=value`, sorted and joined by newlines
 * (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app). Web Crypto
 * only, so the browser needs nothing extra.
 */
export async function signInitData(fields: Record<string, string>, botToken: string): Promise<string> {
  const entries = Object.entries(fields).filter(([key]) => key !== 'hash');
  const dataCheckString = entries
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('\n');
  const secretKey = await hmacSha256(new TextEncoder().encode('WebAppData'), botToken);
  const hash = toHex(await hmacSha256(secretKey, dataCheckString));
  return new URLSearchParams([...entries, ['hash', hash]]).toString();
}

async function hmacSha256(key: BufferSource, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(data));
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
