import type { SectionDictionary } from '../messages';
import type { pwaEn } from './pwa.en';

/** The update prompt's strings, Russian. */
export const pwaRu: SectionDictionary<typeof pwaEn> = {
  'update.ready': 'Готова новая версия Posy.',
  'update.apply': 'Обновить',
  'update.unsaved': 'Обновление перезагрузит страницу: введённое здесь пропадёт.',
  'update.applyAnyway': 'Всё равно обновить',
  'update.later': 'Позже',
};
