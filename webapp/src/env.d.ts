interface ImportMetaEnv {
  /** Another GraphQL endpoint for this build (default: same-origin /graphql). */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

declare module 'virtual:posy-schema' {
  /** server/schema.graphql as a minified introspection result (webapp/scripts/schema-introspection.ts). */
  const schema: import('graphql').IntrospectionQuery;
  export default schema;
}
