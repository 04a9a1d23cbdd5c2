import { RefreshSessionMutation } from '../auth/auth.documents';
import { isAccessTokenExpiring, session } from '../auth/session';
import { signInContext } from '../graphql/auth-exchange';
import { graphqlClient } from '../graphql/client';
import { graphqlUrl } from '../graphql/endpoint';
import { refreshSessionOnce } from '../graphql/session-refresh';
import { uploadImageDocument } from './courier-actions.documents';

export type UploadOutcome =
  | { result: 'uploaded'; imageId: string }
  | { result: 'offline' }
  | { result: 'refused'; reason: string };

/**
 * Sends a photo as uploadImage (DELIVERY_PROOF) in a GraphQL multipart request
 * (github.com/jaydenseric/graphql-multipart-request-spec: `operations`, `map`, then the file), over
 * XMLHttpRequest because fetch reports no upload progress. The server answers the image it already has
 * for the same bytes, so sending a photo again after a lost answer stores nothing twice.
 */
export async function uploadProofPhoto(
  photo: Blob,
  fileName: string,
  onProgress: (fraction: number) => void,
): Promise<UploadOutcome> {
  const current = session();
  if (current && isAccessTokenExpiring(current, new Date())) {
    // urql's auth exchange refreshes for its own operations; this request goes around it.
    await refreshSessionOnce((refreshToken) =>
      graphqlClient().mutation(RefreshSessionMutation, { refreshToken }, signInContext).toPromise(),
    );
  }
  const signedIn = session();
  const body = new FormData();
  body.append('operations', JSON.stringify({ query: uploadImageDocument, variables: { file: null } }));
  body.append('map', JSON.stringify({ 0: ['variables.file'] }));
  body.append('0', photo, fileName);

  return new Promise<UploadOutcome>((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', graphqlUrl);
    if (signedIn?.accessToken) request.setRequestHeader('Authorization', `Bearer ${signedIn.accessToken}`);
    if (signedIn?.activeShopId) request.setRequestHeader('X-Shop-Id', signedIn.activeShopId);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => resolve({ result: 'offline' });
    request.ontimeout = () => resolve({ result: 'offline' });
    request.onload = () => resolve(readAnswer(request.status, request.responseText));
    request.send(body);
  });
}

function readAnswer(status: number, text: string): UploadOutcome {
  // A gateway between deploys, or an access token that expired on the way: try again later.
  if (status >= 500 || status === 401) return { result: 'offline' };
  try {
    const answer = JSON.parse(text) as {
      data?: { uploadImage?: { __typename: string; data?: { id: string } } };
      errors?: { extensions?: { code?: string } }[];
    };
    const uploaded = answer.data?.uploadImage;
    if (uploaded?.data?.id) return { result: 'uploaded', imageId: uploaded.data.id };
    const code = answer.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED') return { result: 'offline' };
    return { result: 'refused', reason: uploaded?.__typename ?? code ?? 'UNKNOWN' };
  } catch {
    return { result: 'offline' };
  }
}
