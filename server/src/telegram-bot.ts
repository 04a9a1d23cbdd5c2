// The production bot (`pnpm --filter @posy/server bot`): @posy/bot's runBot with the database behind its
// locale store (/language choices live on the User row) and its deep-link lookup. The bot package itself
// knows no database.

import path from 'node:path';
import { createBotLogger, parseBotRunConfig, runBot } from '@posy/bot';
import { createPrismaClient } from '@posy/prisma/client';
import { createTokenSigner } from './auth/tokens.js';
import { ConfigError, parseBotHostConfig, parseConfig } from './config.js';
import { createStartLinkLookup } from './features/bot/start-link-lookup.js';
import { createTelegramPaymentDesk } from './features/payments/telegram-payment-desk.js';
import { createUserLocaleStore } from './features/users/user-locale-store.js';
import { createLogger } from './logger.js';
import { createAppPubSub } from './pubsub.js';
import { LocalDiskStorage } from './storage/local-disk-storage.js';

try {
  if (!process.env.BOT_TOKEN?.trim()) {
    // Posy runs without a bot (login codes go to the server's log); this process then has nothing to do.
    createBotLogger('info').info({}, 'BOT_TOKEN is unset: the Telegram bot is disabled');
    process.exit(0);
  }
  const { databaseUrl } = parseBotHostConfig();
  const botConfig = parseBotRunConfig(process.env);
  // Query events as the app's client has them, which the payments desk's context expects (nothing listens).
  const prisma = createPrismaClient(databaseUrl, { log: [{ level: 'query', emit: 'event' }] });
  // Payments mark orders paid as the shop, with history and live events: that needs the server's own
  // configuration and pieces, read only when a provider token turns payments on.
  const paymentsOn = Boolean(
    process.env.TELEGRAM_PAYMENT_PROVIDER_TOKEN?.trim() ||
      process.env.TELEGRAM_PAYMENT_PROVIDER_TOKENS?.trim(),
  );
  const config = paymentsOn ? parseConfig() : undefined;
  const pubsub = config ? createAppPubSub(config.redisUrl) : undefined;
  try {
    const payments =
      config && pubsub
        ? createTelegramPaymentDesk({
            config,
            prisma,
            log: createLogger(config.logLevel),
            pubsub,
            signer: await createTokenSigner(config),
            appUrl: (config.publicUrl ?? '').replace(/\/+$/, ''),
            files: new LocalDiskStorage(path.join(config.dataDir, 'files')),
          })
        : undefined;
    await runBot(botConfig, {
      localeStore: createUserLocaleStore(prisma),
      startLinks: createStartLinkLookup(prisma),
      ...(payments ? { payments } : {}),
      logger: createBotLogger(botConfig.logLevel),
    });
  } finally {
    await pubsub?.close();
    await prisma.$disconnect();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
