import { z } from 'zod';
import { builder } from '../../builder.js';
import { visibleCategories } from '../common/access.js';
import { archiveCategory, createCategory, updateCategory } from './categories.service.js';
import { productsWhere } from './products.service.js';

/** Who edits the catalog: its managers, and API keys holding catalog:write. */
export const editsCatalog = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'catalog:write' } as const;

export const CategoryRef = builder.prismaNode('Category', {
  select: { id: true },
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleCategories(ctx)] }),
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    position: t.exposeInt('position'),
    archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryField('categories', (t) =>
  t.prismaField({
    type: [CategoryRef],
    description: 'The shop’s categories in shelf order; archived ones only when asked (staff).',
    authScopes: { signedIn: true },
    args: {
      includeArchived: t.arg.boolean({ defaultValue: false }),
      withProductsOnSale: t.arg.boolean({
        defaultValue: false,
        description:
          'Only those holding a product `products(activeOnly: true)` lists to the viewer: the customer’s ' +
          'shelves, none of them empty.',
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.category.findMany({
        ...query,
        where: {
          AND: [
            visibleCategories(ctx),
            args.includeArchived ? {} : { archivedAt: null },
            args.withProductsOnSale ? { products: { some: productsWhere(ctx, { activeOnly: true }) } } : {},
          ],
        },
        orderBy: [{ position: 'asc' }, { name: 'asc' }],
        take: 200,
      }),
  }),
);

const categoryName = () => z.string().trim().min(1, 'A category needs a name').max(80);
const position = () => z.number().int().min(0).max(10_000);

const CreateCategoryInput = builder.inputType('CreateCategoryInput', {
  fields: (t) => ({
    name: t.string({ validate: categoryName() }),
    position: t.int({ required: false, validate: position() }),
  }),
});

const UpdateCategoryInput = builder.inputType('UpdateCategoryInput', {
  fields: (t) => ({
    name: t.string({ required: false, validate: categoryName() }),
    position: t.int({ required: false, validate: position() }),
  }),
});

builder.mutationField('createCategory', (t) =>
  t.prismaField({
    type: CategoryRef,
    nullable: false,
    authScopes: editsCatalog,
    args: { input: t.arg({ type: CreateCategoryInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createCategory(ctx, args.input);
      return ctx.prisma.category.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('updateCategory', (t) =>
  t.prismaField({
    type: CategoryRef,
    nullable: false,
    authScopes: editsCatalog,
    args: { id: t.arg.globalID({ for: CategoryRef }), input: t.arg({ type: UpdateCategoryInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await updateCategory(ctx, args.id.id, args.input);
      return ctx.prisma.category.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('archiveCategory', (t) =>
  t.prismaField({
    type: CategoryRef,
    nullable: false,
    authScopes: editsCatalog,
    args: { id: t.arg.globalID({ for: CategoryRef }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await archiveCategory(ctx, args.id.id);
      return ctx.prisma.category.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
