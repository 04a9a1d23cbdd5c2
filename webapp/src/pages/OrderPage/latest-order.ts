/** What `latestOrder` compares: an order's id and its optimistic-locking version. */
export interface VersionedOrder {
  id: string;
  version: number;
}

/**
 * The newer of the order as the query fetched it and as the last live update brought it. Either may
 * be ahead: an update arrives after the query, or a refetch (after the socket reconnected) after the
 * last update. An update for another order (the page moved on to a new id) is ignored.
 */
export function latestOrder<Order extends VersionedOrder>(
  orderId: string,
  fetched: Order | null | undefined,
  updated: Order | null | undefined,
): Order | undefined {
  const live = updated?.id === orderId ? updated : undefined;
  const loaded = fetched?.id === orderId ? fetched : undefined;
  if (!live) return loaded;
  if (!loaded) return live;
  return live.version >= loaded.version ? live : loaded;
}
