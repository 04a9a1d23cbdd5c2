import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import {
  addCustomer,
  bouquetOf,
  deliveryOnTheWay,
  demoCourierId,
  MANAGER,
  rowIdOf,
} from './courier-location-test-fixtures.js';
import { DELETE_OLD_COURIER_POSITIONS_TASK, deleteOldCourierPositions } from './delete-old-positions.task.js';

// Positions older than COURIER_POSITION_RETENTION_HOURS (24 by default) are deleted by a cron task: run here
// as the runner runs it, against real rows, rather than waiting for a tick.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const HOUR = 3_600_000;
const silent = { info: () => {} };

test('the retention task deletes only the positions older than the retention period, and runs again harmlessly', async () => {
  const manager = await app.signIn(MANAGER);
  const { productId } = await bouquetOf(app, 'Kept roses', 1, [[10, 72]]);
  const customer = await addCustomer(app, 'Rhea Retained');
  const order = await deliveryOnTheWay(app, manager, { productId, customerId: customer.id });
  const orderRow = await app.prisma.order.findUniqueOrThrow({ where: { id: rowIdOf(order.id) } });
  const courierId = await demoCourierId(app);
  const now = new Date();
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
  const retention = app.config.courierPositions.retentionHours;
  expect(retention).toBe(24);
  const at = [retention + 48, retention + 0.01, retention - 0.01, 1];
  await app.prisma.courierPosition.createMany({
    data: at.map((hours) => ({
      shopId: orderRow.shopId,
      orderId: orderRow.id,
      courierId,
      latitude: hours,
      longitude: 37.6,
      recordedAt: ago(hours),
    })),
  });

  const deleted = await deleteOldCourierPositions(
    { config: app.config, prisma: app.prisma, log: silent },
    now,
  );
  expect(deleted).toBe(2);
  const kept = await app.prisma.courierPosition.findMany({ where: { orderId: orderRow.id } });
  expect(kept.map((p) => p.latitude).sort((a, b) => a - b)).toEqual([1, retention - 0.01]);
  // Run again (a second worker, the next tick): nothing more to delete.
  expect(await deleteOldCourierPositions({ config: app.config, prisma: app.prisma, log: silent }, now)).toBe(
    0,
  );
});

test('the runner schedules the retention task as a graphile-worker cron', async () => {
  const known = async () =>
    (
      await app.prisma.$queryRaw<{ identifier: string }[]>`
        SELECT identifier FROM graphile_worker._private_known_crontabs`
    ).map((k) => k.identifier);
  // The runner records its cron items as it starts its scheduler, just after run() resolves.
  for (let tries = 0; tries < 100 && !(await known()).includes(DELETE_OLD_COURIER_POSITIONS_TASK); tries += 1)
    await sleep(100);
  expect(await known()).toContain(DELETE_OLD_COURIER_POSITIONS_TASK);
});
