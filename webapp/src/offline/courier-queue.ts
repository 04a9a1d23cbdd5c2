import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

/**
 * One thing the courier did that the server has not confirmed yet. Kept in IndexedDB (not in the service
 * worker, which iOS Telegram's webview may never start), so it survives a reload, a closed app and a dead
 * battery, and is replayed in the order it was done.
 */
export type CourierAction =
  | { kind: 'pickUp' }
  | { kind: 'startRoute' }
  | { kind: 'complete'; code: string }
  | { kind: 'fail'; reason: string }
  /** A photo of the handover: uploaded (uploadImage, DELIVERY_PROOF), then attached (attachDeliveryProof). */
  | { kind: 'proof'; photo: Blob; fileName: string; imageId?: string };

export type QueuedAction = CourierAction & {
  /** The idempotency key: the entry's identity across replays, tabs and reloads. */
  id: string;
  /** The IndexedDB key: [when it was queued, a counter], so entries sort in the order they were made. */
  key: [number, number];
  /** `<user id>/<shop id>`: only that user, working in that shop, sends it (or sees it). */
  owner: string;
  orderId: string;
  orderNumber: number;
  /** The order's version the courier acted on: the server refuses the step if the order moved since. */
  version: number;
  queuedAt: string;
  /** Set once the server refused it for good: shown to the courier, never replayed. */
  refusal?: string;
};

let counter = 0;
let defaultStore: UseStore | undefined;

/** The IndexedDB store of the queue (a store of its own, so clearing the day's cache never loses actions). */
export function queueStore(): UseStore {
  defaultStore ??= createStore('posy-courier-queue', 'actions');
  return defaultStore;
}

/** Puts an action at the end of the queue; answers it as stored. */
export async function enqueue(
  action: CourierAction,
  on: { owner: string; orderId: string; orderNumber: number; version: number },
  store: UseStore = queueStore(),
  now: Date = new Date(),
): Promise<QueuedAction> {
  counter += 1;
  const entry: QueuedAction = {
    ...action,
    ...on,
    id: crypto.randomUUID(),
    key: [now.getTime(), counter],
    queuedAt: now.toISOString(),
  };
  await set(entry.key, entry, store);
  return entry;
}

/** Every entry, oldest first (IndexedDB orders array keys element by element). */
export async function queuedActions(store: UseStore = queueStore()): Promise<QueuedAction[]> {
  return (await entries<[number, number], QueuedAction>(store)).map(([, entry]) => entry);
}

export async function removeAction(entry: QueuedAction, store: UseStore = queueStore()): Promise<void> {
  await del(entry.key, store);
}

/** Saves a change to an entry (its uploaded photo's id, a newer version, a refusal) if it is still queued. */
export async function updateAction(
  entry: QueuedAction,
  patch: Partial<Pick<QueuedAction, 'version' | 'refusal'>> & { imageId?: string },
  store: UseStore = queueStore(),
): Promise<QueuedAction | undefined> {
  const stored = await get<QueuedAction>(entry.key, store);
  if (!stored) return undefined;
  const updated = { ...stored, ...patch } as QueuedAction;
  await set(entry.key, updated, store);
  return updated;
}
