import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, getIntrospectionQuery, graphqlSync, type IntrospectionQuery } from 'graphql';
import type { Plugin } from 'vite';

/** The server's printed schema (`pnpm --filter @posy/server print-schema`): the one source of the API's shape. */
const schemaFile = fileURLToPath(new URL('../../server/schema.graphql', import.meta.url));

const moduleId = 'virtual:posy-schema';
const resolvedId = `\0${moduleId}`;

/**
 * The server schema as the introspection result urql's graphcache reads, without descriptions,
 * deprecations, directives or argument details (graphcache needs types, fields and their types only):
 * smaller in the normalized cache's chunk, and made from schema.graphql at build time, never a copy.
 */
export function minifiedIntrospection(sdl: string): IntrospectionQuery {
  const result = graphqlSync({
    schema: buildSchema(sdl),
    source: getIntrospectionQuery({ descriptions: false, directiveIsRepeatable: false }),
  });
  if (!result.data) throw new Error(`Introspection failed: ${JSON.stringify(result.errors)}`);
  const { __schema } = result.data as unknown as IntrospectionQuery;
  const typeRef = (ref: unknown): unknown => {
    const { kind, name, ofType } = ref as { kind: string; name: string | null; ofType: unknown };
    return ofType ? { kind, ofType: typeRef(ofType) } : { kind, name };
  };
  return {
    __schema: {
      queryType: __schema.queryType,
      mutationType: __schema.mutationType,
      subscriptionType: __schema.subscriptionType,
      directives: [],
      types: __schema.types
        .filter((type) => !type.name.startsWith('__'))
        .map((type) => ({
          kind: type.kind,
          name: type.name,
          ...('fields' in type && type.fields
            ? {
                fields: type.fields.map((field) => ({
                  name: field.name,
                  type: typeRef(field.type),
                  args: field.args.map((arg) => ({ name: arg.name, type: typeRef(arg.type) })),
                })),
              }
            : {}),
          ...('interfaces' in type && type.interfaces ? { interfaces: type.interfaces } : {}),
          ...('possibleTypes' in type && type.possibleTypes ? { possibleTypes: type.possibleTypes } : {}),
        })),
    },
  } as unknown as IntrospectionQuery;
}

/** `import schema from 'virtual:posy-schema'`: the minified introspection of server/schema.graphql. */
export function posySchemaPlugin(): Plugin {
  return {
    name: 'posy-schema',
    resolveId: (id) => (id === moduleId ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined;
      this.addWatchFile(schemaFile);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(minifiedIntrospection(readFileSync(schemaFile, 'utf8'))))});`;
    },
  };
}
