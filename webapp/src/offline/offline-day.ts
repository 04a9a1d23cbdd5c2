import { createStore, delMany, get, keys, set, type UseStore } from 'idb-keyval';

/** The last day the courier's screen loaded, kept to read while offline. */
export interface SavedDay<Data> {
  date: string;
  savedAt: string;
  data: Data;
}

let defaultStore: UseStore | undefined;
function dayStore(): UseStore {
  defaultStore ??= createStore('posy-courier-day', 'days');
  return defaultStore;
}

/**
 * One entry per courier and shop, overwritten by each load: the addresses and phones of a past day do
 * not pile up on the phone. Never tokens: the session outlives a reload without them (auth/session.ts).
 */
export async function saveDay<Data>(
  owner: string,
  date: string,
  data: Data,
  store: UseStore = dayStore(),
): Promise<void> {
  await set(owner, { date, savedAt: new Date().toISOString(), data } satisfies SavedDay<Data>, store);
}

export async function loadDay<Data>(
  owner: string,
  store: UseStore = dayStore(),
): Promise<SavedDay<Data> | undefined> {
  return get<SavedDay<Data>>(owner, store);
}

/** Forgets the saved days of every owner whose key starts with `ownerPrefix` (a user, at sign-out). */
export async function forgetDays(ownerPrefix: string, store: UseStore = dayStore()): Promise<void> {
  const owners = (await keys<string>(store)).filter((owner) => owner.startsWith(ownerPrefix));
  await delMany(owners, store);
}
