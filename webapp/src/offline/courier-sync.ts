import { createSignal } from 'solid-js';
import { session } from '../auth/session';
import { type CourierAction, enqueue, type QueuedAction, queuedActions, removeAction } from './courier-queue';
import { replayQueue } from './replay';
import { onUploadProgress, sendCourierAction } from './send-courier-action';

const [pending, setPending] = createSignal<QueuedAction[]>([]);
const [syncing, setSyncing] = createSignal(false);
const [progress, setProgress] = createSignal<{ entryId: string; fraction: number }>();
const [synced, setSynced] = createSignal(0);

/** What waits to be sent (and what the server refused, with `refusal`), oldest first. Reactive. */
export const courierQueue = pending;
/** True while the queue is being sent. */
export const courierSyncing = syncing;
/** The photo being uploaded now and how far it got (0–1). */
export const proofUploadProgress = progress;
/** Counts finished replays that sent something: pages re-read the server's state when it moves. */
export const courierSynced = synced;

const firstRetryMs = 3_000;
const lastRetryMs = 60_000;
let retryMs = firstRetryMs;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let started = false;

onUploadProgress((entryId, fraction) => setProgress({ entryId, fraction }));

/** Whose queue this tab sends and shows: the signed-in user in the active shop. */
export function queueOwner(): string {
  const current = session();
  return `${current?.user.id ?? ''}/${current?.activeShopId ?? ''}`;
}

async function readQueue(): Promise<void> {
  const owner = queueOwner();
  setPending((await queuedActions()).filter((entry) => entry.owner === owner));
}

/**
 * Sends what is queued now. While something waits for a connection it tries again, sooner after the
 * browser says it is back online (the `online` event) and otherwise after a growing pause, so a
 * flaky link is neither hammered nor forgotten.
 */
export async function syncCourierQueue(): Promise<void> {
  clearTimeout(retryTimer);
  setSyncing(true);
  try {
    const report = await replayQueue(sendCourierAction, queueOwner());
    if (report.sent + report.refused > 0) setSynced((count) => count + 1);
    if (report.waiting > 0) {
      retryTimer = setTimeout(() => void syncCourierQueue(), retryMs);
      retryMs = Math.min(retryMs * 2, lastRetryMs);
    } else {
      retryMs = firstRetryMs;
    }
  } finally {
    setSyncing(false);
    setProgress(undefined);
    await readQueue();
  }
}

/** Queues a step of a delivery and sends it at once if the link allows; the screen shows it waiting. */
export async function queueCourierAction(
  action: CourierAction,
  on: { orderId: string; orderNumber: number; version: number },
): Promise<void> {
  await enqueue(action, { ...on, owner: queueOwner() });
  await readQueue();
  void syncCourierQueue();
}

/** The courier read a refusal: it leaves the list. */
export async function dismissRefusal(entry: QueuedAction): Promise<void> {
  await removeAction(entry);
  await readQueue();
}

/** Once per page load, from the courier's screens: shows the queue and sends what a closed app left. */
export function startCourierSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    retryMs = firstRetryMs;
    void syncCourierQueue();
  });
  void readQueue().then(syncCourierQueue);
}
