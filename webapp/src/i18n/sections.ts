import type { Locale } from '@posy/bot/locale';
import type { LoadedDictionary } from './messages';

/**
 * The message sections: sections/<name>.<lang>.ts, each a chunk of its own, so a screen downloads
 * the core strings (core.<lang>.ts) and the sections of the pages it shows, in one language. Found by
 * file name: a new section needs no registration here.
 */
const modules: Record<Locale, Record<string, () => Promise<unknown>>> = {
  en: import.meta.glob('./sections/*.en.ts'),
  ru: import.meta.glob('./sections/*.ru.ts'),
};

const sectionName = (path: string) => path.replace(/^\.\/sections\//, '').replace(/\.\w+\.ts$/, '');

/** Every section's name (`order`, `team`, …). */
export const sectionNames: readonly string[] = Object.keys(modules.en).map(sectionName);

/** One section of one language; a section file exports exactly one dictionary. */
export async function loadSectionPart(language: Locale, name: string): Promise<LoadedDictionary> {
  const load = modules[language][`./sections/${name}.${language}.ts`];
  if (!load) throw new Error(`No message section "${name}" in ${language} (src/i18n/sections/)`);
  const exported = Object.values((await load()) as Record<string, LoadedDictionary>);
  if (exported.length !== 1) throw new Error(`sections/${name}.${language}.ts must export one dictionary`);
  return exported[0] as LoadedDictionary;
}

/** The strings every screen may need, loaded before the first render (index.tsx). */
export function loadCorePart(language: Locale): Promise<LoadedDictionary> {
  return language === 'ru'
    ? import('./core.ru').then((module) => module.coreRu)
    : import('./core.en').then((module) => module.coreEn);
}
