// The production bot (`pnpm --filter @posy/server bot`): @posy/bot's runBot with the database as its locale
// store, so /language choices live on the User row. The bot package itself knows no database.
import { parseBotConfig, runBot } from '@posy/bot';
import { createPrismaClient } from '@posy/prisma/client';
import { ConfigError, parseBotHostConfig } from './config.js';
import { createUserLocaleStore } from './features/users/user-locale-store.js';

try {
  const { databaseUrl } = parseBotHostConfig();
  const botConfig = parseBotConfig(process.env);
  const prisma = createPrismaClient(databaseUrl);
  try {
    await runBot(botConfig, { localeStore: createUserLocaleStore(prisma) });
  } finally {
    await prisma.$disconnect();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
