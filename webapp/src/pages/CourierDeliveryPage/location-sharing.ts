import { createSignal } from 'solid-js';
import { graphqlClient } from '../../graphql/client';
import { ReportCourierPositionMutation } from './location.documents';
import { type LocationFix, watchLocation } from './watch-location';

/** The server keeps one report per COURIER_POSITION_MIN_INTERVAL_SECONDS (15 by default): no use sending more. */
const reportEveryMs = 15_000;

export type SharingProblem = 'denied' | 'ended' | 'consent';

const [sharingOrderId, setSharingOrderId] = createSignal<string>();
const [lastSentAt, setLastSentAt] = createSignal<string>();
const [problem, setProblem] = createSignal<SharingProblem>();

/** The order whose delivery shares the courier's position now, if any. Reactive. */
export const sharingFor = sharingOrderId;
/** When the last position was stored by the server. Reactive. */
export const positionSentAt = lastSentAt;
/** Why sharing stopped by itself. Reactive. */
export const sharingProblem = problem;

let stopWatching: (() => void) | undefined;
let lastSentMs = 0;
// The newest fix not sent yet: fixes that come faster than the server keeps them replace each other, and
// the last one goes when the interval is over (at once after a refused or failed report).
let latest: LocationFix | undefined;
let inFlight = false;
let sendTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Shares the phone's position for one delivery on the way (after the courier's consent, which the
 * screen asks for). Kept here, not in the page, so it goes on while the courier looks at the day's
 * list; it stops when they say so, when the server says the sharing ended, or with the delivery.
 * Positions are not queued offline: an old one says nothing useful.
 */
export function startSharing(orderId: string): void {
  stopSharing();
  setProblem(undefined);
  setLastSentAt(undefined);
  setSharingOrderId(orderId);
  stopWatching = watchLocation(
    (fix) => {
      latest = fix;
      void sendLatest();
    },
    () => {
      stopSharing();
      setProblem('denied');
    },
  );
}

export function stopSharing(): void {
  clearTimeout(sendTimer);
  latest = undefined;
  stopWatching?.();
  stopWatching = undefined;
  setSharingOrderId(undefined);
}

async function sendLatest(): Promise<void> {
  const orderId = sharingOrderId();
  if (inFlight || !latest || !orderId) return;
  const wait = lastSentMs + reportEveryMs - Date.now();
  if (wait > 0) {
    clearTimeout(sendTimer);
    sendTimer = setTimeout(() => void sendLatest(), wait);
    return;
  }
  const fix = latest;
  latest = undefined;
  inFlight = true;
  lastSentMs = Date.now();
  try {
    const result = await graphqlClient()
      .mutation(ReportCourierPositionMutation, { orderId, ...fix })
      .toPromise();
    const answer = result.data?.reportCourierPosition;
    if (!answer) {
      // No connection, or a fix the server would not take (taken before the bouquet went out).
      lastSentMs = 0;
    } else if (answer.__typename === 'MutationReportCourierPositionSuccess') {
      setLastSentAt(new Date().toISOString());
    } else {
      stopSharing();
      setProblem(answer.__typename === 'LocationConsentRequired' ? 'consent' : 'ended');
    }
  } finally {
    inFlight = false;
  }
  if (latest) void sendLatest();
}
