import type { UseStore } from 'idb-keyval';
import { type QueuedAction, queuedActions, queueStore, removeAction, updateAction } from './courier-queue';

/** What sending one queued action to the server came to. */
export type SendOutcome =
  /** The server did it (or had done it already); `version` is the order's version now, when known. */
  | { result: 'done'; version?: number }
  /**
   * No answer (or a server error): the entry stays, and nothing of its order overtakes it. Steps of other
   * orders still go, unless the device itself is offline.
   */
  | { result: 'offline' }
  /** The server refused it for good (a wrong code, a delivery taken away): kept to show, not replayed. */
  | { result: 'refused'; reason: string };

export type SendAction = (entry: QueuedAction) => Promise<SendOutcome>;

export interface ReplayReport {
  sent: number;
  refused: number;
  /** Entries still waiting because the connection dropped. */
  waiting: number;
}

/** Held while a tab replays, so two tabs of the app never send the same entry twice. */
const replayLockName = 'posy.courier.replay';
let running: Promise<ReplayReport> | undefined;

/**
 * Sends the queued actions one by one, oldest first, through `send`. A success is removed from the queue
 * only after the server answered, and the entries after it on the same order take the version it
 * answered (they were made offline on top of it). If the app dies between the server's commit and that
 * removal, the replay sends the entry again with the old version: `send` then finds the step already
 * done (the server refuses a stale version, and the order shows the step) and answers `done`, so
 * nothing happens twice. One replay at a time per tab (callers share it) and per origin (Web Locks). Only
 * `owner`'s entries are sent (see QueuedAction.owner).
 *
 * An entry that gets no answer holds back the later entries of its order only (they were made on top of
 * it); the other orders' steps are independent, so one stuck step (a photo a gateway keeps refusing, a
 * server error on one delivery) does not keep a courier's whole day from reaching the shop. When the
 * device says it is offline, the replay stops at the first such entry instead of trying every order.
 */
export function replayQueue(
  send: SendAction,
  owner: string,
  store: UseStore = queueStore(),
): Promise<ReplayReport> {
  running ??= withLock(() => replayOnce(send, owner, store)).finally(() => {
    running = undefined;
  });
  return running;
}

async function replayOnce(send: SendAction, owner: string, store: UseStore): Promise<ReplayReport> {
  const report: ReplayReport = { sent: 0, refused: 0, waiting: 0 };
  // The queue is read again before each entry: a step the courier takes while a replay runs is sent by it.
  // Orders whose next entry got no answer in this replay: the rest of their entries wait behind it.
  const held = new Set<string>();
  for (;;) {
    // Another courier's steps (a shared phone) wait for them: sent as this one, the server would refuse them.
    const pending = (await queuedActions(store)).filter((entry) => !entry.refusal && entry.owner === owner);
    const entry = pending.find((candidate) => !held.has(candidate.orderId));
    if (!entry) {
      report.waiting = pending.length;
      return report;
    }
    const outcome = await send(entry).catch((): SendOutcome => ({ result: 'offline' }));
    if (outcome.result === 'offline') {
      held.add(entry.orderId);
      if (deviceOffline()) {
        report.waiting = pending.length;
        return report;
      }
      continue;
    }
    if (outcome.result === 'refused') {
      await updateAction(entry, { refusal: outcome.reason }, store);
      report.refused += 1;
      continue;
    }
    if (outcome.version !== undefined) {
      // Read again: steps taken while this one was on its way were made on top of it too.
      for (const next of await queuedActions(store)) {
        if (next.id !== entry.id && next.orderId === entry.orderId && !next.refusal) {
          await updateAction(next, { version: outcome.version }, store);
        }
      }
    }
    await removeAction(entry, store);
    report.sent += 1;
  }
}

/** The browser's word that there is no network at all (then no other order's step could go either). */
const deviceOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

function withLock<T>(task: () => Promise<T>): Promise<T> {
  // Web Locks are in every browser the app supports; without them (unit tests, old webviews) run at once.
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return task();
  return locks.request(replayLockName, task) as Promise<T>;
}
