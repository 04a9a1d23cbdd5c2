import { StockUnit } from '@posy/prisma';
import { builder } from '../../builder.js';
import { countBesidePage } from '../../graphql/total-count.js';
import { visibleCategories, visibleProducts } from '../common/access.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { rereadShared, type ShopChange, shopChangesAmong } from '../live/shop-changes.js';
import { CategoryRef } from './categories.schema.js';
import { currentBatches, marginOf, productCostMinor } from './products.cost.js';
import { type ProductsFilter, productsWhere } from './products.service.js';

/** A function, not a constant: which batches are current depends on when the cost is asked for. */
const costSelection = () => ({
  priceMinor: true,
  shop: { select: { currency: true } },
  components: {
    select: {
      quantity: true,
      stockItem: { select: { unitCostMinor: true, batches: currentBatches(new Date()) } },
    },
  },
});

/** Cost and margin are the shop's business, not its customers' or couriers'. */
const seesCost = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'catalog:read' } as const;

export const StockUnitEnum = builder.enumType(StockUnit, { name: 'StockUnit' });

export const StockItemRef = builder.prismaNode('StockItem', {
  select: { id: true },
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, shopId: ctx.shopId ?? '' }),
  nullable: true,
  // Catalog keys see what products are made of; stock keys see the stock itself ($any: one key per scope).
  authScopes: {
    shopRole: ['ADMIN', 'MANAGER', 'FLORIST'],
    apiScope: 'catalog:read',
    $any: { apiScope: 'stock:read' },
  },
  fields: (t) => ({
    name: t.exposeString('name'),
    unit: t.expose('unit', { type: StockUnitEnum }),
    onHand: t.exposeInt('onHand'),
    unitCost: t.field({
      type: MoneyRef,
      authScopes: seesCost,
      select: { unitCostMinor: true, shop: { select: { currency: true } } },
      resolve: (item) => money(item.unitCostMinor, item.shop.currency),
    }),
  }),
});

builder.prismaObject('ProductComponent', {
  select: { id: true },
  fields: (t) => ({
    quantity: t.exposeInt('quantity'),
    stockItem: t.relation('stockItem'),
  }),
});

export const ProductRef = builder.prismaNode('Product', {
  select: { id: true },
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleProducts(ctx)] }),
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    active: t.exposeBoolean('active'),
    archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true }),
    leadTimeMinutes: t.exposeInt('leadTimeMinutes', {
      description: 'Minutes a florist needs to make it, so the earliest delivery is at least this far ahead.',
    }),
    category: t.relation('category', {
      nullable: true,
      query: (_args, ctx) => ({ where: visibleCategories.nested(ctx) }),
    }),
    price: t.field({
      type: MoneyRef,
      select: { priceMinor: true, shop: { select: { currency: true } } },
      resolve: (p) => money(p.priceMinor, p.shop.currency),
    }),
    components: t.relation('components', {
      authScopes: { shopRole: ['ADMIN', 'MANAGER', 'FLORIST'], apiScope: 'catalog:read' },
    }),
    cost: t.field({
      type: MoneyRef,
      authScopes: seesCost,
      select: costSelection,
      resolve: (p) => money(productCostMinor(p.components), p.shop.currency),
    }),
    margin: t.float({
      nullable: true,
      description: 'Share of the price left after cost (0.6 = 60 %); null for a free product.',
      authScopes: seesCost,
      select: costSelection,
      resolve: (p) => marginOf(p.priceMinor, productCostMinor(p.components)),
    }),
    marginAmount: t.field({
      type: MoneyRef,
      description: 'Price minus cost.',
      authScopes: seesCost,
      select: costSelection,
      resolve: (p) => money(p.priceMinor - productCostMinor(p.components), p.shop.currency),
    }),
  }),
});

interface ProductsArgs {
  search?: string | null;
  activeOnly?: boolean | null;
  categoryId?: { id: string } | null;
}

const productsCount = countBesidePage((args: ProductsArgs, ctx) =>
  ctx.prisma.product.count({ where: productsWhere(ctx, productsFilter(args)) }),
);

/** The `products` arguments as the service takes them (the category's global id decoded). */
function productsFilter(args: ProductsArgs): ProductsFilter {
  return { search: args.search, activeOnly: args.activeOnly, categoryId: args.categoryId?.id };
}

builder.queryField('products', (t) =>
  t.prismaConnection({
    type: 'Product',
    cursor: 'id',
    authScopes: { signedIn: true },
    args: {
      search: t.arg.string({ required: false }),
      activeOnly: t.arg.boolean({ required: false }),
      categoryId: t.arg.globalID({
        for: CategoryRef,
        required: false,
        description: 'Only the products of this category (a shelf of the customer’s catalog).',
      }),
    },
    resolve: (query, _root, args, ctx, info) => {
      productsCount.start(args, ctx, info);
      return ctx.prisma.product.findMany({
        ...query,
        where: productsWhere(ctx, productsFilter(args)),
        orderBy: { id: 'asc' },
      });
    },
    totalCount: productsCount.totalCount,
  }),
);

builder.subscriptionField('productChanged', (t) =>
  t.prismaField({
    type: 'Product',
    nullable: true,
    description:
      'Each product of the active shop the viewer may see, as it changes (details, composition, photos, put ' +
      'on or taken off sale). Null when it left the viewer’s view before it was read.',
    authScopes: { signedIn: true },
    subscribe: (_root, _args, ctx) =>
      shopChangesAmong(ctx, 'product', {
        where: visibleProducts(ctx),
        visible: (id, where) =>
          ctx.prisma.product.findFirst({ where: { AND: [{ id }, where] }, select: { id: true } }),
      }),
    resolve: (query, change: ShopChange, _args, ctx) => {
      const where = { AND: [{ id: change.id }, visibleProducts(ctx)] };
      return rereadShared(ctx, 'product', change, [where, query], () =>
        ctx.prisma.product.findFirst({ ...query, where }),
      );
    },
  }),
);
