import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { forgetDays, loadDay, saveDay } from './offline-day';

describe('saved days', () => {
  it('forgets one user’s days in every shop at sign-out, and keeps everyone else’s', async () => {
    const store = createStore('posy-courier-day-test', 'days');
    await saveDay('user-1/shop-a', '2026-12-03', { deliveries: 2 }, store);
    await saveDay('user-1/shop-b', '2026-12-03', { deliveries: 1 }, store);
    await saveDay('user-10/shop-a', '2026-12-03', { deliveries: 4 }, store);

    await forgetDays('user-1/', store);

    expect(await loadDay('user-1/shop-a', store)).toBeUndefined();
    expect(await loadDay('user-1/shop-b', store)).toBeUndefined();
    expect((await loadDay('user-10/shop-a', store))?.data).toEqual({ deliveries: 4 });
  });
});
