import { z } from 'zod';
import { builder } from '../../builder.js';
import { requireShop } from '../../context.js';
import { badInput } from '../../errors.js';
import { DomainErrorRef } from '../common/domain-error.schema.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { rereadShared, type ShopChange, shopChangesAmong } from '../live/shop-changes.js';
import { StockItemRef, StockUnitEnum } from '../products/products.schema.js';
import { InsufficientStockError, type StockShortage } from './insufficient-stock.error.js';
import {
  archiveStockItem,
  createStockItem,
  receiveSupply,
  updateStockItem,
  writeOff,
  writeOffExpired,
} from './stock.service.js';
import { expiringBatchesWhere, stockValueMinor, writeOffsValueMinor } from './stock-figures.js';

const reads = { shopRole: ['ADMIN', 'MANAGER', 'FLORIST'], apiScope: 'stock:read' } as const;
const writes = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'stock:write' } as const;
const uuid = z.uuid('Not an id');
/** A decoded global id must still be a uuid before it reaches a uuid column. */
function idOf(id: string, field: string) {
  if (!uuid.safeParse(id).success) throw badInput('Not an id', field);
  return id;
}
const count = z.number().int().positive().max(1_000_000);

const StockShortageRef = builder.objectRef<StockShortage>('StockShortage').implement({
  fields: (t) => ({
    stockItem: t.prismaField({
      type: 'StockItem',
      resolve: (query, s, _args, ctx) =>
        ctx.prisma.stockItem.findUniqueOrThrow({ ...query, where: { id: s.stockItemId } }),
    }),
    needed: t.exposeInt('needed'),
    available: t.exposeInt('available'),
  }),
});

/** Listed by the orders schema in `errors.types` of confirming and producing an order. */
export const InsufficientStockRef = builder.objectType(InsufficientStockError, {
  name: 'InsufficientStock',
  interfaces: [DomainErrorRef],
  fields: (t) => ({ shortages: t.field({ type: [StockShortageRef], resolve: (e) => e.shortages }) }),
});

builder.prismaObjectFields('StockItem', (t) => ({
  reserved: t.exposeInt('reserved', { authScopes: reads }),
  available: t.int({
    authScopes: reads,
    select: { onHand: true, reserved: true },
    resolve: (i) => Math.max(0, i.onHand - i.reserved),
  }),
  archived: t.boolean({ select: { archivedAt: true }, resolve: (i) => i.archivedAt !== null }),
  reorderLevel: t.exposeInt('reorderLevel', {
    nullable: true,
    authScopes: reads,
    description: 'Order more when what is available falls to this; null when the shop set none.',
  }),
  needsReorder: t.boolean({
    authScopes: reads,
    description: 'What is available (on hand, less reserved) is at or below the reorder level.',
    select: { onHand: true, reserved: true, reorderLevel: true },
    resolve: (i) => i.reorderLevel !== null && Math.max(0, i.onHand - i.reserved) <= i.reorderLevel,
  }),
  value: t.field({
    type: MoneyRef,
    authScopes: writes,
    select: { id: true, shop: { select: { currency: true } } },
    resolve: async (i, _args, ctx) =>
      money(await stockValueMinor(ctx.prisma, { stockItemId: i.id }), i.shop.currency),
  }),
}));

export const StockBatchRef = builder.prismaObject('StockBatch', {
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    stockItem: t.relation('stockItem'),
    quantityReceived: t.exposeInt('quantityReceived'),
    quantityRemaining: t.exposeInt('quantityRemaining'),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.prismaObject('Supply', {
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    supplierName: t.exposeString('supplierName'),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    batches: t.relation('batches'),
  }),
});

export const WriteOffReasonEnum = builder.enumType('WriteOffReason', {
  values: ['EXPIRED', 'DAMAGED', 'OTHER'] as const,
});
const SupplyLineInput = builder.inputType('SupplyLineInput', {
  fields: (t) => ({
    stockItemId: t.globalID({ for: StockItemRef }),
    quantity: t.int({ validate: count }),
    unitCostMinor: t.int({ validate: z.number().int().min(0).max(100_000_000) }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
  }),
});

builder.queryFields((t) => ({
  stockItems: t.prismaField({
    type: ['StockItem'],
    description: 'The shop’s stock items with their levels, by name; archived ones only when asked.',
    authScopes: reads,
    args: { includeArchived: t.arg.boolean({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.stockItem.findMany({
        ...query,
        where: { shopId: requireShop(ctx), ...(args.includeArchived ? {} : { archivedAt: null }) },
        orderBy: { name: 'asc' },
      }),
  }),
  expiringBatches: t.prismaField({
    type: ['StockBatch'],
    description:
      'Live batches expiring within the next `withinHours` hours (already expired ones too), soonest first.',
    authScopes: reads,
    args: {
      withinHours: t.arg.int({
        validate: z
          .number()
          .int()
          .min(1)
          .max(24 * 90),
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.stockBatch.findMany({
        ...query,
        where: expiringBatchesWhere(requireShop(ctx), args.withinHours),
        orderBy: { expiresAt: 'asc' },
      }),
  }),
  stockValue: t.field({
    type: MoneyRef,
    description: 'What the stock on hand cost: remaining units of live batches at their unit costs.',
    authScopes: writes,
    resolve: async (_root, _args, ctx) => {
      const shop = await ctx.prisma.shop.findUniqueOrThrow({ where: { id: requireShop(ctx) } });
      return money(await stockValueMinor(ctx.prisma, { shopId: shop.id }), shop.currency);
    },
  }),
  writeOffsValue: t.field({
    type: MoneyRef,
    description: 'What the stock written off in [from, to) had cost.',
    authScopes: writes,
    args: { from: t.arg({ type: 'DateTime' }), to: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, args, ctx) => {
      const shop = await ctx.prisma.shop.findUniqueOrThrow({ where: { id: requireShop(ctx) } });
      return money(await writeOffsValueMinor(ctx.prisma, shop.id, args.from, args.to), shop.currency);
    },
  }),
}));

builder.mutationFields((t) => ({
  createStockItem: t.prismaField({
    type: 'StockItem',
    authScopes: writes,
    args: {
      name: t.arg.string({ validate: z.string().trim().min(1).max(100) }),
      unit: t.arg({ type: StockUnitEnum }),
      reorderLevel: t.arg.int({ required: false, validate: z.number().int().min(0).nullish() }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await createStockItem(ctx, args);
      return ctx.prisma.stockItem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateStockItem: t.prismaField({
    type: 'StockItem',
    authScopes: writes,
    args: {
      id: t.arg.globalID({ for: StockItemRef, validate: z.object({ id: uuid }).loose() }),
      name: t.arg.string({ required: false, validate: z.string().trim().min(1).max(100).nullish() }),
      unit: t.arg({ type: StockUnitEnum, required: false }),
      reorderLevel: t.arg.int({ required: false, validate: z.number().int().min(0).nullish() }),
    },
    resolve: async (query, _root, { id, ...input }, ctx) => {
      await updateStockItem(ctx, id.id, input);
      return ctx.prisma.stockItem.findUniqueOrThrow({ ...query, where: { id: id.id } });
    },
  }),
  archiveStockItem: t.prismaField({
    type: 'StockItem',
    authScopes: writes,
    args: { id: t.arg.globalID({ for: StockItemRef, validate: z.object({ id: uuid }).loose() }) },
    resolve: async (query, _root, { id }, ctx) => {
      await archiveStockItem(ctx, id.id);
      return ctx.prisma.stockItem.findUniqueOrThrow({ ...query, where: { id: id.id } });
    },
  }),
  receiveSupply: t.prismaField({
    type: 'Supply',
    authScopes: writes,
    args: {
      supplierName: t.arg.string({ validate: z.string().trim().min(1).max(200) }),
      note: t.arg.string({ required: false, validate: z.string().max(1000).nullish() }),
      lines: t.arg({ type: [SupplyLineInput] }),
    },
    resolve: async (query, _root, args, ctx) => {
      const lines = args.lines.map((l, i) => ({
        ...l,
        stockItemId: idOf(l.stockItemId.id, `lines.${i}.stockItemId`),
      }));
      const { id } = await receiveSupply(ctx, { ...args, lines });
      return ctx.prisma.supply.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  writeOff: t.prismaField({
    type: 'StockItem',
    description: 'Writes off stock of one batch, or of an item (expired batches first), with a reason.',
    authScopes: writes,
    args: {
      batchId: t.arg.id({ required: false, validate: uuid.nullish() }),
      stockItemId: t.arg.globalID({ for: StockItemRef, required: false }),
      quantity: t.arg.int({ validate: count }),
      reason: t.arg({ type: WriteOffReasonEnum }),
      note: t.arg.string({ required: false, validate: z.string().max(1000).nullish() }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { stockItemId } = await writeOff(ctx, {
        ...args,
        batchId: args.batchId ? String(args.batchId) : null,
        stockItemId: args.stockItemId ? idOf(args.stockItemId.id, 'stockItemId') : null,
      });
      return ctx.prisma.stockItem.findUniqueOrThrow({ ...query, where: { id: stockItemId } });
    },
  }),
  writeOffExpired: t.int({
    description: 'Writes off every expired batch of the shop; answers how many units went.',
    authScopes: writes,
    resolve: async (_root, _args, ctx) => (await writeOffExpired(ctx)).quantity,
  }),
}));

builder.subscriptionField('stockItemChanged', (t) =>
  t.prismaField({
    type: 'StockItem',
    nullable: true,
    description:
      'Each stock item of the active shop as its levels or details change: a supply, a write-off, an order ' +
      'reserving, using or releasing it, an edit. Null when it is gone before it was read.',
    authScopes: reads,
    // The scopes admit the whole area of the shop: no row rule to check.
    subscribe: (_root, _args, ctx) => shopChangesAmong(ctx, 'stockItem', null),
    resolve: (query, change: ShopChange, _args, ctx) =>
      rereadShared(ctx, 'stockItem', change, [query], () =>
        ctx.prisma.stockItem.findFirst({ ...query, where: { id: change.id, shopId: requireShop(ctx) } }),
      ),
  }),
);
