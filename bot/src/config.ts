import { z } from 'zod';
import { BOT_HEARTBEAT_KEY } from './heartbeat.js';

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

/** How the running bot gets its updates, logs and tells others it is alive (run-bot.ts); not needed by createBot. */
export interface BotRunConfig extends BotConfig {
  /**
   * Updates by webhook instead of long polling when set: Telegram posts them to `url`, which must reach the
   * listener below (through a TLS-terminating proxy). From `BOT_WEBHOOK_URL`; `BOT_WEBHOOK_SECRET` required with it.
   * @default undefined (long polling with grammY's runner)
   */
  webhook?: {
    url: string;
    /** Sent back by Telegram in `X-Telegram-Bot-Api-Secret-Token`; other requests get 401. */
    secretToken: string;
    /** @default '0.0.0.0' (`BOT_WEBHOOK_HOST`) */
    host: string;
    /** @default 8443 (`BOT_WEBHOOK_PORT`) */
    port: number;
  };
  /** Redis the heartbeat is written to, for the server's /ready. From `REDIS_URL`; none when unset. */
  redisUrl?: string;
  /** @default 10 (`BOT_HEARTBEAT_SECONDS`) */
  heartbeatSeconds: number;
  /** The Redis key of the heartbeat; the server reads the same one. @default 'posy:bot:heartbeat' (`BOT_HEARTBEAT_KEY`) */
  heartbeatKey: string;
  /** pino level. @default 'info' (`LOG_LEVEL`) */
  logLevel: string;
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

const required = z.string({ error: 'is required' }).trim().min(1, 'is required');
const httpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};
/** An http(s) URL without query or fragment, returned without a trailing slash so paths can be appended. */
const baseUrl = z
  .string()
  .trim()
  .refine(httpUrl, { error: (issue) => `must be an http(s) URL, got "${issue.input}"`, abort: true })
  .refine((value) => !new URL(value).search && !new URL(value).hash, {
    error: 'must not have a query string or fragment (paths are appended to it)',
  })
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  });

const envSchema = z.object({
  // Bot API tokens are `<numeric bot id>:<secret>`; the secret's alphabet is not documented, so only require one.
  BOT_TOKEN: required.regex(/^\d+:\S+$/, 'must look like <digits>:<secret>'),
  BOT_API_ROOT: baseUrl.default(DEFAULT_API_ROOT),
  // Telegram usernames: 5–32 characters of letters, digits and underscores, starting with a letter.
  BOT_USERNAME: required
    .transform((value) => value.replace(/^@/, ''))
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_]{4,31}$/, 'must be a Telegram username (5–32 letters, digits or _)'),
    ),
  WEBAPP_URL: required.pipe(baseUrl),
  BOT_WEBHOOK_URL: z.string().trim().refine(httpUrl, 'must be an http(s) URL').optional(),
  // Telegram allows 1–256 characters of A–Z, a–z, 0–9, _ and - (https://core.telegram.org/bots/api#setwebhook).
  BOT_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 characters of A–Z, a–z, 0–9, _ and -')
    .optional(),
  BOT_WEBHOOK_HOST: z.string().default('0.0.0.0'),
  BOT_WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  REDIS_URL: z.url().optional(),
  BOT_HEARTBEAT_SECONDS: z.coerce.number().int().positive().default(10),
  BOT_HEARTBEAT_KEY: z.string().trim().min(1).default(BOT_HEARTBEAT_KEY),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every environment variable the bot reads (the deploy files are checked against it). */
export const botConfigVariables: readonly string[] = Object.keys(envSchema.shape);

/** Validates the bot's environment variables; throws a {@link BotConfigError} naming the first bad one. */
export function parseBotConfig(env: Record<string, string | undefined>): BotConfig {
  const { botToken, apiRoot, botUsername, webAppUrl } = parseBotRunConfig(env);
  return { botToken, apiRoot, botUsername, webAppUrl };
}

/** {@link parseBotConfig} plus how the process runs: webhook or polling, heartbeat, log level. */
export function parseBotRunConfig(env: Record<string, string | undefined>): BotRunConfig {
  // An empty variable means unset (compose's `${VAR:-}`), as in the server's config.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BotConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
  }
  const e = parsed.data;
  if (e.BOT_WEBHOOK_URL && !e.BOT_WEBHOOK_SECRET) {
    throw new BotConfigError(
      'BOT_WEBHOOK_SECRET',
      'is required with BOT_WEBHOOK_URL (Telegram sends it back)',
    );
  }
  return {
    botToken: e.BOT_TOKEN,
    apiRoot: e.BOT_API_ROOT,
    botUsername: e.BOT_USERNAME,
    webAppUrl: e.WEBAPP_URL,
    ...(e.BOT_WEBHOOK_URL && e.BOT_WEBHOOK_SECRET
      ? {
          webhook: {
            url: e.BOT_WEBHOOK_URL,
            secretToken: e.BOT_WEBHOOK_SECRET,
            host: e.BOT_WEBHOOK_HOST,
            port: e.BOT_WEBHOOK_PORT,
          },
        }
      : {}),
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    heartbeatSeconds: e.BOT_HEARTBEAT_SECONDS,
    heartbeatKey: e.BOT_HEARTBEAT_KEY,
    logLevel: e.LOG_LEVEL,
  };
}
