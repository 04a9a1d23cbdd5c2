import { cacheDatabasePrefix } from '../graphql/cache-database';
import { forgetDays } from './offline-day';

/** Empties every object store of one IndexedDB database, leaving the database (and other tabs' connections). */
function emptyDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const stores = [...db.objectStoreNames];
      if (stores.length === 0) {
        db.close();
        resolve();
        return;
      }
      const transaction = db.transaction(stores, 'readwrite');
      for (const store of stores) transaction.objectStore(store).clear();
      transaction.oncomplete = () => {
        db.close();
        resolve();
      };
      transaction.onerror = () => {
        db.close();
        reject(transaction.error);
      };
    };
  });
}

/**
 * What this device kept for `userId` to read offline, forgotten at sign-out, so the next person on a shared
 * phone reads none of it: the normalized caches (graphcache, one database per shop) and a courier's saved
 * days. Emptied rather than deleted: this tab's own open connections would hold a deletion back until the tab
 * closes. A courier's unsent steps stay (offline/courier-queue.ts): they are that courier's, replayed at
 * their next sign-in, and nothing taken offline is ever lost.
 */
export async function forgetOfflineCopies(userId: string): Promise<void> {
  const prefix = `${cacheDatabasePrefix}${userId}/`;
  // indexedDB.databases() is missing in older browsers: there, the caches expire on their own (7 days).
  const names = (await indexedDB.databases?.())?.flatMap(({ name }) =>
    name?.startsWith(prefix) ? [name] : [],
  );
  await Promise.all([...(names ?? []).map(emptyDatabase), forgetDays(`${userId}/`)]);
}
