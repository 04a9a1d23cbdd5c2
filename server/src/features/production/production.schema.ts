import { BouquetApprovalStatus, type StockBatch, type StockItem, TaskStatus } from '@posy/prisma';
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../../builder.js';
import { type Context, requireShop } from '../../context.js';
import { loadInTick } from '../../load-in-tick.js';
import { queuedProductionTasks, visibleProductionTasks } from '../common/access.js';
import { OrderRef } from '../orders/orders.schema.js';
import { StockItemRef } from '../products/products.schema.js';
import { StockBatchRef } from '../stock/stock.schema.js';
import type { ConsumedBatch } from '../stock/stock-reservations.service.js';
import { batchesOf } from './production-plan.js';

/** Who works the production board: the shop's florists and those who manage it. */
export const PRODUCTION_STAFF = { shopRole: ['ADMIN', 'MANAGER', 'FLORIST'] } as const;
/** Open tasks the queue lists at most: a day's work of a busy shop, many times over. */
const QUEUE_LIMIT = 500;

export const ProductionTaskStatusEnum = builder.enumType(TaskStatus, { name: 'ProductionTaskStatus' });
export const BouquetApprovalStatusEnum = builder.enumType(BouquetApprovalStatus, {
  name: 'BouquetApprovalStatus',
});

/**
 * The approval is a variant of its task's row (its approval columns), so the photo is a Prisma relation
 * loaded, with what the query selects of it, only when the query asks for it.
 */
const BouquetApprovalRef = builder.prismaObject('ProductionTask', {
  // The status always: it is what tells a task with an approval from one without (approval's isNull).
  select: { id: true, approvalStatus: true },
  variant: 'BouquetApproval',
  description: 'The customer’s word on the photo of their finished bouquet, once the shop asked for it.',
  fields: (t) => ({
    status: t.field({
      type: BouquetApprovalStatusEnum,
      // Only tasks with an approval status become a BouquetApproval (approvalOf, isNull).
      resolve: (task) => task.approvalStatus!,
    }),
    requestedAt: t.expose('approvalRequestedAt', { type: 'DateTime', nullable: true }),
    decidedAt: t.expose('approvalDecidedAt', { type: 'DateTime', nullable: true }),
    comment: t.exposeString('approvalComment', { nullable: true }),
    photo: t.relation('photo', { nullable: true, description: 'The photo the customer was shown.' }),
  }),
});

/** A stock item a line of the order takes; `stockItem` is loaded in the task's own query. */
interface ProductionComponent {
  perUnit: number;
  quantity: number;
  stockItem: StockItem;
}

const ProductionComponentRef = builder.objectRef<ProductionComponent>('ProductionComponent').implement({
  description: 'A stock item a line of the order takes.',
  fields: (t) => ({
    stockItem: t.field({ type: StockItemRef, nullable: false, resolve: (c) => c.stockItem }),
    perUnit: t.exposeInt('perUnit', { description: 'For one bouquet of the line.' }),
    quantity: t.exposeInt('quantity', { description: 'For the whole line.' }),
  }),
});

/**
 * A nested selection Prisma accepts: when the query asks nothing of the stock item but `__typename`,
 * Pothos hands an empty `select`, which Prisma refuses.
 */
function atLeastTheId<T>(selection: T): T | { select: { id: true } } {
  const chosen = (selection as { select?: object }).select;
  return chosen && Object.keys(chosen).length === 0 ? { select: { id: true } } : selection;
}

/** An order line as the florist reads it; a variant of OrderItem loaded with the task (nestedSelection). */
const ProductionLineRef = builder.prismaObject('OrderItem', {
  select: { id: true },
  variant: 'ProductionLine',
  description: 'A product of the order × its quantity, and the stock items it is made of.',
  fields: (t) => ({
    product: t.relation('product'),
    productName: t.exposeString('productName', { description: 'The name when the order was made.' }),
    quantity: t.exposeInt('quantity'),
    components: t.field({
      type: [ProductionComponentRef],
      description: 'From the product’s composition as it is now.',
      select: (_args, _ctx, nestedSelection) => ({
        quantity: true,
        product: {
          select: {
            components: {
              orderBy: { id: 'asc' },
              select: { quantity: true, stockItem: atLeastTheId(nestedSelection(true, ['stockItem'])) },
            },
          },
        },
      }),
      resolve: (item) =>
        item.product.components.map((c) => ({
          perUnit: c.quantity,
          quantity: c.quantity * item.quantity,
          // Loaded with what the query selects on it (nestedSelection), as StockItemRef reads it.
          stockItem: c.stockItem as StockItem,
        })),
    }),
  }),
});

/** A batch of the plan with its rows, each loaded with what the query selects on it. */
interface ProductionBatch extends ConsumedBatch {
  batch: StockBatch;
  stockItem: StockItem;
}

const ProductionBatchRef = builder.objectRef<ProductionBatch>('ProductionBatch').implement({
  description: 'A batch to take stems from and how many: earliest expiry first, as consumption takes them.',
  fields: (t) => ({
    batch: t.field({ type: StockBatchRef, resolve: (b) => b.batch }),
    stockItem: t.field({ type: StockItemRef, nullable: false, resolve: (b) => b.stockItem }),
    quantity: t.exposeInt('quantity'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
  }),
});

/**
 * The task's batches (production-plan.ts) with their batch and stock item rows: one query for each kind
 * for the whole page (src/load-in-tick.ts), selecting what the query asks below `batch` and `stockItem`.
 */
async function loadBatches(
  ctx: Context,
  info: GraphQLResolveInfo,
  task: { orderId: string; status: TaskStatus },
): Promise<ProductionBatch[]> {
  const plan = await batchesOf(ctx, task);
  if (plan.length === 0) return [];
  // What the query selects on each (Prisma's own types cannot follow a selection built at run time).
  const selected = (path: string) =>
    atLeastTheId(queryFromInfo({ context: ctx, info, path: [path] })) as object;
  const batchQuery = selected('batch');
  const itemQuery = selected('stockItem');
  const rowsById = async <T extends { id: string }>(rows: Promise<unknown[]>) =>
    new Map(((await rows) as T[]).map((row) => [row.id, row]));
  const [batches, items] = await Promise.all([
    Promise.all(
      plan.map((p) =>
        loadInTick(ctx, `production:batch:${JSON.stringify(batchQuery)}`, p.batchId, (ids) =>
          rowsById<StockBatch>(ctx.prisma.stockBatch.findMany({ ...batchQuery, where: { id: { in: ids } } })),
        ),
      ),
    ),
    Promise.all(
      plan.map((p) =>
        loadInTick(ctx, `production:stockItem:${JSON.stringify(itemQuery)}`, p.stockItemId, (ids) =>
          rowsById<StockItem>(ctx.prisma.stockItem.findMany({ ...itemQuery, where: { id: { in: ids } } })),
        ),
      ),
    ),
  ]);
  return plan.map((p, i) => ({ ...p, batch: batches[i]!, stockItem: items[i]! }));
}

export const ProductionTaskRef = builder.prismaNode('ProductionTask', {
  // `approval` tells from the status whether there is one (its isNull).
  select: { id: true, approvalStatus: true },
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleProductionTasks(ctx)] }),
  nullable: true,
  description: 'A florist’s job of making an order’s bouquets.',
  fields: (t) => ({
    status: t.expose('status', { type: ProductionTaskStatusEnum }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true, description: 'When it must be ready.' }),
    takenAt: t.expose('takenAt', { type: 'DateTime', nullable: true }),
    doneAt: t.expose('doneAt', { type: 'DateTime', nullable: true }),
    note: t.exposeString('note', { nullable: true, description: 'The florist’s note on finishing.' }),
    florist: t.relation('florist', { nullable: true, description: 'Who holds (or made) it.' }),
    order: t.relation('order'),
    photo: t.relation('photo', { nullable: true, description: 'The finished bouquet’s photo.' }),
    approval: t.variant(BouquetApprovalRef, { isNull: (task) => task.approvalStatus === null }),
    composition: t.field({
      type: [ProductionLineRef],
      description: 'What to make: each product × quantity, and the stock items it takes.',
      select: (_args, _ctx, nestedSelection) => ({
        order: { select: { items: nestedSelection({ orderBy: { id: 'asc' } }) } },
      }),
      resolve: (task) => task.order.items,
    }),
    batches: t.field({
      type: [ProductionBatchRef],
      description:
        'The batches to use, earliest expiry first: for an open task those finishing would take now, ' +
        'for a finished one those it took.',
      select: { orderId: true, status: true },
      resolve: (task, _args, ctx, info) => loadBatches(ctx, info, task),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectFields(OrderRef, (t) => ({
  bouquetApproval: t.field({
    type: BouquetApprovalRef,
    nullable: true,
    description: 'The customer’s approval of the bouquet’s photo, when the shop asked for it.',
    select: (_args, _ctx, nestedSelection) => ({ task: nestedSelection(true) }),
    resolve: (order) => (order.task?.approvalStatus ? order.task : null),
  }),
}));

builder.queryFields((t) => ({
  productionQueue: t.prismaField({
    type: ['ProductionTask'],
    description:
      'Open production tasks (PENDING, IN_PROGRESS), soonest due first. A florist sees the tasks nobody ' +
      'has taken and their own; managers every open one.',
    authScopes: PRODUCTION_STAFF,
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.productionTask.findMany({
        ...query,
        where: queuedProductionTasks(ctx),
        orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
        take: QUEUE_LIMIT,
      }),
  }),
  productionTask: t.prismaField({
    type: 'ProductionTask',
    nullable: true,
    authScopes: PRODUCTION_STAFF,
    args: { id: t.arg.globalID({ for: ProductionTaskRef, required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.productionTask.findFirst({
        ...query,
        where: { AND: [{ id: args.id.id }, visibleProductionTasks(ctx)] },
      }),
  }),
}));

builder.subscriptionField('productionTaskChanged', (t) =>
  t.prismaField({
    type: 'ProductionTask',
    nullable: true,
    description: 'Each production task of the shop as it changes (created, taken, released, finished, …).',
    authScopes: PRODUCTION_STAFF,
    subscribe: (_root, _args, ctx) => {
      visibleProductionTasks(ctx);
      return ctx.pubsub.subscribe('production:changed', requireShop(ctx));
    },
    resolve: (query, event, _args, ctx) =>
      ctx.prisma.productionTask.findFirst({
        ...query,
        where: { AND: [{ id: event.taskId }, visibleProductionTasks(ctx)] },
      }),
  }),
);
