import type { Prisma } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { listedProducts } from '../common/access.js';
import { containsText } from '../common/text-search.js';
import { publishShopChange } from '../live/shop-changes.js';

export interface ComponentInput {
  stockItemId: string;
  quantity: number;
}

export interface ProductInput {
  name?: string | null;
  description?: string | null;
  priceMinor?: number | null;
  leadTimeMinutes?: number | null;
  active?: boolean | null;
  /** undefined leaves it; null takes the product out of its category. */
  categoryId?: string | null;
  /** When given, replaces the whole composition. */
  components?: ComponentInput[] | null;
}

export async function createProduct(
  ctx: Context,
  input: ProductInput & { name: string; priceMinor: number },
) {
  const shopId = requireShop(ctx);
  await checkCategory(ctx, input.categoryId);
  const components = await checkComponents(ctx, input.components ?? []);
  const product = await ctx.prisma.product.create({
    data: {
      shopId,
      name: input.name,
      description: input.description ?? null,
      priceMinor: input.priceMinor,
      leadTimeMinutes: input.leadTimeMinutes ?? 0,
      active: input.active ?? true,
      categoryId: input.categoryId ?? null,
      components: { create: components },
    },
    select: { id: true },
  });
  ctx.audit.target = { type: 'Product', id: product.id };
  ctx.audit.changes = { ...input };
  announceProductChange(ctx, product.id);
  return product.id;
}

export async function updateProduct(ctx: Context, productId: string, input: ProductInput) {
  await editableProduct(ctx, productId);
  if (input.name === null) throw badInput('A product needs a name', 'name');
  if (input.priceMinor === null) throw badInput('A product needs a price', 'priceMinor');
  await checkCategory(ctx, input.categoryId);
  const data: Prisma.ProductUncheckedUpdateInput = {
    name: input.name ?? undefined,
    priceMinor: input.priceMinor ?? undefined,
    leadTimeMinutes: input.leadTimeMinutes ?? undefined,
    active: input.active ?? undefined,
    description: input.description,
    categoryId: input.categoryId,
  };
  if (input.components) {
    const components = await checkComponents(ctx, input.components);
    data.components = { deleteMany: {}, create: components };
  }
  await ctx.prisma.product.update({ where: { id: productId }, data, select: { id: true } });
  ctx.audit.target = { type: 'Product', id: productId };
  ctx.audit.changes = { ...input };
  announceProductChange(ctx, productId);
  return productId;
}

/** Archived products leave the catalog but stay on the orders that sold them. */
export async function archiveProduct(ctx: Context, productId: string) {
  await editableProduct(ctx, productId);
  await ctx.prisma.product.update({
    where: { id: productId },
    data: { archivedAt: new Date(), active: false },
    select: { id: true },
  });
  ctx.audit.target = { type: 'Product', id: productId };
  announceProductChange(ctx, productId);
  return productId;
}

/** Tells the live catalog (`productChanged`) that the active shop's product changed, once committed. */
export function announceProductChange(ctx: Context, productId: string) {
  publishShopChange(ctx, requireShop(ctx), 'product', [productId]);
}

/** The active shop's product, not archived; NOT_FOUND otherwise (another shop's id included). */
export async function editableProduct(ctx: Context, productId: string) {
  const found = await ctx.prisma.product.findFirst({
    where: { id: productId, shopId: requireShop(ctx), archivedAt: null },
    select: { id: true },
  });
  if (!found) throw notFound('A product with this id');
}

async function checkCategory(ctx: Context, categoryId: string | null | undefined) {
  if (!categoryId) return;
  const found = await ctx.prisma.category.findFirst({
    where: { id: categoryId, shopId: requireShop(ctx), archivedAt: null },
    select: { id: true },
  });
  if (!found) throw badInput('There is no such category in this shop', 'categoryId');
}

/** Each stock item once, a positive quantity, and every item the shop's own and not archived. */
async function checkComponents(ctx: Context, components: ComponentInput[]) {
  const ids = components.map((c) => c.stockItemId);
  if (new Set(ids).size !== ids.length)
    throw badInput('A stock item appears twice in the composition', 'components');
  if (components.some((c) => !Number.isInteger(c.quantity) || c.quantity <= 0)) {
    throw badInput('Each component needs a positive whole quantity', 'components');
  }
  const found = await ctx.prisma.stockItem.count({
    where: { id: { in: ids }, shopId: requireShop(ctx), archivedAt: null },
  });
  if (found !== ids.length)
    throw badInput('The composition names a stock item this shop does not have', 'components');
  return components.map((c) => ({ stockItemId: c.stockItemId, quantity: c.quantity }));
}

/** What the catalog's list (`products`) is narrowed by; each left out when not set. */
export interface ProductsFilter {
  search?: string | null;
  /** Only what is on sale (the customer's catalog). */
  activeOnly?: boolean | null;
  categoryId?: string | null;
}

/**
 * The products the catalog lists for a filter: the viewer's listed products (listedProducts), by name,
 * on sale, in a category. The shelf chips (`categories(withProductsOnSale)`) are counted by the same rule.
 */
export function productsWhere(ctx: Context, filter: ProductsFilter): Prisma.ProductWhereInput {
  return {
    AND: [
      listedProducts(ctx),
      filter.search ? { name: containsText(filter.search) } : {},
      filter.activeOnly ? { active: true } : {},
      filter.categoryId ? { categoryId: filter.categoryId } : {},
    ],
  };
}
