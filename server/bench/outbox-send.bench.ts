/**
 * Send rate of the notification outbox under Telegram's limits (issue 11): a burst of 1,000 notices to
 * 1,000 distinct chats, sent by TWO job runners (one process, sharing the throttle's counters in Redis when
 * REDIS_URL is set) to the fake Bot API. Prints the rate as a fraction of NOTIFICATION_RATE_PER_SECOND and
 * due-to-sent times (p50/p95/max), beside the fake's raw rate for a plain loop of grammY calls, no outbox.
 *
 *   pnpm --filter @posy/server bench:outbox
 */
import { randomInt } from 'node:crypto';
import { createBotApi } from '@posy/bot';
import { startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { createPrismaClient } from '@posy/prisma/client';
import { cloneDatabase, createTemplateDatabase, startTestPostgres } from '@posy/prisma/test-database';
import { pino } from 'pino';
import { parseConfig } from '../src/config.js';
import { enqueueNotification } from '../src/features/notifications/notifications.service.js';
import { startJobRunner } from '../src/jobs/runner.js';

const NOTICES = 1_000;
const RATE = 30;

const postgres = await startTestPostgres();
const template = await createTemplateDatabase(postgres.adminUrl);
const database = await cloneDatabase(postgres.adminUrl, template);
const prisma = createPrismaClient(database.databaseUrl);
const telegram = await startFakeBotApi();

// Baseline: the fake's raw rate, one grammY call after the other.
const api = createBotApi({ botToken: telegram.token, apiRoot: telegram.apiRoot });
const rawStart = performance.now();
for (let i = 0; i < NOTICES; i++) await api.sendMessage(1_000 + i, `raw ${i}`);
const rawRate = NOTICES / ((performance.now() - rawStart) / 1000);

const firstId = randomInt(1_000_000, 1_000_000_000);
await prisma.user.createMany({
  data: Array.from({ length: NOTICES }, (_, i) => ({
    name: `Recipient ${i}`,
    locale: 'en',
    telegramId: BigInt(firstId + i),
  })),
});
const users = await prisma.user.findMany({ select: { id: true }, where: { telegramId: { gte: firstId } } });

const config = parseConfig({
  NODE_ENV: 'test',
  DATABASE_URL: database.databaseUrl,
  ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  RATE_LIMIT_KEY_PREFIX: `posy-bench:${firstId}`,
  BOT_TOKEN: telegram.token,
  BOT_API_ROOT: telegram.apiRoot,
  NOTIFICATION_RATE_PER_SECOND: String(RATE),
  SUBSCRIPTION_ORDERS_EVERY_MINUTES: '0',
});
const runnerDeps = {
  config,
  databaseUrl: database.databaseUrl,
  log: pino({ level: 'warn' }),
  webAppUrl: 'https://posy.test',
};
const runners = [await startJobRunner(runnerDeps), await startJobRunner(runnerDeps)];

const due = new Date();
await prisma.$transaction(
  async (tx) => {
    for (const [i, user] of users.entries()) {
      await enqueueNotification(tx, {
        userId: user.id,
        dedupeKey: `bench:${i}`,
        kind: 'ORDER_STATUS_CHANGED',
        payload: { orderId: crypto.randomUUID(), orderNumber: i, status: 'READY', shopName: 'Bench' },
        sendAfter: due,
      });
    }
  },
  { timeout: 120_000 },
);
const deadline = Date.now() + 10 * 60_000;
while ((await prisma.notification.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) > 0) {
  if (Date.now() > deadline) throw new Error('the burst did not drain in 10 minutes');
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const rows = await prisma.notification.findMany({ select: { status: true, sentAt: true } });
const sent = rows.filter((row) => row.status === 'SENT').map((row) => row.sentAt!.getTime() - due.getTime());
sent.sort((a, b) => a - b);
const at = (q: number) => sent[Math.min(sent.length - 1, Math.floor(q * sent.length))]!;
const outboxRate = sent.length / (sent.at(-1)! / 1000);

console.log(
  `outbox burst: ${NOTICES} notices to ${NOTICES} chats, 2 runners, limit ${RATE}/s, redis: ${Boolean(process.env.REDIS_URL)}`,
);
console.log(`  sent ${sent.length}/${NOTICES}, not sent ${rows.length - sent.length}`);
console.log(`  outbox rate      ${outboxRate.toFixed(1)}/s = ${(outboxRate / RATE).toFixed(2)}× the limit`);
console.log(
  `  due → sent       p50 ${(at(0.5) / 1000).toFixed(1)} s, p95 ${(at(0.95) / 1000).toFixed(1)} s, max ${(sent.at(-1)! / 1000).toFixed(1)} s`,
);
console.log(
  `  baseline raw     ${rawRate.toFixed(0)}/s (plain grammY loop to the fake, no outbox, no limit)`,
);

await Promise.all(runners.map((runner) => runner.stop()));
await prisma.$disconnect();
await telegram.stop();
await database.drop();
await postgres.stop();
