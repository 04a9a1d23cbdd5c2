import { StockMovementKind } from '@posy/prisma';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { countBesidePage } from '../../graphql/total-count.js';
import { visibleOrders } from '../common/access.js';
import { StockItemRef } from '../products/products.schema.js';
import { WriteOffReasonEnum } from './stock.schema.js';
import { stockMovementsWhere } from './stock-movements.service.js';
import { readWriteOffNote } from './write-off-note.js';

/** The ledger is bookkeeping: for those who run the stock, and keys that read it. */
const readsLedger = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'stock:read' } as const;

export const StockMovementKindEnum = builder.enumType(StockMovementKind, { name: 'StockMovementKind' });

builder.prismaObject('StockMovement', {
  select: { id: true },
  description: 'One change of a stock item’s on-hand quantity: a supply in, a consumption or write-off out.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: StockMovementKindEnum }),
    quantity: t.exposeInt('quantity', { description: 'Signed: positive in, negative out.' }),
    stockItem: t.relation('stockItem'),
    batch: t.relation('batch', { nullable: true }),
    // The order a consumption was for; an API key needs orders:read for it, as on the root `orders`.
    order: t.relation('order', { nullable: true, ...visibleOrders.guard }),
    reason: t.field({
      type: WriteOffReasonEnum,
      nullable: true,
      description: 'Why stock was written off; null for other kinds.',
      select: { kind: true, note: true },
      resolve: (m) => readWriteOffNote(m.kind, m.note).reason,
    }),
    note: t.string({
      nullable: true,
      description: 'What the person wrote with it (for a write-off, besides the reason).',
      select: { kind: true, note: true },
      resolve: (m) => readWriteOffNote(m.kind, m.note).note,
    }),
    actor: t.relation('actor', { nullable: true, description: 'Who made it; null for the system.' }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

const StockMovementsFilterInput = builder.inputType('StockMovementsFilter', {
  fields: (t) => ({
    kinds: t.field({
      type: [StockMovementKindEnum],
      required: false,
      extensions: { maxItems: Object.keys(StockMovementKind).length },
    }),
    stockItemId: t.globalID({
      for: StockItemRef,
      required: false,
      validate: z.object({ id: z.uuid('Not an id') }).loose(),
    }),
    from: t.field({ type: 'DateTime', required: false, description: 'At or after' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Before' }),
  }),
  // A loose object: a plain one would strip the fields it does not name from the validated value.
  validate: z
    .looseObject({ from: z.date().nullish(), to: z.date().nullish() })
    .refine((f) => !f.from || !f.to || f.from < f.to, { message: 'from must be before to', path: ['to'] }),
});

type MovementsFilter = Parameters<typeof stockMovementsWhere>[1];
const movementsCount = countBesidePage(
  (
    {
      filter,
    }: {
      filter?:
        | (Omit<NonNullable<MovementsFilter>, 'stockItemId'> & { stockItemId?: { id: string } | null })
        | null;
    },
    ctx,
  ) =>
    ctx.prisma.stockMovement.count({
      where: stockMovementsWhere(ctx, filter && { ...filter, stockItemId: filter.stockItemId?.id }),
    }),
);

builder.queryField('stockMovements', (t) =>
  t.prismaConnection({
    type: 'StockMovement',
    cursor: 'id',
    description:
      'The active shop’s stock ledger, newest first: e.g. a period’s write-offs with their reasons.',
    authScopes: readsLedger,
    args: { filter: t.arg({ type: StockMovementsFilterInput, required: false }) },
    resolve: (query, _root, args, ctx, info) => {
      movementsCount.start(args, ctx, info);
      const { filter } = args;
      return ctx.prisma.stockMovement.findMany({
        ...query,
        where: stockMovementsWhere(ctx, filter && { ...filter, stockItemId: filter.stockItemId?.id }),
        orderBy: { id: 'desc' },
      });
    },
    totalCount: movementsCount.totalCount,
  }),
);
