import { type AnyVariables, CombinedError, stringifyDocument, type TypedDocumentNode } from '@urql/core';
import type { DocumentNode, GraphQLError } from 'graphql';
import { RefreshSessionMutation } from '../auth/auth.documents';
import { isAccessTokenExpiring, session } from '../auth/session';
import { signInContext } from './auth-exchange';
import { graphqlClient } from './client';
import { graphqlUrl } from './endpoint';
import { refreshSessionOnce } from './session-refresh';

/** How far an upload got, from 0 to 1. */
export type UploadProgress = (fraction: number) => void;

// Through the client, past its auth exchange, as the subscriptions refresh (session-refresh.ts).
const refresh = () =>
  refreshSessionOnce((refreshToken) =>
    graphqlClient().mutation(RefreshSessionMutation, { refreshToken }, signInContext).toPromise(),
  );

/**
 * Sends an operation with files as a multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * `files` maps a variable name to its file. urql's fetch cannot report upload progress, so this is an
 * XMLHttpRequest, with the session's headers (which also get it past the server's CSRF prevention). An
 * expiring token is refreshed first and an UNAUTHENTICATED answer once more after a refresh, as the auth
 * exchange does. Thrown errors are CombinedErrors, so ErrorMessage explains them as any other.
 */
export async function sendMultipart<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, keyof Variables & string> & Record<string, unknown>,
  files: Record<string, File>,
  onProgress: UploadProgress = () => {},
): Promise<Data> {
  const current = session();
  if (current && isAccessTokenExpiring(current, new Date())) await refresh();
  let answer = await post(document, variables, files, onProgress);
  if (answer.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED') && session()) {
    await refresh();
    answer = await post(document, variables, files, onProgress);
  }
  if (answer.errors?.length) throw new CombinedError({ graphQLErrors: answer.errors as GraphQLError[] });
  if (!answer.data) throw new CombinedError({ networkError: new Error('Empty answer') });
  return answer.data as Data;
}

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

function post(
  document: DocumentNode,
  variables: Record<string, unknown>,
  files: Record<string, File>,
  onProgress: UploadProgress,
): Promise<Answer> {
  const names = Object.keys(files);
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: stringifyDocument(document),
      variables: { ...variables, ...Object.fromEntries(names.map((name) => [name, null])) },
    }),
  );
  form.append('map', JSON.stringify(Object.fromEntries(names.map((name, i) => [i, [`variables.${name}`]]))));
  names.forEach((name, i) => {
    form.append(String(i), files[name] as File);
  });

  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', graphqlUrl);
    const current = session();
    if (current?.accessToken) request.setRequestHeader('Authorization', `Bearer ${current.accessToken}`);
    if (current?.activeShopId) request.setRequestHeader('X-Shop-Id', current.activeShopId);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText) as Answer);
      } catch {
        reject(new CombinedError({ networkError: new Error(`HTTP ${request.status}`) }));
      }
    };
    const failed = () => reject(new CombinedError({ networkError: new Error('Upload failed') }));
    request.onerror = failed;
    request.ontimeout = failed;
    request.send(form);
  });
}
