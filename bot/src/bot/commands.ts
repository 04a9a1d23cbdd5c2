import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { type Locale, russianReaderLanguageCodes } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';

function commandsFor(locale: Locale): BotCommand[] {
  return [
    { command: 'start', description: t(locale, 'command.start') },
    { command: 'language', description: t(locale, 'command.language') },
    { command: 'help', description: t(locale, 'command.help') },
  ];
}

/**
 * Registers the command menu: English as the default for every language, and Russian for the languages
 * `resolveLocale` maps to Russian, so the menu matches the replies.
 */
export async function setCommands(bot: { api: Api }): Promise<void> {
  await bot.api.setMyCommands(commandsFor('en'));
  await bot.api.setMyCommands(commandsFor('en'), { language_code: 'en' });
  for (const languageCode of russianReaderLanguageCodes) {
    await bot.api.setMyCommands(commandsFor('ru'), { language_code: languageCode });
  }
}
