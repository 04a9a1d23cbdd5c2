// Order.bouquetPhoto: the finished bouquet as the shop photographed it, for the order's customer as well as
// for staff, whether or not the shop asked for their approval. Who sees it is access.ts' rule
// (showsBouquetPhoto), the same one `node(id:)` answers by (visibleImages).
import type { File } from '@posy/prisma';
import { builder } from '../../builder.js';
import { showsBouquetPhoto } from '../common/access.js';
import { OrderRef } from '../orders/orders.schema.js';
import { ImageRef } from '../uploads/uploads.schema.js';

builder.prismaObjectFields(OrderRef, (t) => ({
  bouquetPhoto: t.field({
    type: ImageRef,
    nullable: true,
    description:
      'The photo of the finished bouquet: staff see it as soon as there is one, the customer once the ' +
      'bouquet is made (or they were asked to approve it).',
    // Loaded with the order, in the same query: the task's state for the rule, the photo as selected.
    select: (_args, _ctx, nestedSelection) => ({
      task: { select: { status: true, approvalStatus: true, photo: nestedSelection(true) } },
    }),
    resolve: (order, _args, ctx) => {
      // Pothos types a `select` callback's parent without the nested relation it loads.
      const task = order.task as (typeof order.task & { photo: File | null }) | null;
      return task && showsBouquetPhoto(ctx, task) ? task.photo : null;
    },
  }),
}));
