import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** Comma-separated origins allowed by CORS; empty means same origin only. */
  CORS_ORIGINS: list,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  REFRESH_TOKEN_TTL_SECONDS: seconds(30 * 24 * 3600),
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-token')
    .optional(),
  BOT_USERNAME: z.string().default('posy_bot'),
  BOT_API_ROOT: z.url().default('https://api.telegram.org'),
  /** How old Telegram initData may be before it is refused. */
  TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: seconds(3600),
});

export type Config = ReturnType<typeof parseConfig>;

/** Thrown at start-up with every bad variable named, so the operator fixes them all at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once. Features receive the result; none read process.env.
 * @throws ConfigError naming each invalid variable
 */
export function parseConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
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
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    migrateOnStart: e.MIGRATE_ON_START === 'true' || e.MIGRATE_ON_START === '1',
    auth: {
      privateKeyPem: e.JWT_PRIVATE_KEY,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    },
    telegram: {
      botToken: e.BOT_TOKEN,
      botUsername: e.BOT_USERNAME,
      apiRoot: e.BOT_API_ROOT,
      initDataMaxAgeSeconds: e.TELEGRAM_INIT_DATA_MAX_AGE_SECONDS,
    },
  };
}
