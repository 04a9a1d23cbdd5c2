/**
 * The yardsticks the bench holds Posy against, over the same HTTP and load: a raw node:http + pg handler
 * that answers the orders board (bench/statements.ts BOARD_QUERY) with the statements Posy sends for it
 * (the API key by prefix; then the page, its customers, items and products in one LATERAL-join statement
 * as Prisma's relationJoins writes it, beside the count) and the same JSON, and a bare node:http server answering `{ __typename }`. They live in the bench only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const KEY_PATTERN = /^posy_([a-z0-9]+)_(.+)$/;

const PAGE = `
  SELECT o."id", o."number", o."status"::text, o."totalMinor", o."currency", o."anonymousSender",
    c."data" AS "customer", i."data" AS "items"
  FROM "Order" AS o
  LEFT JOIN LATERAL (
    SELECT JSONB_BUILD_OBJECT('id', c."id", 'name', c."name") AS "data"
    FROM "Customer" AS c WHERE o."customerId" = c."id" LIMIT 1
  ) AS c ON true
  LEFT JOIN LATERAL (
    SELECT COALESCE(JSONB_AGG(x."data" ORDER BY x."id"), '[]') AS "data" FROM (
      SELECT oi."id", JSONB_BUILD_OBJECT('id', oi."id", 'quantity', oi."quantity", 'product', p."data") AS "data"
      FROM "OrderItem" AS oi
      LEFT JOIN LATERAL (
        SELECT JSONB_BUILD_OBJECT('id', p."id", 'name', p."name") AS "data"
        FROM "Product" AS p WHERE oi."productId" = p."id" LIMIT 1
      ) AS p ON true
      WHERE oi."orderId" = o."id"
    ) AS x
  ) AS i ON true
  WHERE o."shopId" = $1 ORDER BY o."id" DESC LIMIT $2`;

/** Starts both servers on ephemeral ports; `stop` closes them and the pool. */
export async function startRawServers(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const board = createServer((request, response) => {
    answerBoard(pool, request).then(
      (json) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(json);
      },
      (error: Error) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: error.message }] }));
      },
    );
  });
  const bare = createServer((request, response) => {
    readBody(request).then(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"data":{"__typename":"Query"}}');
    });
  });
  return {
    boardUrl: await listen(board),
    bareUrl: await listen(bare),
    async stop() {
      await Promise.all([close(board), close(bare)]);
      await pool.end();
    },
  };
}

async function answerBoard(pool: pg.Pool, request: IncomingMessage) {
  const { variables } = JSON.parse(await readBody(request)) as { variables?: { first?: number } };
  const first = variables?.first ?? 50;
  const shopId = await checkApiKey(pool, request.headers['x-api-key']);
  // The page with its customers, items and products in one statement, as Prisma's relationJoins writes it
  // for the board, beside the count.
  const [page, count] = await Promise.all([
    pool.query<{
      number: number;
      status: string;
      totalMinor: number;
      customer: { name: string } | null;
      items: { quantity: number; product: { name: string } | null }[];
    }>(PAGE, [shopId, first + 1]),
    pool.query<{ count: string }>(
      'SELECT COUNT(*) AS count FROM (SELECT "id" FROM "Order" WHERE "shopId" = $1) AS sub',
      [shopId],
    ),
  ]);
  const orders = page.rows.slice(0, first);
  return JSON.stringify({
    data: {
      orders: {
        totalCount: Number(count.rows[0]!.count),
        edges: orders.map((o) => ({
          node: {
            number: o.number,
            status: o.status,
            total: { amountMinor: o.totalMinor },
            customer: { name: o.customer?.name },
            items: o.items.map((i) => ({ quantity: i.quantity, product: { name: i.product?.name } })),
          },
        })),
      },
    },
  });
}

/** The key's shop, checked as Posy checks it (prefix lookup, hash, revoked, expired). */
async function checkApiKey(pool: pg.Pool, presented: string | string[] | undefined) {
  const match = typeof presented === 'string' ? KEY_PATTERN.exec(presented) : null;
  if (!match) throw new Error('API key required');
  const { rows } = await pool.query<{
    shopId: string;
    hash: string;
    revokedAt: Date | null;
    expiresAt: Date | null;
  }>(
    'SELECT "id", "shopId", "hash", "scopes", "lastUsedAt", "expiresAt", "revokedAt" FROM "ApiKey" WHERE "prefix" = $1 LIMIT 1',
    [match[1]],
  );
  const key = rows[0];
  const hash = createHash('sha256').update(match[2]!).digest('hex');
  if (!key || !timingSafeEqual(Buffer.from(key.hash), Buffer.from(hash))) throw new Error('Unknown API key');
  if (key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) throw new Error('Revoked API key');
  return key.shopId;
}

function readBody(request: IncomingMessage) {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function listen(server: Server) {
  return new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function close(server: Server) {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
