/** The bot's configuration, validated once from the environment and passed in; features never read `process.env`. */
export interface BotConfig {
  /** Token from @BotFather, `<bot id>:<secret>`. From `BOT_TOKEN`. */
  botToken: string;
  /**
   * Root URL of the Bot API server, without a trailing slash. From `BOT_API_ROOT`.
   * Tests point it at a local fake; production may use a self-hosted Bot API server.
   * @default 'https://api.telegram.org'
   */
  apiRoot: string;
  /** The bot's username without the leading `@`, used for `t.me` deep links. From `BOT_USERNAME`. */
  botUsername: string;
  /**
   * URL of the Mini App / PWA, without a trailing slash, so deep paths can be appended
   * (`${webAppUrl}/orders/<id>`). From `WEBAPP_URL`.
   */
  webAppUrl: string;
}

export class BotConfigError extends Error {
  constructor(
    /** The environment variable that is missing or malformed. */
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid bot configuration: ${variable} ${reason}`);
    this.name = 'BotConfigError';
  }
}

const DEFAULT_API_ROOT = 'https://api.telegram.org';
// Bot API tokens are `<numeric bot id>:<secret>`; the secret's alphabet is not documented, so only require one.
const TOKEN_PATTERN = /^\d+:\S+$/;
// Telegram usernames: 5–32 characters of letters, digits and underscores, starting with a letter.
const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;

/** Validates the bot's environment variables; throws a {@link BotConfigError} naming the first bad one. */
export function parseBotConfig(env: Record<string, string | undefined>): BotConfig {
  const botToken = required(env, 'BOT_TOKEN');
  if (!TOKEN_PATTERN.test(botToken)) {
    throw new BotConfigError('BOT_TOKEN', 'must look like <digits>:<secret>');
  }

  const apiRoot = parseHttpUrl('BOT_API_ROOT', env.BOT_API_ROOT?.trim() || DEFAULT_API_ROOT);

  const botUsername = required(env, 'BOT_USERNAME').replace(/^@/, '');
  if (!USERNAME_PATTERN.test(botUsername)) {
    throw new BotConfigError('BOT_USERNAME', 'must be a Telegram username (5–32 letters, digits or _)');
  }

  const webAppUrl = parseHttpUrl('WEBAPP_URL', required(env, 'WEBAPP_URL'));

  return { botToken, apiRoot, botUsername, webAppUrl };
}

function required(env: Record<string, string | undefined>, variable: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new BotConfigError(variable, 'is required');
  return value;
}

/** Accepts an http(s) URL without query or fragment and returns it without a trailing slash. */
function parseHttpUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BotConfigError(variable, `must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BotConfigError(variable, `must be an http(s) URL, got "${value}"`);
  }
  if (url.search || url.hash) {
    throw new BotConfigError(variable, 'must not have a query string or fragment (paths are appended to it)');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
