/**
 * The yardsticks the bench holds Posy against, over the same HTTP and load: a raw node:http + pg handler
 * that answers the orders board (bench/statements.ts BOARD_QUERY) with the statements Posy sends for it
 * (the API key by prefix; the page beside its count; customers and items of the page; their products) and
 * the same JSON, and a bare node:http server answering `{ __typename }`. They live in the bench only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const KEY_PATTERN = /^posy_([a-z0-9]+)_(.+)$/;

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
  const [page, count] = await Promise.all([
    pool.query<{
      id: string;
      number: number;
      status: string;
      totalMinor: number;
      currency: string;
      customerId: string;
      anonymousSender: boolean;
    }>(
      `SELECT "id", "number", "status"::text, "totalMinor", "currency", "customerId", "anonymousSender"
       FROM "Order" WHERE "shopId" = $1 ORDER BY "id" DESC LIMIT $2`,
      [shopId, first + 1],
    ),
    pool.query<{ count: string }>('SELECT COUNT(*) AS count FROM "Order" WHERE "shopId" = $1', [shopId]),
  ]);
  const orders = page.rows.slice(0, first);
  const [customers, items] = await Promise.all([
    pool.query<{ id: string; name: string }>('SELECT "id", "name" FROM "Customer" WHERE "id" = ANY($1)', [
      [...new Set(orders.map((o) => o.customerId))],
    ]),
    pool.query<{ orderId: string; productId: string; quantity: number }>(
      `SELECT "id", "orderId", "productId", "quantity" FROM "OrderItem" WHERE "orderId" = ANY($1) ORDER BY "id"`,
      [orders.map((o) => o.id)],
    ),
  ]);
  const products = await pool.query<{ id: string; name: string }>(
    'SELECT "id", "name" FROM "Product" WHERE "id" = ANY($1)',
    [[...new Set(items.rows.map((i) => i.productId))]],
  );
  const customerName = new Map(customers.rows.map((c) => [c.id, c.name]));
  const productName = new Map(products.rows.map((p) => [p.id, p.name]));
  const itemsOf = new Map<string, typeof items.rows>();
  for (const item of items.rows) {
    const list = itemsOf.get(item.orderId);
    if (list) list.push(item);
    else itemsOf.set(item.orderId, [item]);
  }
  return JSON.stringify({
    data: {
      orders: {
        totalCount: Number(count.rows[0]!.count),
        edges: orders.map((o) => ({
          node: {
            number: o.number,
            status: o.status,
            total: { amountMinor: o.totalMinor },
            customer: { name: customerName.get(o.customerId) },
            items: (itemsOf.get(o.id) ?? []).map((i) => ({
              quantity: i.quantity,
              product: { name: productName.get(i.productId) },
            })),
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
