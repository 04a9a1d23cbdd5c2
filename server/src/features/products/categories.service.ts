import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';

export interface CategoryInput {
  name?: string | null;
  position?: number | null;
}

export async function createCategory(ctx: Context, input: { name: string; position?: number | null }) {
  const shopId = requireShop(ctx);
  await checkNameFree(ctx, input.name);
  const category = await ctx.prisma.category.create({
    data: { shopId, name: input.name, position: input.position ?? 0 },
    select: { id: true },
  });
  ctx.audit.target = { type: 'Category', id: category.id };
  ctx.audit.changes = { ...input };
  return category.id;
}

export async function updateCategory(ctx: Context, categoryId: string, input: CategoryInput) {
  await editableCategory(ctx, categoryId);
  if (input.name === null) throw badInput('A category needs a name', 'name');
  if (input.name) await checkNameFree(ctx, input.name, categoryId);
  await ctx.prisma.category.update({
    where: { id: categoryId },
    data: { name: input.name ?? undefined, position: input.position ?? undefined },
    select: { id: true },
  });
  ctx.audit.target = { type: 'Category', id: categoryId };
  ctx.audit.changes = { ...input };
  return categoryId;
}

/** Its products keep it (and their own visibility); the category just no longer lists. */
export async function archiveCategory(ctx: Context, categoryId: string) {
  await editableCategory(ctx, categoryId);
  await ctx.prisma.category.update({
    where: { id: categoryId },
    data: { archivedAt: new Date() },
    select: { id: true },
  });
  ctx.audit.target = { type: 'Category', id: categoryId };
  return categoryId;
}

async function editableCategory(ctx: Context, categoryId: string) {
  const found = await ctx.prisma.category.findFirst({
    where: { id: categoryId, shopId: requireShop(ctx), archivedAt: null },
    select: { id: true },
  });
  if (!found) throw notFound('A category with this id');
}

/**
 * Checked here for a clear message. Two requests naming one category at once would both find the name
 * free, and the second insert's unique violation would abort its mutation's transaction (a masked error,
 * not this one). So each first takes a lock on (shop, name): the second waits until the first commits,
 * then finds its category. The lock ends with the transaction (as createOrder's idempotency lock).
 */
async function checkNameFree(ctx: Context, name: string, exceptId?: string) {
  const shopId = requireShop(ctx);
  await ctx.prisma.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`category:${shopId}:${name}`}))`;
  const taken = await ctx.prisma.category.findFirst({
    where: { shopId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw badInput(`There is already a category named “${name}”`, 'name');
}
