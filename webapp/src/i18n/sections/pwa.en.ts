/** The update prompt's strings (components/UpdatePrompt), loaded only when a new version waits. */
export const pwaEn = {
  'update.ready': 'A new version of Posy is ready.',
  'update.apply': 'Update',
  'update.unsaved': 'Updating reloads the page: what you typed here would be lost.',
  'update.applyAnyway': 'Update anyway',
  'update.later': 'Later',
} as const;
