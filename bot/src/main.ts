import { parseBotConfig } from './config.js';
import { runBot } from './run-bot.js';

try {
  await runBot(parseBotConfig(process.env));
} catch (error) {
  console.error(error);
  process.exit(1);
}
