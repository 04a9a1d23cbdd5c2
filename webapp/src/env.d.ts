interface ImportMetaEnv {
  /** Another GraphQL endpoint for this build (default: same-origin /graphql). */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
