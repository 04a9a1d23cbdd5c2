import { isAccessTokenExpiring, session } from '../../auth/session';
import { graphqlClient } from '../../graphql/client';
import { graphqlUrl } from '../../graphql/endpoint';
import { graphql } from '../../graphql/graphql';
import type { ReportPeriod } from './report-period';

/** Any operation through the client renews an expiring access token first (sessionAuthExchange). */
const SessionCheckQuery = graphql(`
  query OrdersCsvSession {
    me {
      id
    }
  }
`);

/** Why an export could not be downloaded, as the page explains it. */
export type CsvFailure = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'NETWORK' | 'UNKNOWN';

/**
 * Downloads the orders of `period` as CSV from the server's export (GET /reports/orders.csv, beside
 * /graphql). The export wants the same credentials as /graphql, in headers a plain link cannot carry,
 * so it is fetched and handed to the browser as a file. Returns undefined when the file was saved.
 */
export async function downloadOrdersCsv(period: ReportPeriod): Promise<CsvFailure | undefined> {
  let current = session();
  if (!current?.accessToken || isAccessTokenExpiring(current, new Date())) {
    await graphqlClient().query(SessionCheckQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    current = session();
  }
  if (!current?.accessToken) return 'UNAUTHENTICATED';
  const url = new URL('/reports/orders.csv', new URL(graphqlUrl, window.location.href));
  url.searchParams.set('from', period.from);
  url.searchParams.set('to', period.to);
  const headers: Record<string, string> = { Authorization: `Bearer ${current.accessToken}` };
  if (current.activeShopId) headers['X-Shop-Id'] = current.activeShopId;
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch {
    return 'NETWORK';
  }
  if (response.status === 401) return 'UNAUTHENTICATED';
  if (response.status === 403) return 'FORBIDDEN';
  if (response.status === 429) return 'RATE_LIMITED';
  if (!response.ok) return 'UNKNOWN';
  const file = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = file;
  // The name the server gives it (Content-Disposition), which a blob URL does not carry.
  link.download = `orders-${period.from}-${period.to}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL may go once this task is over.
  setTimeout(() => URL.revokeObjectURL(file), 0);
  return undefined;
}
