import { setCommands } from './bot/commands.js';
import { createBot } from './bot/createBot.js';
import { setMenuButton } from './bot/menu-button.js';
import { parseBotConfig } from './config.js';

try {
  const config = parseBotConfig(process.env);
  const bot = createBot(config);
  await setCommands(bot);
  await setMenuButton(bot, config);
  const stop = () => void bot.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await bot.start({ onStart: (me) => console.info(`@${me.username} is polling for updates`) });
} catch (error) {
  console.error(error);
  process.exit(1);
}
