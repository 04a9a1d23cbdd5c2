import { createHash } from 'node:crypto';
import type { OrderStatus, PrismaClient } from '../generated/client/client.js';
import { seedCourierLocation } from './seed-courier-location.js';
import { seedCustomerRecords } from './seed-customers.js';
import { seedDeliveries } from './seed-delivery.js';
import { seedSubscriptions } from './seed-subscriptions.js';

/**
 * The demo shop a newcomer can try every screen with. Every account's password is `posy-demo`;
 * the hash below is its argon2id (m=19456, t=2, p=1), precomputed so seeding needs no native module.
 */
export const DEMO_PASSWORD = 'posy-demo';
const DEMO_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$YaivjF0iRMVoO469qKEzYQ$62YYuTcihoPkiRrkA231RGhKHPPII5CKo48vowCUQjM';

export const DEMO_SHOP_SLUG = 'demo';
export { DEMO_HANDOVER_CODE } from './seed-delivery.js';

/** Integrator key with every read scope and orders:write, for trying the API from curl. Demo data only. */
export const DEMO_API_KEY = 'posy_demo000001_wWwVXz4RdcRmD_TwjUmOh2BiRjdNoMbkkGgUzBxxql4';

export const DEMO_LOGINS = [
  { role: 'ADMIN', email: 'admin@posy.demo', name: 'Anna Admin', locale: 'ru', telegramId: 100000001n },
  { role: 'MANAGER', email: 'manager@posy.demo', name: 'Max Manager', locale: 'en', telegramId: 100000002n },
  {
    role: 'FLORIST',
    email: 'florist@posy.demo',
    name: 'Fiona Florist',
    locale: 'ru',
    telegramId: 100000003n,
  },
  {
    role: 'COURIER',
    email: 'courier@posy.demo',
    name: 'Kirill Courier',
    locale: 'ru',
    telegramId: 100000004n,
  },
  {
    role: 'CUSTOMER',
    email: 'customer@posy.demo',
    name: 'Chris Customer',
    locale: 'en',
    telegramId: 100000005n,
  },
] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Seeds the demo shop: staff of every role, customers, a catalog with compositions, stock with
 * batches near expiry, orders in every status with their history, a subscription ending tomorrow.
 * Idempotent: does nothing (returns false) when the demo shop exists.
 */
export async function seed(prisma: PrismaClient, now = new Date()): Promise<boolean> {
  if (await prisma.shop.findUnique({ where: { slug: DEMO_SHOP_SLUG }, select: { id: true } })) return false;
  const at = (offset: number) => new Date(now.getTime() + offset);
  const dayAt = (days: number, hour: number) => {
    const d = new Date(now);
    d.setUTCHours(hour - 3, 0, 0, 0); // shop hours in Moscow time (UTC+3)
    return new Date(d.getTime() + days * DAY);
  };

  await prisma.$transaction(
    async (tx) => {
      const shop = await tx.shop.create({
        data: {
          name: 'Posy Demo Flowers',
          slug: DEMO_SHOP_SLUG,
          currency: 'RUB',
          timezone: 'Europe/Moscow',
          phone: '+7 495 000-00-00',
          address: 'Moscow, Tverskaya 1',
          deliveryFeeMinor: 50_000,
        },
      });
      const people: Record<string, { id: string }> = {};
      for (const login of DEMO_LOGINS) {
        const user = await tx.user.upsert({
          where: { email: login.email },
          update: {},
          create: {
            email: login.email,
            name: login.name,
            locale: login.locale,
            telegramId: login.telegramId,
            telegramUsername: login.email.split('@')[0],
            passwordHash: DEMO_PASSWORD_HASH,
          },
        });
        people[login.role] = user;
        if (login.role !== 'CUSTOMER') {
          await tx.membership.create({ data: { userId: user.id, shopId: shop.id, role: login.role } });
        }
      }
      const admin = people.ADMIN!;

      await tx.apiKey.create({
        data: {
          shopId: shop.id,
          name: 'Demo integration',
          prefix: 'demo000001',
          hash: createHash('sha256').update(DEMO_API_KEY.slice('posy_demo000001_'.length)).digest('hex'),
          scopes: ['orders:read', 'orders:write', 'catalog:read', 'customers:read', 'stock:read'],
          createdById: admin.id,
        },
      });

      // Stock: unit costs in kopecks; batches with expiries from "already expired" to "next week".
      const stockSpec = [
        {
          name: 'Red rose',
          unit: 'STEM',
          cost: 9_000,
          batches: [
            [120, 5 * DAY],
            [40, 20 * HOUR],
          ],
        },
        { name: 'White rose', unit: 'STEM', cost: 9_500, batches: [[60, 4 * DAY]] },
        {
          name: 'Tulip',
          unit: 'STEM',
          cost: 4_500,
          batches: [
            [150, 2 * DAY],
            [30, -6 * HOUR],
          ],
        },
        { name: 'Peony', unit: 'STEM', cost: 25_000, batches: [[45, 30 * HOUR]] },
        { name: 'Eucalyptus', unit: 'STEM', cost: 3_000, batches: [[80, 7 * DAY]] },
        { name: 'Kraft paper', unit: 'PIECE', cost: 2_000, batches: [[200, null]] },
        { name: 'Satin ribbon', unit: 'CENTIMETER', cost: 10, batches: [[5_000, null]] },
        { name: 'Hat box', unit: 'PIECE', cost: 35_000, batches: [[12, null]] },
      ] as const;
      const supply = await tx.supply.create({
        data: {
          shopId: shop.id,
          supplierName: 'Holland Direct',
          receivedAt: at(-DAY),
          receivedById: admin.id,
        },
      });
      const stock: Record<string, string> = {};
      let supplyTotal = 0;
      for (const spec of stockSpec) {
        const onHand = spec.batches.reduce((sum, [quantity]) => sum + quantity, 0);
        const item = await tx.stockItem.create({
          data: { shopId: shop.id, name: spec.name, unit: spec.unit, onHand, unitCostMinor: spec.cost },
        });
        stock[spec.name] = item.id;
        for (const [quantity, expiresIn] of spec.batches) {
          const batch = await tx.stockBatch.create({
            data: {
              stockItemId: item.id,
              supplyId: supply.id,
              quantityReceived: quantity,
              quantityRemaining: quantity,
              unitCostMinor: spec.cost,
              receivedAt: at(-DAY),
              expiresAt: expiresIn === null ? null : at(expiresIn),
            },
          });
          supplyTotal += quantity * spec.cost;
          await tx.stockMovement.create({
            data: {
              shopId: shop.id,
              stockItemId: item.id,
              batchId: batch.id,
              kind: 'SUPPLY',
              quantity,
              actorId: admin.id,
              at: at(-DAY),
            },
          });
        }
      }
      await tx.supply.update({ where: { id: supply.id }, data: { totalCostMinor: supplyTotal } });

      const catalog = [
        {
          name: '15 red roses',
          price: 350_000,
          parts: { 'Red rose': 15, Eucalyptus: 3, 'Kraft paper': 1, 'Satin ribbon': 50 },
        },
        { name: 'Spring tulips', price: 220_000, parts: { Tulip: 25, 'Kraft paper': 1, 'Satin ribbon': 40 } },
        {
          name: 'Peony cloud',
          price: 640_000,
          parts: { Peony: 15, Eucalyptus: 5, 'Kraft paper': 2, 'Satin ribbon': 60 },
        },
        { name: 'Rose hat box', price: 590_000, parts: { 'White rose': 21, 'Red rose': 10, 'Hat box': 1 } },
        { name: 'Winter mix', price: 300_000, parts: { 'White rose': 9, Eucalyptus: 9 }, active: false },
      ];
      const products: { id: string; name: string; price: number; cost: number }[] = [];
      for (const entry of catalog) {
        const product = await tx.product.create({
          data: {
            shopId: shop.id,
            name: entry.name,
            description: `${entry.name}, made to order.`,
            priceMinor: entry.price,
            active: entry.active ?? true,
            components: {
              create: Object.entries(entry.parts).map(([name, quantity]) => ({
                stockItemId: stock[name]!,
                quantity,
              })),
            },
          },
        });
        const cost = Object.entries(entry.parts).reduce(
          (sum, [name, quantity]) => sum + quantity * stockSpec.find((s) => s.name === name)!.cost,
          0,
        );
        products.push({ id: product.id, name: entry.name, price: entry.price, cost });
      }

      const customerSpec = [
        { name: 'Chris Customer', phone: '+79990000005', userId: people.CUSTOMER!.id },
        { name: 'Olga Smirnova', phone: '+79161234567' },
        { name: 'Ivan Petrov', phone: '+79031112233' },
        { name: 'Maria Ivanova', phone: '+79265554433' },
        { name: 'Dmitry Sokolov', phone: '+79057778899' },
      ];
      const customers: string[] = [];
      for (const [index, spec] of customerSpec.entries()) {
        const customer = await tx.customer.create({
          data: {
            shopId: shop.id,
            name: spec.name,
            phone: spec.phone,
            userId: spec.userId,
            addresses: {
              create: [
                { label: 'Home', address: `Moscow, Arbat ${10 + index}, apt ${index + 1}`, isDefault: true },
              ],
            },
            importantDates: {
              create: [{ title: 'Birthday', month: ((index * 3) % 12) + 1, day: 10 + index }],
            },
          },
        });
        customers.push(customer.id);
      }
      await seedCustomerRecords(tx, shop.id);

      const flow: OrderStatus[] = [
        'NEW',
        'CONFIRMED',
        'IN_PRODUCTION',
        'READY',
        'OUT_FOR_DELIVERY',
        'DELIVERED',
      ];
      const orderSpec: {
        status: OrderStatus;
        pickup?: boolean;
        day: number;
        hour: number;
        paid?: boolean;
      }[] = [
        { status: 'NEW', day: 1, hour: 12 },
        { status: 'NEW', day: 0, hour: 18 },
        { status: 'CONFIRMED', day: 0, hour: 16, paid: true },
        { status: 'IN_PRODUCTION', day: 0, hour: 14, paid: true },
        { status: 'READY', day: 0, hour: 13, pickup: true, paid: true },
        { status: 'OUT_FOR_DELIVERY', day: 0, hour: 12, paid: true },
        { status: 'DELIVERED', day: -1, hour: 15, paid: true },
        { status: 'DELIVERED', day: -2, hour: 11, pickup: true, paid: true },
        { status: 'CANCELLED', day: -1, hour: 10 },
      ];
      let number = 0;
      for (const [index, spec] of orderSpec.entries()) {
        number += 1;
        const product = products[index % 4]!;
        const quantity = index % 3 === 0 ? 2 : 1;
        const subtotal = product.price * quantity;
        const fee = spec.pickup ? 0 : shop.deliveryFeeMinor;
        const reached =
          spec.status === 'CANCELLED' ? ['NEW', 'CONFIRMED'] : flow.slice(0, flow.indexOf(spec.status) + 1);
        const history = spec.status === 'CANCELLED' ? [...reached, 'CANCELLED'] : reached;
        const createdAt = at(-(orderSpec.length - index) * 3 * HOUR);
        const hasFlorist = flow.indexOf(spec.status) >= flow.indexOf('IN_PRODUCTION');
        const hasCourier = !spec.pickup && flow.indexOf(spec.status) >= flow.indexOf('OUT_FOR_DELIVERY');
        const windowStart = dayAt(spec.day, spec.hour);
        const order = await tx.order.create({
          data: {
            shopId: shop.id,
            number,
            customerId: customers[index % customers.length]!,
            status: spec.status,
            paymentStatus: spec.paid ? 'PAID' : 'UNPAID',
            fulfillment: spec.pickup ? 'PICKUP' : 'DELIVERY',
            recipientName: index % 2 === 0 ? 'Elena Volkova' : null,
            recipientPhone: index % 2 === 0 ? '+79160001122' : null,
            deliveryAddress: spec.pickup ? null : `Moscow, Pokrovka ${index + 3}`,
            windowStart,
            windowEnd: new Date(windowStart.getTime() + 2 * HOUR),
            cardText: index % 2 === 0 ? 'Happy birthday! With love.' : null,
            currency: shop.currency,
            subtotalMinor: subtotal,
            deliveryFeeMinor: fee,
            totalMinor: subtotal + fee,
            version: history.length,
            floristId: hasFlorist ? people.FLORIST!.id : null,
            courierId: hasCourier ? people.COURIER!.id : null,
            createdById: people.MANAGER!.id,
            cancelReason: spec.status === 'CANCELLED' ? 'Customer changed their mind' : null,
            cancelledAt: spec.status === 'CANCELLED' ? at(-2 * HOUR) : null,
            createdAt,
            items: {
              create: [
                {
                  productId: product.id,
                  productName: product.name,
                  quantity,
                  unitPriceMinor: product.price,
                  unitCostMinor: product.cost,
                  totalMinor: subtotal,
                },
              ],
            },
            events: {
              create: history.map((toStatus, step) => ({
                fromStatus: step === 0 ? null : (history[step - 1] as OrderStatus),
                toStatus: toStatus as OrderStatus,
                actorId: (step === 0
                  ? people.MANAGER
                  : step >= 3 && hasCourier
                    ? people.COURIER
                    : people.FLORIST)!.id,
                note: toStatus === 'CANCELLED' ? 'Customer changed their mind' : null,
                at: new Date(createdAt.getTime() + step * 20 * 60_000),
              })),
            },
          },
        });
        if (hasFlorist || spec.status === 'CONFIRMED') {
          const done = flow.indexOf(spec.status) >= flow.indexOf('READY');
          await tx.productionTask.create({
            data: {
              shopId: shop.id,
              orderId: order.id,
              floristId: hasFlorist ? people.FLORIST!.id : null,
              status: done ? 'DONE' : hasFlorist ? 'IN_PROGRESS' : 'PENDING',
              dueAt: new Date(windowStart.getTime() - HOUR),
              takenAt: hasFlorist ? at(-2 * HOUR) : null,
              doneAt: done ? at(-HOUR) : null,
            },
          });
        }
        if (!spec.pickup && spec.status !== 'CANCELLED' && spec.status !== 'NEW') {
          const delivered = spec.status === 'DELIVERED';
          await tx.delivery.create({
            data: {
              shopId: shop.id,
              orderId: order.id,
              courierId: hasCourier ? people.COURIER!.id : null,
              status: delivered ? 'DELIVERED' : hasCourier ? 'EN_ROUTE' : 'PENDING',
              assignedAt: hasCourier ? at(-90 * 60_000) : null,
              pickedUpAt: hasCourier ? at(-60 * 60_000) : null,
              deliveredAt: delivered ? at(-30 * 60_000) : null,
            },
          });
        }
      }
      await tx.shop.update({ where: { id: shop.id }, data: { lastOrderNumber: number } });
      await seedCourierLocation(tx, shop.id, now);

      await tx.subscription.create({
        data: {
          shopId: shop.id,
          customerId: customers[0]!,
          productId: products[1]!.id,
          plan: 'Weekly tulips',
          frequency: 'WEEKLY',
          priceMinor: 200_000,
          recipientName: 'Chris Customer',
          deliveryAddress: 'Moscow, Arbat 10, apt 1',
          validFrom: at(-27 * DAY),
          validUntil: at(DAY),
          termDays: 28,
          nextDeliveryAt: at(DAY - 2 * HOUR),
        },
      });
      await seedSubscriptions(tx, shop.id, now);
      await seedDeliveries(tx, shop.id, people.COURIER!.id);

      // --- Checkout settings (issue 9): slots, a full slot, a closure day, zones, pickup points ---
      // Weekdays are ISO (1 = Monday … 7 = Sunday), times minutes of the Moscow day.
      const isoWeekdayOf = (d: Date) => d.getUTCDay() || 7;
      const tomorrowNoon = dayAt(1, 12);
      await tx.shop.update({ where: { id: shop.id }, data: { sameDayCutoffMinutes: 14 * 60 } });
      for (let weekday = 1; weekday <= 7; weekday += 1) {
        await tx.deliverySlot.createMany({
          data: [
            { shopId: shop.id, weekday, startMinutes: 10 * 60, endMinutes: 12 * 60, capacity: 5 },
            // Tomorrow's 12:00–14:00 holds one place, taken by the NEW order seeded for it above: full.
            {
              shopId: shop.id,
              weekday,
              startMinutes: 12 * 60,
              endMinutes: 14 * 60,
              capacity: weekday === isoWeekdayOf(tomorrowNoon) ? 1 : 5,
            },
            { shopId: shop.id, weekday, startMinutes: 16 * 60, endMinutes: 18 * 60, capacity: 5 },
          ],
        });
      }
      const inAWeek = dayAt(7, 12);
      await tx.shopClosure.create({
        data: { shopId: shop.id, date: new Date(inAWeek.toISOString().slice(0, 10)), reason: 'Stocktaking' },
      });
      await tx.deliveryZone.createMany({
        data: [
          { shopId: shop.id, name: 'Centre', feeMinor: 50_000, description: 'Inside the Garden Ring' },
          { shopId: shop.id, name: 'Outskirts', feeMinor: 90_000, description: 'Up to the MKAD' },
        ],
      });
      await tx.pickupPoint.create({
        data: { shopId: shop.id, name: 'Shop counter', address: 'Moscow, Arbat 1' },
      });
      // --- end of checkout settings ---
    },
    { timeout: 30_000 },
  );
  return true;
}
