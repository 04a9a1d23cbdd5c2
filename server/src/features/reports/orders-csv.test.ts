import { request } from 'node:http';
import { DEMO_LOGINS } from '@posy/prisma/seed';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertBulkOrders } from '../../../test/bulk-orders.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { COURIER, CUSTOMER, demoShopId, FLORIST, MANAGER } from '../production/production-test-fixtures.js';

let app: TestApp;
let manager: Record<string, string>;
let csvShopId: string;
beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn(MANAGER);
  csvShopId = await csvShop();
});
afterAll(() => app?.stop());

const exportUrl = (from = '2026-03-01', to = '2026-04-01') =>
  `${app.url}/reports/orders.csv?from=${from}&to=${to}`;

/** A shop of its own whose orders hold every awkward cell: delimiters, quotes, newlines, formulas, Cyrillic. */
async function csvShop() {
  const shop = await app.prisma.shop.create({
    data: { name: 'CSV shop', slug: 'csv-shop', timezone: 'Europe/Moscow', currency: 'RUB' },
  });
  const managerId = (await app.prisma.user.findUniqueOrThrow({ where: { email: MANAGER } })).id;
  await app.prisma.membership.create({ data: { userId: managerId, shopId: shop.id, role: 'MANAGER' } });
  const customer = await app.prisma.customer.create({
    data: { shopId: shop.id, name: 'Иванов, "Ваня"', phone: '+79001234567' },
  });
  const product = await app.prisma.product.create({
    data: { shopId: shop.id, name: 'Розы; red', priceMinor: 150_050 },
  });
  const order = (number: number, createdAt: string, data: Record<string, unknown>) =>
    app.prisma.order.create({
      data: {
        shopId: shop.id,
        customerId: customer.id,
        number,
        currency: 'RUB',
        subtotalMinor: 150_050,
        deliveryFeeMinor: 5,
        totalMinor: 150_055,
        createdAt: new Date(createdAt),
        items: {
          create: {
            productId: product.id,
            productName: product.name,
            quantity: 1,
            unitPriceMinor: 150_050,
            unitCostMinor: 0,
            totalMinor: 150_050,
          },
        },
        ...data,
      },
    });
  await order(1, '2026-03-05T10:00:00Z', {
    recipientName: '=HYPERLINK("http://evil.example","click")',
    deliveryAddress: 'Line one\nline two',
    recipientPhone: '@SUM(A1)',
  });
  await order(2, '2026-03-06T10:00:00Z', { recipientName: '-2+3', deliveryAddress: 'Tverskaya 1' });
  // 1 April, 01:00 in Moscow: after the period [1 March, 1 April) although still 31 March in UTC.
  await order(3, '2026-03-31T22:00:00Z', { recipientName: 'Too late' });
  return shop.id;
}

describe('GET /reports/orders.csv', () => {
  test('is refused to the anonymous (401), florists, couriers, customers, other shops and keys without orders:read (403)', async () => {
    expect((await fetch(exportUrl())).status).toBe(401);
    for (const email of [FLORIST, COURIER, CUSTOMER]) {
      const response = await fetch(exportUrl(), { headers: await app.signIn(email) });
      expect(response.status, email).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    const stranger = await app.prisma.shop.create({ data: { name: 'Stranger', slug: 'stranger' } });
    const admin = await app.signIn(DEMO_LOGINS.find((login) => login.role === 'ADMIN')!.email);
    expect((await fetch(exportUrl(), { headers: { ...admin, 'x-shop-id': stranger.id } })).status).toBe(403);
    expect((await fetch(exportUrl(), { headers: { ...app.demoKey, 'x-shop-id': stranger.id } })).status).toBe(
      403,
    );
    const catalogKey = await app.insertApiKey({ scopes: ['catalog:read', 'reports:read'] });
    expect((await fetch(exportUrl(), { headers: catalogKey.headers })).status).toBe(403);
    for (const headers of [admin, app.demoKey]) {
      const response = await fetch(exportUrl(), { headers });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
  });

  test('a bad period is 400 naming the parameter', async () => {
    const headers = { ...manager, 'x-shop-id': csvShopId };
    for (const [from, to, field] of [
      ['2026-04-01', '2026-03-01', 'period.to'],
      ['2025-01-01', '2026-04-01', 'period.to'],
      ['march', '2026-04-01', 'period.from'],
    ]) {
      const response = await fetch(exportUrl(from, to), { headers });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  test('writes RFC 4180 with a BOM, quoting, a formula guard and a file name; only the shop’s period', async () => {
    const response = await fetch(exportUrl(), { headers: { ...manager, 'x-shop-id': csvShopId } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="orders-2026-03-01-2026-04-01.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'number,created_at,status,payment_status,fulfillment,source,customer_name,customer_phone,recipient_name,' +
        'recipient_phone,delivery_address,window_start,window_end,courier,items,currency,subtotal,delivery_fee,' +
        'discount,total,paid_at',
    );
    expect(lines[1]).toBe(
      '1,2026-03-05T10:00:00.000Z,NEW,UNPAID,DELIVERY,STAFF,"Иванов, ""Ваня""",\'+79001234567,' +
        '"\'=HYPERLINK(""http://evil.example"",""click"")",\'@SUM(A1),"Line one\nline two",,,,Розы; red × 1,' +
        'RUB,1500.50,0.05,0.00,1500.55,',
    );
    expect(lines[2]).toContain(",'-2+3,,Tverskaya 1,");
    expect(lines.slice(3)).toEqual(['']);
    expect(text).not.toContain('Too late');
  });
});

test('an export counts as ten operations against the caller’s rate limit: 429 with Retry-After past it', async () => {
  const limited = await startTestApp({ RATE_LIMIT_USER_PER_MINUTE: '25' });
  try {
    const headers = await limited.signIn(MANAGER);
    const url = `${limited.url}/reports/orders.csv?from=2026-03-01&to=2026-04-01`;
    for (const expected of [200, 200, 429]) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(expected);
      if (expected === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await response.json()).toMatchObject({ code: 'RATE_LIMITED' });
      } else await response.arrayBuffer();
    }
  } finally {
    await limited.stop();
  }
});

describe('streaming', () => {
  /** Where the query listener records statements; null while not counting (Prisma has no $off). */
  let recording: string[] | null = null;
  const orderReads = () =>
    (recording ?? []).filter((sql) => sql.startsWith('SELECT') && sql.includes('FROM "public"."Order"'));

  test('a client that goes away mid-file stops the reading: no batch after the one in flight', async () => {
    app.prisma.$on('query', (event) => recording?.push(event.query));
    const shopId = await demoShopId(app);
    // 30 batches of 1,000; rows of ~300 bytes, 9 MB in all: more than socket buffers hold.
    await insertBulkOrders(app.prisma, {
      shopId,
      count: 30_000,
      from: new Date('2026-03-01T00:00:00Z'),
      spacingSeconds: 60,
    });
    const headers = { ...manager, 'x-shop-id': shopId };

    recording = [];
    const full = await fetch(exportUrl(), { headers });
    const rows = (await full.text()).split('\r\n').length - 2;
    expect(rows).toBe(30_000);
    expect(orderReads().length).toBeGreaterThanOrEqual(30);

    recording = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(exportUrl(), { headers }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (error.message.includes('socket hang up') ? resolve() : reject(error)));
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const afterDisconnect = orderReads().length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(orderReads().length).toBe(afterDisconnect);
    expect(afterDisconnect).toBeLessThan(10);
    recording = null;
  });

  test('orders made at one instant across batches come once each (the keyset breaks ties by id)', async () => {
    const shopId = await demoShopId(app);
    const first = await insertBulkOrders(app.prisma, {
      shopId,
      count: 2500,
      from: new Date('2026-06-10T09:00:00Z'),
      spacingSeconds: 0,
    });
    const response = await fetch(exportUrl('2026-06-01', '2026-07-01'), {
      headers: { ...manager, 'x-shop-id': shopId },
    });
    const numbers = (await response.text())
      .split('\r\n')
      .slice(1, -1)
      .map((line) => Number(line.split(',')[0]));
    expect(numbers).toHaveLength(2500);
    expect(new Set(numbers).size).toBe(2500);
    expect(Math.min(...numbers)).toBe(first);
  });
});
