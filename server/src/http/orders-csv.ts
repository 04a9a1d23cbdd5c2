import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { requireShop } from '../context.js';
import type { ErrorCode } from '../errors.js';
import {
  EXPORT_BATCH_SIZE,
  exportOrderRecords,
  ORDER_CSV_COLUMNS,
} from '../features/reports/orders-export.service.js';
import { reportPeriod } from '../features/reports/reports.service.js';
import type { Charge, RateLimiter } from '../graphql/rate-limit.js';
import { ipKey } from '../graphql/rate-limit.plugin.js';
import type { RequestContextFactory } from '../graphql/yoga.js';
import type { Logger } from '../logger.js';

export const ORDERS_CSV_PATH = '/reports/orders.csv';

/** What one export costs against the caller's rate limits: a year of orders is no single query. */
export const EXPORT_POINTS = 10;

export interface OrdersCsvDeps {
  /** The GraphQL context factory: the same credentials and shop rules as /graphql. */
  createContext: RequestContextFactory;
  log: Pick<Logger, 'error'>;
  /** The counters GraphQL operations are charged to: an export counts as EXPORT_POINTS operations. */
  rateLimiter: Pick<RateLimiter, 'consume'>;
  /** Orders per statement; @default EXPORT_BATCH_SIZE */
  batchSize?: number;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
};

/**
 * GET /reports/orders.csv?from=YYYY-MM-DD&to=YYYY-MM-DD: the orders made in the shop's local days
 * [from, to), for admins, managers and orders:read keys (`exportedOrders`), with the same headers as
 * /graphql (Authorization or X-Api-Key, X-Shop-Id). RFC 4180 (CRLF, quoted when needed) by csv-stringify,
 * a UTF-8 BOM so Excel reads Cyrillic, and cells that would start a formula (= + - @ …) prefixed with ' (OWASP
 * CSV injection). Streamed: rows are read a batch at a time only as fast as the client takes them
 * (Readable.from pulls the generator on demand), and a client that goes away ends the export (pipeline
 * destroys the chain, which returns the generator, so no further batch is read).
 */
export async function serveOrdersCsv(
  deps: OrdersCsvDeps,
  req: IncomingMessage,
  res: ServerResponse,
  request: { requestId: string; ip: string | null },
) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    return res.end('method not allowed');
  }
  let ctx: Context;
  let records: AsyncGenerator<Record<string, unknown>>;
  let filename: string;
  try {
    ctx = await deps.createContext({ headers: headersOf(req), ...request });
    const retryAfterSeconds = await deps.rateLimiter.consume(chargesOf(ctx, request.ip));
    if (retryAfterSeconds) {
      res.writeHead(429, {
        'retry-after': String(retryAfterSeconds),
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      return res.end(JSON.stringify({ error: 'Too many requests', code: 'RATE_LIMITED', retryAfterSeconds }));
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const period = await reportPeriod(ctx, requireShop(ctx), {
      from: url.searchParams.get('from') ?? '',
      to: url.searchParams.get('to') ?? '',
    });
    records = exportOrderRecords(ctx, period, deps.batchSize ?? EXPORT_BATCH_SIZE);
    // The generator checks access when first pulled; pull now so a refusal is an HTTP status, not a cut file.
    const first = await records.next();
    records = prepend(first, records);
    filename = `orders-${period.from}-${period.to}.csv`;
  } catch (error) {
    return refuse(deps, res, error, request.requestId);
  }
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    await records.return(undefined);
    return res.end();
  }
  const csv = stringify({
    header: true,
    columns: [...ORDER_CSV_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
    // Given a record delimiter, csv-stringify quotes only cells holding it; a bare \n must be quoted too.
    quote_record_delimiter: true,
    escape_formulas: true,
  });
  try {
    await pipeline(Readable.from(records), csv, res);
  } catch (error) {
    // A client that went away is no error of ours; anything else is, and the cut file shows it to the client.
    if (!res.destroyed || !isPrematureClose(error))
      deps.log.error({ err: error, requestId: request.requestId }, 'orders export failed');
    res.destroy();
  }
}

/** The buckets GraphQL charges (rate-limit.plugin.ts): the address, and the person or key. */
function chargesOf(ctx: Context, ip: string | null): Charge[] {
  const charges: Charge[] = [];
  if (ip) charges.push({ bucket: 'ip', key: ipKey(ip), points: EXPORT_POINTS });
  if (ctx.viewer.kind === 'user')
    charges.push({ bucket: 'user', key: ctx.viewer.userId, points: EXPORT_POINTS });
  if (ctx.viewer.kind === 'apiKey')
    charges.push({ bucket: 'apiKey', key: ctx.viewer.apiKeyId, points: EXPORT_POINTS });
  return charges;
}

async function* prepend<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return headers;
}

function refuse(deps: OrdersCsvDeps, res: ServerResponse, error: unknown, requestId: string) {
  const code = error instanceof GraphQLError ? (error.extensions.code as ErrorCode | undefined) : undefined;
  const status = (code && STATUS[code]) ?? 500;
  if (status === 500) deps.log.error({ err: error, requestId }, 'orders export failed');
  const body =
    status === 500
      ? { error: 'Unexpected error.', requestId }
      : { error: (error as GraphQLError).message, code, field: (error as GraphQLError).extensions.field };
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const isPrematureClose = (error: unknown) =>
  (error as { code?: string } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
