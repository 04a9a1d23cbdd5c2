import type { Locale } from '@posy/bot/locale';
import { For } from 'solid-js';
import { appLanguages, chooseLanguage, locale, t } from '../../i18n/i18n';

/** Picks the interface language; the choice wins over the device's and the profile's (i18n.ts). */
export function LanguageSwitch() {
  return (
    <label class="language-switch">
      <span class="language-switch__label">{t('language.label')}</span>
      <select
        class="language-switch__select"
        value={locale()}
        onChange={(event) => void chooseLanguage(event.currentTarget.value as Locale)}
      >
        <For each={appLanguages}>
          {(language) => (
            <option value={language} lang={language}>
              {t(`language.${language}`)}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
