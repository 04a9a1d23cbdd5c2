import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { GraphQLResponse, TestApp } from './harness.js';

/** A file part of a multipart request. */
export interface Part {
  bytes: Uint8Array;
  name: string;
  type: string;
}

/**
 * A GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec) over real
 * HTTP, built with FormData as a browser builds it: each file variable is null in `operations` and named in
 * `map`.
 */
export async function multipart(
  app: TestApp,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, Part>,
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape.
): Promise<GraphQLResponse<Record<string, any>> & { status: number }> {
  const form = multipartForm(query, variables, files);
  const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers, body: form });
  return { ...((await response.json()) as GraphQLResponse), status: response.status };
}

/** The form of a multipart request: `operations`, `map`, then one part per file variable. */
export function multipartForm(
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, Part>,
) {
  const form = new FormData();
  const names = Object.keys(files);
  form.set('operations', JSON.stringify({ query, variables: { ...variables, ...nulls(names) } }));
  form.set(
    'map',
    JSON.stringify(Object.fromEntries(names.map((name, i) => [String(i), [`variables.${name}`]]))),
  );
  names.forEach((name, i) => {
    const part = files[name]!;
    form.set(String(i), new File([part.bytes as Uint8Array<ArrayBuffer>], part.name, { type: part.type }));
  });
  return form;
}

const nulls = (names: string[]) => Object.fromEntries(names.map((name) => [name, null]));

/** Every file under the app's storage directory (DATA_DIR/files), as paths relative to it. */
export async function storedFiles(app: TestApp): Promise<string[]> {
  const root = path.join(app.config.dataDir, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}
