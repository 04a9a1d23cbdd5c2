/**
 * How the normalized cache's IndexedDB databases are named (`posy-cache:<user>/<shop>`), apart from the
 * cache itself so that sign-out (offline/forget-offline-copies.ts) finds them without loading graphcache.
 */
export const cacheDatabasePrefix = 'posy-cache:';
