// Loads asked for by the fields of one list (each task's `batches`, say) run as one query: GraphQL resolves
// a list's items in the same tick, so the keys asked before the next macrotask are loaded together, as
// DataLoader does, per request context (never shared across requests or transactions).

interface PendingLoad {
  keys: Set<string>;
  result: Promise<Map<string, unknown>>;
}

const pending = new WeakMap<object, Map<string, PendingLoad>>();

/**
 * The value of `key`, loaded with every other key asked of the same `kind` on `ctx` in this tick by one
 * call of `load`; undefined when `load` has none for it. `kind` names the load and anything it depends on
 * besides the keys (e.g. the selection), since all of a kind share one call.
 */
export function loadInTick<V>(
  ctx: object,
  kind: string,
  key: string,
  load: (keys: string[]) => Promise<Map<string, V>>,
): Promise<V | undefined> {
  let kinds = pending.get(ctx);
  if (!kinds) {
    kinds = new Map();
    pending.set(ctx, kinds);
  }
  let batch = kinds.get(kind);
  if (!batch) {
    const keys = new Set<string>();
    const byKind = kinds;
    const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      byKind.delete(kind);
      return load([...keys]);
    });
    batch = { keys, result };
    kinds.set(kind, batch);
  }
  batch.keys.add(key);
  return batch.result.then((loaded) => loaded.get(key) as V | undefined);
}
