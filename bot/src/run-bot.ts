import { setCommands } from './bot/commands.js';
import { type BotDependencies, createBot } from './bot/createBot.js';
import { setMenuButton } from './bot/menu-button.js';
import type { BotConfig } from './config.js';

/**
 * Starts the bot the way production runs it: registers its commands and menu button, then polls for
 * updates until SIGINT or SIGTERM. Resolves once it stopped. bot/src/main.ts runs it alone (choices kept in
 * memory); the server's `pnpm bot` runs it with the database as its locale store.
 */
export async function runBot(config: BotConfig, dependencies: BotDependencies = {}): Promise<void> {
  const bot = createBot(config, dependencies);
  await setCommands(bot);
  await setMenuButton(bot, config);
  const stop = () => void bot.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await bot.start({ onStart: (me) => console.info(`@${me.username} is polling for updates`) });
}
