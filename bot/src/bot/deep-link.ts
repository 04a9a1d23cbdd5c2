/**
 * What Telegram accepts as a `/start` deep-link payload: 1–64 characters of A–Z, a–z, 0–9, _ and -
 * (https://core.telegram.org/bots/features#deep-linking).
 */
const START_PAYLOAD_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isStartPayload(value: string): boolean {
  return START_PAYLOAD_PATTERN.test(value);
}

/** `https://t.me/<bot>?start=<payload>`: opens the chat with the bot and sends `/start <payload>`. */
export function startLink(botUsername: string, payload: string): string {
  if (!isStartPayload(payload)) throw new RangeError(`Not a valid start payload: "${payload}"`);
  return `https://t.me/${botUsername}?start=${payload}`;
}

/** The Mini App URL, carrying a deep-link payload on as `?startapp=<payload>` when there is one. */
export function miniAppUrl(webAppUrl: string, payload?: string): string {
  return payload ? `${webAppUrl}?startapp=${encodeURIComponent(payload)}` : webAppUrl;
}
