import type { IntrospectionQuery, IntrospectionTypeRef } from 'graphql';

/** The part of graphcache's Cache the rules use (kept narrow so the rules are tested without urql). */
export interface InvalidatingCache {
  inspectFields(entity: string): { fieldName: string; arguments: Record<string, unknown> | null }[];
  invalidate(entity: string, fieldName: string, args?: Record<string, unknown> | null): void;
}

type Updater = (result: Record<string, unknown>, args: unknown, cache: InvalidatingCache) => void;

export interface CacheRules {
  /** Types with no `id` (connections, edges, results, errors): kept inside their parent, not normalized. */
  keys: Record<string, () => null>;
  /** For each mutation, the updater that invalidates the Query lists holding what it returned. */
  mutationUpdates: Record<string, Updater>;
  /** Entity type name → the Query fields that list it (directly or as a connection's nodes). */
  listsOf: ReadonlyMap<string, ReadonlySet<string>>;
}

function named(ref: IntrospectionTypeRef): { name: string; list: boolean } {
  let list = false;
  let current = ref;
  while ('ofType' in current && current.ofType) {
    if (current.kind === 'LIST') list = true;
    current = current.ofType;
  }
  return { name: (current as { name: string }).name, list };
}

/**
 * The normalized cache's rules, all derived from the schema so a new type or mutation needs none of
 * its own. A mutation's result updates every cached entity it returns (graphcache does that by id); what
 * it cannot know is which lists gained or lost an item. So the one generic rule: after a mutation, every
 * cached Query field that lists a type the mutation returned (a list, or a connection of it) is
 * invalidated, and only the screens showing those lists fetch them again, nothing else.
 */
export function cacheRules(schema: IntrospectionQuery): CacheRules {
  const types = new Map(schema.__schema.types.map((type) => [type.name, type]));
  const fieldsOf = (name: string) => {
    const type = types.get(name);
    return type && 'fields' in type ? (type.fields ?? []) : [];
  };
  const possible = (name: string): string[] => {
    const type = types.get(name);
    return type && 'possibleTypes' in type && type.possibleTypes
      ? type.possibleTypes.map((member) => member.name)
      : [name];
  };
  const roots = new Set(
    [schema.__schema.queryType, schema.__schema.mutationType, schema.__schema.subscriptionType].map(
      (root) => root?.name,
    ),
  );

  const keys: Record<string, () => null> = {};
  for (const type of schema.__schema.types) {
    if (type.kind !== 'OBJECT' || roots.has(type.name) || type.name.startsWith('__')) continue;
    if (!fieldsOf(type.name).some((field) => field.name === 'id')) keys[type.name] = () => null;
  }

  const listsOf = new Map<string, Set<string>>();
  const addList = (typeName: string, queryField: string) => {
    for (const member of possible(typeName)) {
      const fields = listsOf.get(member) ?? new Set<string>();
      fields.add(queryField);
      listsOf.set(member, fields);
    }
  };
  const queryType = schema.__schema.queryType.name;
  for (const field of fieldsOf(queryType)) {
    const { name, list } = named(field.type);
    if (list) {
      addList(name, field.name);
      continue;
    }
    // A Relay connection: `edges { node }`.
    const edges = fieldsOf(name).find((candidate) => candidate.name === 'edges');
    const node = edges && fieldsOf(named(edges.type).name).find((candidate) => candidate.name === 'node');
    if (node) addList(named(node.type).name, field.name);
  }

  const mutationUpdates: Record<string, Updater> = {};
  const mutationType = schema.__schema.mutationType?.name;
  for (const mutation of mutationType ? fieldsOf(mutationType) : []) {
    mutationUpdates[mutation.name] = (result, _args, cache) => {
      const touched = new Set<string>();
      for (const typeName of returnedTypes(result[mutation.name])) {
        for (const field of listsOf.get(typeName) ?? []) touched.add(field);
      }
      if (touched.size === 0) return;
      for (const cached of cache.inspectFields(queryType)) {
        if (touched.has(cached.fieldName)) {
          cache.invalidate(queryType, cached.fieldName, cached.arguments);
        }
      }
    };
  }
  return { keys, mutationUpdates, listsOf };
}

/** Every `__typename` in a result, at any depth. */
function returnedTypes(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) returnedTypes(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '__typename' && typeof inner === 'string') found.add(inner);
      else returnedTypes(inner, found);
    }
  }
  return found;
}
