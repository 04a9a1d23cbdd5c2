// The production bot (`pnpm --filter @posy/server bot`): @posy/bot's runBot with the database behind its
// locale store (/language choices live on the User row) and its deep-link lookup. The bot package itself
// knows no database.
import { createBotLogger, parseBotRunConfig, runBot } from '@posy/bot';
import { createPrismaClient } from '@posy/prisma/client';
import { ConfigError, parseBotHostConfig } from './config.js';
import { createStartLinkLookup } from './features/bot/start-link-lookup.js';
import { createUserLocaleStore } from './features/users/user-locale-store.js';

try {
  if (!process.env.BOT_TOKEN?.trim()) {
    // Posy runs without a bot (login codes go to the server's log); this process then has nothing to do.
    createBotLogger('info').info({}, 'BOT_TOKEN is unset: the Telegram bot is disabled');
    process.exit(0);
  }
  const { databaseUrl } = parseBotHostConfig();
  const botConfig = parseBotRunConfig(process.env);
  const prisma = createPrismaClient(databaseUrl);
  try {
    await runBot(botConfig, {
      localeStore: createUserLocaleStore(prisma),
      startLinks: createStartLinkLookup(prisma),
      logger: createBotLogger(botConfig.logLevel),
    });
  } finally {
    await prisma.$disconnect();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
