import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it, vi } from 'vitest';
import { enqueue, type QueuedAction, queuedActions } from './courier-queue';
import { replayQueue, type SendOutcome } from './replay';

let stores = 0;
const freshStore = () => createStore(`posy-courier-queue-test-${++stores}`, 'actions');
const owner = 'courier-1/shop-1';
const order = (orderId: string, version: number) => ({ owner, orderId, orderNumber: 7, version });

/** A fake server: records what it was sent and answers with `answer`, as the real executor does. */
function recorder(answer: (entry: QueuedAction, calls: number) => SendOutcome) {
  const sent: { kind: string; orderId: string; version: number }[] = [];
  return {
    sent,
    send: async (entry: QueuedAction) => {
      sent.push({ kind: entry.kind, orderId: entry.orderId, version: entry.version });
      return answer(entry, sent.length);
    },
  };
}

describe('the courier queue', () => {
  it('keeps entries in the order they were made, with an id each, across reads', async () => {
    const store = freshStore();
    const at = new Date('2026-12-03T10:00:00Z');
    await enqueue({ kind: 'pickUp' }, order('a', 3), store, at);
    await enqueue({ kind: 'startRoute' }, order('a', 3), store, at);
    await enqueue({ kind: 'complete', code: '1234' }, order('a', 3), store, at);
    const queued = await queuedActions(store);
    expect(queued.map((entry) => entry.kind)).toEqual(['pickUp', 'startRoute', 'complete']);
    expect(new Set(queued.map((entry) => entry.id)).size).toBe(3);
  });

  it('keeps a photo as a Blob', async () => {
    const store = freshStore();
    const photo = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    await enqueue({ kind: 'proof', photo, fileName: 'proof.png' }, order('a', 1), store);
    const [entry] = await queuedActions(store);
    expect(entry?.kind === 'proof' && new Uint8Array(await entry.photo.arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });
});

describe('replaying the queue', () => {
  it('sends each entry once, in order, and passes the answered version to the next step of the order', async () => {
    const store = freshStore();
    await enqueue({ kind: 'pickUp' }, order('a', 3), store);
    await enqueue({ kind: 'fail', reason: 'Nobody home' }, order('b', 9), store);
    await enqueue({ kind: 'startRoute' }, order('a', 3), store);
    const server = recorder((entry) => ({ result: 'done', version: entry.version + 1 }));

    expect(await replayQueue(server.send, owner, store)).toEqual({ sent: 3, refused: 0, waiting: 0 });
    expect(server.sent).toEqual([
      { kind: 'pickUp', orderId: 'a', version: 3 },
      { kind: 'fail', orderId: 'b', version: 9 },
      { kind: 'startRoute', orderId: 'a', version: 4 },
    ]);
    expect(await queuedActions(store)).toEqual([]);
    // A second replay has nothing to send.
    await replayQueue(server.send, owner, store);
    expect(server.sent).toHaveLength(3);
  });

  it('stops at the first entry that finds no connection and keeps it and everything after it', async () => {
    const store = freshStore();
    await enqueue({ kind: 'pickUp' }, order('a', 3), store);
    await enqueue({ kind: 'startRoute' }, order('a', 3), store);
    await enqueue({ kind: 'complete', code: '1234' }, order('a', 3), store);
    const server = recorder((_entry, calls) =>
      calls === 1 ? { result: 'done', version: 4 } : { result: 'offline' },
    );

    expect(await replayQueue(server.send, owner, store)).toEqual({ sent: 1, refused: 0, waiting: 2 });
    const left = await queuedActions(store);
    expect(left.map((entry) => [entry.kind, entry.version])).toEqual([
      ['startRoute', 4],
      ['complete', 4],
    ]);
  });

  it('a step that gets no answer holds back its own order only; the other orders still go', async () => {
    const store = freshStore();
    await enqueue({ kind: 'proof', photo: new Blob(['x']), fileName: 'p.jpg' }, order('a', 3), store);
    await enqueue({ kind: 'complete', code: '1234' }, order('a', 3), store);
    await enqueue({ kind: 'pickUp' }, order('b', 5), store);
    await enqueue({ kind: 'startRoute' }, order('b', 5), store);
    // Order a's photo keeps failing (a gateway refusing it); b's steps are answered.
    const server = recorder((entry) =>
      entry.orderId === 'a' ? { result: 'offline' } : { result: 'done', version: entry.version + 1 },
    );

    expect(await replayQueue(server.send, owner, store)).toEqual({ sent: 2, refused: 0, waiting: 2 });
    expect(server.sent).toEqual([
      { kind: 'proof', orderId: 'a', version: 3 },
      { kind: 'pickUp', orderId: 'b', version: 5 },
      { kind: 'startRoute', orderId: 'b', version: 6 },
    ]);
    // a's code was never sent past its photo, and both wait.
    expect((await queuedActions(store)).map((entry) => [entry.orderId, entry.kind])).toEqual([
      ['a', 'proof'],
      ['a', 'complete'],
    ]);
  });

  it('with the device offline, stops at the first unanswered step instead of trying every order', async () => {
    const store = freshStore();
    await enqueue({ kind: 'pickUp' }, order('a', 3), store);
    await enqueue({ kind: 'pickUp' }, order('b', 5), store);
    const server = recorder(() => ({ result: 'offline' }));
    vi.stubGlobal('navigator', { onLine: false });
    try {
      expect(await replayQueue(server.send, owner, store)).toEqual({ sent: 0, refused: 0, waiting: 2 });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(server.sent.map((entry) => entry.orderId)).toEqual(['a']);
  });

  it('treats a thrown error as no connection', async () => {
    const store = freshStore();
    await enqueue({ kind: 'pickUp' }, order('a', 3), store);
    const report = await replayQueue(
      async () => {
        throw new TypeError('Failed to fetch');
      },
      owner,
      store,
    );
    expect(report).toEqual({ sent: 0, refused: 0, waiting: 1 });
    expect(await queuedActions(store)).toHaveLength(1);
  });

  it('keeps a refused entry to show, never sends it again, and goes on with the rest', async () => {
    const store = freshStore();
    await enqueue({ kind: 'complete', code: '0000' }, order('a', 3), store);
    await enqueue({ kind: 'fail', reason: 'Closed' }, order('b', 1), store);
    const server = recorder((entry) =>
      entry.kind === 'complete' ? { result: 'refused', reason: 'WrongHandoverCode' } : { result: 'done' },
    );

    expect(await replayQueue(server.send, owner, store)).toEqual({ sent: 1, refused: 1, waiting: 0 });
    await replayQueue(server.send, owner, store);
    expect(server.sent.map((entry) => entry.kind)).toEqual(['complete', 'fail']);
    const [kept] = await queuedActions(store);
    expect(kept?.refusal).toBe('WrongHandoverCode');
  });

  it('sends a step taken while the replay runs, after the ones before it', async () => {
    const store = freshStore();
    await enqueue({ kind: 'pickUp' }, order('a', 3), store);
    const server = recorder((entry) => ({ result: 'done', version: entry.version + 1 }));
    let added = false;
    const report = await replayQueue(
      async (entry) => {
        if (!added) {
          added = true;
          await enqueue({ kind: 'startRoute' }, order('a', 3), store);
        }
        return server.send(entry);
      },
      owner,
      store,
    );
    expect(report.sent).toBe(2);
    expect(server.sent).toEqual([
      { kind: 'pickUp', orderId: 'a', version: 3 },
      { kind: 'startRoute', orderId: 'a', version: 4 },
    ]);
  });

  it("leaves another courier's entries for them", async () => {
    const store = freshStore();
    await enqueue({ kind: 'pickUp' }, { ...order('a', 3), owner: 'courier-2/shop-1' }, store);
    await enqueue({ kind: 'pickUp' }, order('b', 5), store);
    const server = recorder(() => ({ result: 'done' }));
    expect(await replayQueue(server.send, owner, store)).toEqual({ sent: 1, refused: 0, waiting: 0 });
    expect(server.sent.map((entry) => entry.orderId)).toEqual(['b']);
    expect((await queuedActions(store)).map((entry) => entry.owner)).toEqual(['courier-2/shop-1']);
  });

  it('runs one replay at a time: callers meanwhile share it, so nothing is sent twice', async () => {
    const store = freshStore();
    await enqueue({ kind: 'pickUp' }, order('a', 3), store);
    await enqueue({ kind: 'startRoute' }, order('a', 3), store);
    const server = recorder(() => ({ result: 'done' }));
    await Promise.all([replayQueue(server.send, owner, store), replayQueue(server.send, owner, store)]);
    expect(server.sent.map((entry) => entry.kind)).toEqual(['pickUp', 'startRoute']);
  });
});
