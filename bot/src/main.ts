// The bot alone, /language choices kept in memory (the server's `pnpm bot` runs it on the database).
import { parseBotRunConfig } from './config.js';
import { runBot } from './run-bot.js';

try {
  await runBot(parseBotRunConfig(process.env));
} catch (error) {
  console.error(error);
  process.exit(1);
}
