import { builder } from '../../builder.js';
import { ProductRef } from './products.schema.js';

interface CompositionLine {
  name: string;
  quantity: number;
}

const CompositionLineRef = builder.objectRef<CompositionLine>('ProductCompositionLine').implement({
  description: 'One flower or piece of a bouquet, as a customer reads it: “Red rose × 7”.',
  fields: (t) => ({
    name: t.exposeString('name'),
    quantity: t.exposeInt('quantity'),
  }),
});

// Customers and couriers may not read stock items (levels, costs): this is the composition without them.
builder.prismaObjectFields(ProductRef, (t) => ({
  composition: t.field({
    type: [CompositionLineRef],
    description: 'What the bouquet is made of, by name and count: for anyone who sees the product.',
    select: {
      components: {
        select: { quantity: true, stockItem: { select: { name: true } } },
        orderBy: { id: 'asc' },
      },
    },
    resolve: (product) =>
      product.components.map((component) => ({
        name: component.stockItem.name,
        quantity: component.quantity,
      })),
  }),
}));
