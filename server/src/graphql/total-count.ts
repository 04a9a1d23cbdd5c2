import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { Context } from '../context.js';

/**
 * `totalCount` of a root `prismaConnection`, counted beside the page rather than after it. Pothos calls a
 * connection's `totalCount` only once the page is loaded (when the `totalCount` field resolves), which
 * costs a second round trip in sequence; `start` (called in the connection's `resolve`, before its
 * findMany) sends the count at once when the query asks for `totalCount`, and `totalCount` answers that
 * promise. Pothos hands `resolve` and `totalCount` the same `args` object, which keys the promise.
 *
 *   const count = countBesidePage((args, ctx) => ctx.prisma.order.count({ where: … }));
 *   t.prismaConnection({ resolve: (query, _root, args, ctx, info) => { count.start(args, ctx, info); … },
 *     totalCount: count.totalCount })
 */
export function countBesidePage<Args extends object>(count: (args: Args, ctx: Context) => Promise<number>) {
  const started = new WeakMap<Args, Promise<number>>();
  return {
    start(args: Args, ctx: Context, info: GraphQLResolveInfo) {
      if (!asksField(info, 'totalCount')) return;
      const counting = count(args, ctx);
      // Handled here too: when the page fails first, nobody awaits the count.
      counting.catch(() => {});
      started.set(args, counting);
    },
    totalCount: (_parent: unknown, args: Args, ctx: Context) => started.get(args) ?? count(args, ctx),
  };
}

/** Whether the field being resolved selects `name` directly (through fragments too). */
function asksField(info: GraphQLResolveInfo, name: string) {
  const seen = new Set<string>();
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return inSet(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node: FieldNode) => inSet(node.selectionSet));
}
