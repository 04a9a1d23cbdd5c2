import { z } from 'zod';
import { builder } from '../../builder.js';
import { CategoryRef, editsCatalog } from './categories.schema.js';
import { ProductRef, StockItemRef } from './products.schema.js';
import { archiveProduct, createProduct, type ProductInput, updateProduct } from './products.service.js';

const ComponentInput = builder.inputType('ProductComponentInput', {
  fields: (t) => ({
    stockItemId: t.globalID({ for: StockItemRef }),
    quantity: t.int({ validate: z.number().int().min(1, 'A component needs at least one unit').max(10_000) }),
  }),
});

const name = () => z.string().trim().min(1, 'A product needs a name').max(120);
const description = () => z.string().max(2000);
const priceMinor = () => z.number().int().min(0, 'A price cannot be negative').max(100_000_000);
// Minutes, not hours: a simple bouquet takes 20 minutes, a wedding arch three days; a week at most.
const leadTimeMinutes = () =>
  z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60);

const productFields = (required: boolean) =>
  builder.inputType(required ? 'CreateProductInput' : 'UpdateProductInput', {
    fields: (t) => ({
      name: t.string({ required, validate: name() }),
      description: t.string({ required: false, validate: description() }),
      priceMinor: t.int({ required, validate: priceMinor() }),
      leadTimeMinutes: t.int({ required: false, validate: leadTimeMinutes() }),
      active: t.boolean({ required: false }),
      categoryId: t.globalID({
        required: false,
        for: CategoryRef,
        description: 'null takes it out of its category.',
      }),
      components: t.field({
        type: [ComponentInput],
        required: false,
        description: required ? undefined : 'When given, replaces the whole composition.',
      }),
    }),
  });
const CreateProductInput = productFields(true);
const UpdateProductInput = productFields(false);

type ArgsInput = Omit<ProductInput, 'categoryId' | 'components'> & {
  categoryId?: { id: string } | null;
  components?: { stockItemId: { id: string }; quantity: number }[] | null;
};

/** Global ids decoded to row ids; undefined stays undefined so an update leaves the field alone. */
function toServiceInput(input: ArgsInput): ProductInput {
  return {
    ...input,
    categoryId: input.categoryId === undefined ? undefined : (input.categoryId?.id ?? null),
    components: input.components?.map((c) => ({ stockItemId: c.stockItemId.id, quantity: c.quantity })),
  };
}

builder.mutationField('createProduct', (t) =>
  t.prismaField({
    type: ProductRef,
    nullable: false,
    authScopes: editsCatalog,
    args: { input: t.arg({ type: CreateProductInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createProduct(ctx, {
        ...toServiceInput(args.input),
        name: args.input.name,
        priceMinor: args.input.priceMinor,
      });
      return ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('updateProduct', (t) =>
  t.prismaField({
    type: ProductRef,
    nullable: false,
    authScopes: editsCatalog,
    args: { id: t.arg.globalID({ for: ProductRef }), input: t.arg({ type: UpdateProductInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await updateProduct(ctx, args.id.id, toServiceInput(args.input));
      return ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('archiveProduct', (t) =>
  t.prismaField({
    type: ProductRef,
    nullable: false,
    authScopes: editsCatalog,
    args: { id: t.arg.globalID({ for: ProductRef }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await archiveProduct(ctx, args.id.id);
      return ctx.prisma.product.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
