import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOT_HEARTBEAT_KEY } from '@posy/bot/heartbeat';
import { z } from 'zod';

/** The repository root, so defaults work whichever folder a command starts in. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .pipe(z.url().optional())
  .optional();
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Public address of the app, used in links sent by the bot and printed at start. */
  PUBLIC_URL: optionalUrl,
  /** PostgreSQL to use; when unset an embedded PostgreSQL is started under DATA_DIR. */
  DATABASE_URL: optionalUrl,
  /** Redis for pub/sub and rate limits; when unset both run in-process (one instance only). */
  REDIS_URL: optionalUrl,
  DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  WEBAPP_DIST: z.string().default(path.join(repoRoot, 'webapp/dist')),
  /**
   * How many reverse proxies in front of the server to believe about the client's address
   * (X-Forwarded-For), for rate limits and audit. 0: use the socket's peer. @default 0
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Comma-separated origins allowed by CORS; empty means same origin only. */
  CORS_ORIGINS: list,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Serve GraphiQL at GET /graphql (from the installed package, no CDN). Off by default in production:
   * an operator turns it on knowingly. @default on outside production, off in production
   */
  GRAPHIQL: z.enum(['true', 'false', '1', '0']).optional(),
  /** Apply pending migrations at start; turn off where a one-shot migrate job runs them (several replicas). */
  MIGRATE_ON_START: z.enum(['true', 'false', '1', '0']).default('true'),
  /** Seed the demo shop into an empty database at start. */
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** PKCS#8 PEM of the Ed25519 key that signs access tokens; generated into DATA_DIR when unset outside production. */
  JWT_PRIVATE_KEY: z.string().optional(),
  JWT_ISSUER: z.string().default('posy'),
  JWT_AUDIENCE: z.string().default('posy-api'),
  ACCESS_TOKEN_TTL_SECONDS: seconds(15 * 60),
  /**
   * Seconds a process keeps a session (with its user's memberships) or an API key it looked up, instead of
   * reading them on every request. Revocations, role and membership changes clear it at once on every
   * replica (through Redis pub/sub); 0 reads on every request. @default 5
   */
  AUTH_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
  REFRESH_TOKEN_TTL_SECONDS: seconds(30 * 24 * 3600),
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-token')
    .optional(),
  BOT_USERNAME: z.string().default('posy_bot'),
  BOT_API_ROOT: z.url().default('https://api.telegram.org'),
  /**
   * Seconds between the WebSocket ping frames the server sends each open socket; a socket that has not
   * answered a ping with a pong within as long again is closed, so a client gone silent (a phone that
   * lost its network) does not keep its subscriptions on the server. Fractions allowed; 0 turns it off.
   * @default 12 (graphql-ws' own)
   */
  WS_KEEPALIVE_SECONDS: z.coerce.number().min(0).max(3600).default(12),
  /** Where the bot process (src/telegram-bot.ts) beats into Redis; /ready reports the bot from it. @default posy:bot:heartbeat */
  BOT_HEARTBEAT_KEY: z.string().trim().min(1).default(BOT_HEARTBEAT_KEY),
  /**
   * The payment provider token (from @BotFather's Payments) customers pay through inside Telegram, for every
   * shop not named in TELEGRAM_PAYMENT_PROVIDER_TOKENS. Unset: payment in Telegram is off and orders are paid
   * at the shop. For Telegram Stars (a shop whose currency is XTR) the token is an empty string in Telegram's
   * API: set it to `STARS`.
   */
  TELEGRAM_PAYMENT_PROVIDER_TOKEN: z.string().trim().min(1).optional(),
  /**
   * Per-shop provider tokens, a JSON object of shop slug → token, e.g. `{"rosa":"381764678:TEST:…"}`; a shop
   * named here uses its own token instead of TELEGRAM_PAYMENT_PROVIDER_TOKEN. @default {}
   */
  TELEGRAM_PAYMENT_PROVIDER_TOKENS: z
    .string()
    .default('{}')
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of shop slug → token' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(z.string().min(1), z.string().trim().min(1), {
        error: 'must be a JSON object of shop slug → token',
      }),
    ),
  /** How old Telegram initData may be before it is refused. */
  TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: seconds(3600),
  /** GraphQL operations per minute from one IP address, whoever calls. @default 600 */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** GraphQL operations per minute of one signed-in user, from any IP. @default 300 */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** GraphQL operations per minute of one API key, from any IP. @default 1200 */
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /**
   * Sign-in attempts per 15 minutes from one IP: failed password and code sign-ins, code requests and invite
   * acceptances (a successful sign-in is given back; Telegram and refresh meet only the per-IP limit). @default 10
   */
  RATE_LIMIT_SIGN_IN_IP_PER_15_MINUTES: z.coerce.number().int().positive().default(10),
  /** Sign-in attempts (as above) per 15 minutes naming one email address, from any IP. @default 5 */
  RATE_LIMIT_SIGN_IN_EMAIL_PER_15_MINUTES: z.coerce.number().int().positive().default(5),
  /** Prefix of the rate-limit keys in Redis: apps that share a Redis but not their counters use different ones. @default posy:rate-limit */
  RATE_LIMIT_KEY_PREFIX: z.string().trim().min(1).default('posy:rate-limit'),
  /**
   * Bearer token GET /metrics requires. In production /metrics is served only with it, or on METRICS_PORT;
   * outside production it is open when unset.
   */
  METRICS_TOKEN: z.string().trim().min(16, 'use at least 16 characters').optional(),
  /** Serve /metrics on this port (of HOST) only, not on PORT: for a scraper inside the private network. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** How long a one-time login code sent through the bot stays valid. */
  LOGIN_CODE_TTL_SECONDS: seconds(5 * 60),
  /** Wrong guesses allowed per login code before it is burnt and the user locked out. */
  LOGIN_CODE_MAX_ATTEMPTS: seconds(5),
  /** How long a user stays locked out of code login after too many wrong guesses. */
  LOGIN_CODE_LOCK_SECONDS: seconds(15 * 60),
  /** How long a staff invitation link works. */
  INVITE_TTL_SECONDS: seconds(7 * 24 * 3600),
  /**
   * Run background jobs (the notification outbox worker) in this process. Turn off on API-only replicas;
   * the jobs they queue wait in PostgreSQL for a process that has it on.
   * @default true
   */
  JOBS_ENABLED: z.enum(['true', 'false', '1', '0']).default('true'),
  /**
   * Jobs one process runs at the same time.
   * @default 5
   */
  JOBS_CONCURRENCY: z.coerce.number().int().positive().default(5),
  /**
   * Tries per Telegram notification (sends that failed for a reason worth retrying) before it is FAILED.
   * @default 8
   */
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  /**
   * Telegram messages per second all workers of every process send together (Telegram allows about 30;
   * counted in Redis when REDIS_URL is set, else per process).
   * @default 30
   */
  NOTIFICATION_RATE_PER_SECOND: z.coerce.number().int().positive().default(30),
  /**
   * Least time between two messages to one chat, across all workers (Telegram allows about one a second).
   * Whole seconds, as the Redis counters expire in seconds.
   * @default 1000
   */
  NOTIFICATION_CHAT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .multipleOf(1000, 'NOTIFICATION_CHAT_INTERVAL_MS must be whole seconds (a multiple of 1000)')
    .default(1000),
  /**
   * A notification SENDING for longer than this was interrupted (its worker died mid-send): it is sent
   * again once, then FAILED. Each Bot API call is given at most half of it.
   * @default 120
   */
  NOTIFICATION_STUCK_AFTER_SECONDS: z.coerce.number().int().min(2).default(120),
  /**
   * Minutes between runs of the subscription order generator (a graphile-worker cron, `*\/N` of each hour, so
   * best a divisor of 60); 0 turns it off. Missed runs are not backfilled: the next run catches up.
   * @default 15
   */
  SUBSCRIPTION_ORDERS_EVERY_MINUTES: z.coerce.number().int().min(0).max(60).default(15),
  /**
   * How far ahead a subscription's delivery becomes an order, so the shop can plan stock and florists.
   * @default 48
   */
  SUBSCRIPTION_ORDERS_LEAD_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(14 * 24)
    .default(48),
  /**
   * Hours before a subscription's validUntil its customer is told it is ending (SUBSCRIPTION_ENDING); 0: never.
   * @default 72
   */
  SUBSCRIPTION_ENDING_NOTICE_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60 * 24)
    .optional(),
  /** The former setting, in days: still read when SUBSCRIPTION_ENDING_NOTICE_HOURS is not set. @deprecated */
  SUBSCRIPTION_ENDING_NOTICE_DAYS: z.coerce.number().int().min(0).max(60).optional(),
  /** Hours before a stock batch expires the shop's admins and managers are told (BATCH_EXPIRING); 0: never. */
  BATCH_EXPIRY_NOTICE_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(14 * 24)
    .default(24),
  /**
   * Minutes before its window ends an order not yet on its way (or without a courier) is reported at risk to
   * the shop's admins and managers and its courier (DELIVERY_WINDOW_AT_RISK); 0: never.
   */
  DELIVERY_AT_RISK_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  /**
   * Days a SENT or SKIPPED notification is kept; FAILED ones are kept three times as long, for looking into.
   * At least 2: a scan's dedupe key must outlive the window in which the scan would find the same fact again.
   */
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().min(2).max(3650).default(30),
  /**
   * Days a session is kept after it ended (signed out, revoked, replaced by a relaunch, or expired), for the
   * audit of who was signed in from where; then it and its refresh tokens are deleted.
   */
  SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * A courier's phone may report every second; of one courier's reports for one order, at most one per this
   * many seconds is stored (and shown), the others are answered and dropped. 15 s is ~150 m at city speed.
   * @default 15
   */
  COURIER_POSITION_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(600).default(15),
  /**
   * How long after its delivery window ends an order on the way still shares its courier's position: couriers
   * run late, and a late delivery is when the customer looks most; past it sharing stops by itself even when
   * nobody marks the order delivered. An order without a window shares for 3 hours after it went out.
   * @default 60
   */
  COURIER_POSITION_GRACE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  /** Hours a courier's position is kept before the retention job deletes it. @default 24 */
  COURIER_POSITION_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 30)
    .default(24),
  /**
   * Shortest gap between two `dashboardTick`s of one subscriber that changes caused: a burst of changes is
   * one tick at its start and one at most this long after. @default 2000
   */
  DASHBOARD_TICK_COALESCE_MS: z.coerce.number().int().min(10).max(60_000).default(2000),
  /** Seconds between the clock's `dashboardTick`s, so late and at-risk counts move with time. @default 60 */
  DASHBOARD_CLOCK_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

export type Config = ReturnType<typeof parseConfig>;

/** Every environment variable the server reads (the deploy files are checked against it). */
export const configVariables: readonly string[] = Object.keys(envSchema.shape);

/** Signs the dev mock's initData (webapp/src/mockEnv.ts); never accepted in production. */
export const DEVELOPMENT_BOT_TOKEN = '1:posy-development-only';

/** Thrown at start-up with every bad variable named, so the operator fixes them all at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once. Features receive the result; none read process.env.
 * @throws ConfigError naming each invalid variable
 */
export function parseConfig(env: Record<string, string | undefined> = process.env) {
  // An empty variable means unset (compose's `${VAR:-}`, a blank line in an .env file).
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_PRIVATE_KEY) {
    throw new ConfigError('Invalid configuration:\n  JWT_PRIVATE_KEY: required in production');
  }
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.DATA_DIR,
    webappDist: e.WEBAPP_DIST,
    corsOrigins: e.CORS_ORIGINS,
    trustedProxyHops: e.TRUST_PROXY_HOPS,
    webSocketKeepAliveMs: Math.round(e.WS_KEEPALIVE_SECONDS * 1000),
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    graphiql:
      e.GRAPHIQL === undefined ? e.NODE_ENV !== 'production' : e.GRAPHIQL === 'true' || e.GRAPHIQL === '1',
    migrateOnStart: e.MIGRATE_ON_START === 'true' || e.MIGRATE_ON_START === '1',
    auth: {
      privateKeyPem: e.JWT_PRIVATE_KEY,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      sessionRetentionDays: e.SESSION_RETENTION_DAYS,
    },
    authCacheSeconds: e.AUTH_CACHE_SECONDS,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    rateLimits: {
      keyPrefix: e.RATE_LIMIT_KEY_PREFIX,
      ipPerMinute: e.RATE_LIMIT_IP_PER_MINUTE,
      userPerMinute: e.RATE_LIMIT_USER_PER_MINUTE,
      apiKeyPerMinute: e.RATE_LIMIT_API_KEY_PER_MINUTE,
      signInIpPer15Minutes: e.RATE_LIMIT_SIGN_IN_IP_PER_15_MINUTES,
      signInEmailPer15Minutes: e.RATE_LIMIT_SIGN_IN_EMAIL_PER_15_MINUTES,
    },
    telegram: {
      botToken: e.BOT_TOKEN,
      botUsername: e.BOT_USERNAME,
      apiRoot: e.BOT_API_ROOT,
      heartbeatKey: e.BOT_HEARTBEAT_KEY,
      initDataMaxAgeSeconds: e.TELEGRAM_INIT_DATA_MAX_AGE_SECONDS,
      /**
       * The token Mini App initData is checked against. Outside production with no bot configured, a
       * well-known development token, so the webapp's mock Telegram environment can sign in for real.
       */
      initDataToken: e.BOT_TOKEN ?? (e.NODE_ENV === 'production' ? undefined : DEVELOPMENT_BOT_TOKEN),
      /** Secrets: read by features/payments alone, never stored nor answered through the API. */
      payments: {
        defaultProviderToken: e.TELEGRAM_PAYMENT_PROVIDER_TOKEN,
        providerTokensBySlug: e.TELEGRAM_PAYMENT_PROVIDER_TOKENS,
      },
    },
    loginCodes: {
      ttlSeconds: e.LOGIN_CODE_TTL_SECONDS,
      maxAttempts: e.LOGIN_CODE_MAX_ATTEMPTS,
      lockSeconds: e.LOGIN_CODE_LOCK_SECONDS,
    },
    invites: { ttlSeconds: e.INVITE_TTL_SECONDS },
    jobs: {
      enabled: e.JOBS_ENABLED === 'true' || e.JOBS_ENABLED === '1',
      concurrency: e.JOBS_CONCURRENCY,
    },
    notifications: {
      maxAttempts: e.NOTIFICATION_MAX_ATTEMPTS,
      ratePerSecond: e.NOTIFICATION_RATE_PER_SECOND,
      chatIntervalMs: e.NOTIFICATION_CHAT_INTERVAL_MS,
      stuckAfterSeconds: e.NOTIFICATION_STUCK_AFTER_SECONDS,
      retentionDays: e.NOTIFICATION_RETENTION_DAYS,
    },
    subscriptions: {
      ordersEveryMinutes: e.SUBSCRIPTION_ORDERS_EVERY_MINUTES,
      leadHours: e.SUBSCRIPTION_ORDERS_LEAD_HOURS,
    },
    scans: {
      subscriptionEndingNoticeHours:
        e.SUBSCRIPTION_ENDING_NOTICE_HOURS ??
        (e.SUBSCRIPTION_ENDING_NOTICE_DAYS === undefined ? 72 : e.SUBSCRIPTION_ENDING_NOTICE_DAYS * 24),
      batchExpiryNoticeHours: e.BATCH_EXPIRY_NOTICE_HOURS,
      deliveryAtRiskMinutes: e.DELIVERY_AT_RISK_MINUTES,
    },
    courierPositions: {
      minIntervalSeconds: e.COURIER_POSITION_MIN_INTERVAL_SECONDS,
      graceMinutes: e.COURIER_POSITION_GRACE_MINUTES,
      retentionHours: e.COURIER_POSITION_RETENTION_HOURS,
    },
    dashboard: {
      tickCoalesceMs: e.DASHBOARD_TICK_COALESCE_MS,
      clockTickMs: e.DASHBOARD_CLOCK_TICK_SECONDS * 1000,
    },
  };
}

/**
 * The bot host's configuration (src/telegram-bot.ts): the database its locale store uses. The bot's own
 * variables are validated by `parseBotConfig` of @posy/bot.
 * @throws ConfigError naming DATABASE_URL when it is missing or not a URL
 */
export function parseBotHostConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = z.url().safeParse(env.DATABASE_URL?.trim());
  if (!parsed.success) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_URL: the bot keeps languages in the database; set its URL',
    );
  }
  return { databaseUrl: parsed.data };
}
