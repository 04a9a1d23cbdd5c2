import type { Api } from 'grammy';
import type { BotConfig } from '../config.js';

/**
 * Makes the chat's menu button open the Mini App for every user. The default button has one text for all
 * languages, so it is the product's name.
 */
export async function setMenuButton(bot: { api: Api }, config: Pick<BotConfig, 'webAppUrl'>): Promise<void> {
  await bot.api.setChatMenuButton({
    menu_button: { type: 'web_app', text: 'Posy', web_app: { url: config.webAppUrl } },
  });
}
