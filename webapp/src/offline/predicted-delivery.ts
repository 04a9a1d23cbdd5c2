import type { CourierAction } from './courier-queue';

export type DeliveryStatus =
  | 'PENDING'
  | 'ASSIGNED'
  | 'PICKED_UP'
  | 'EN_ROUTE'
  | 'DELIVERED'
  | 'FAILED'
  | 'CANCELLED';

const statusAfter: Partial<Record<CourierAction['kind'], DeliveryStatus>> = {
  pickUp: 'PICKED_UP',
  startRoute: 'EN_ROUTE',
  complete: 'DELIVERED',
  fail: 'FAILED',
};

/**
 * The delivery's status as the courier left it: the server's, moved on by the steps still waiting in
 * the queue (oldest first), so the next button is the right one while offline. Refused steps count not.
 */
export function predictedStatus(
  serverStatus: DeliveryStatus | undefined,
  waiting: readonly { kind: CourierAction['kind']; refusal?: string }[],
): DeliveryStatus | undefined {
  return waiting.reduce<DeliveryStatus | undefined>(
    (status, step) => (step.refusal ? status : (statusAfter[step.kind] ?? status)),
    serverStatus,
  );
}

/**
 * The steps a courier may take next at a status, as the server's delivery rules allow them: giving the
 * delivery back (releaseDelivery) is allowed where picking it up is, before the bouquet is in hand.
 */
export function nextSteps(status: DeliveryStatus | undefined): {
  pickUp: boolean;
  startRoute: boolean;
  handOver: boolean;
  giveBack: boolean;
} {
  const beforePickUp = status === 'ASSIGNED' || status === 'FAILED';
  return {
    pickUp: beforePickUp,
    startRoute: status === 'PICKED_UP',
    handOver: status === 'PICKED_UP' || status === 'EN_ROUTE',
    giveBack: beforePickUp,
  };
}
