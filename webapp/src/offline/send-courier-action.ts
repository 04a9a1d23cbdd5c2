import type { AnyVariables, CombinedError, DocumentInput } from '@urql/core';
import { graphqlClient } from '../graphql/client';
import { describeApiError } from '../graphql/errors';
import {
  AttachDeliveryProofMutation,
  CompleteDeliveryMutation,
  CourierOrderQuery,
  FailDeliveryMutation,
  PickUpDeliveryMutation,
  StartDeliveryRouteMutation,
} from './courier-actions.documents';
import { type CourierAction, type QueuedAction, updateAction } from './courier-queue';
import type { DeliveryStatus } from './predicted-delivery';
import type { SendOutcome } from './replay';
import { uploadProofPhoto } from './upload-photo';

/** The delivery statuses at which a step is done (the step itself, or one only reachable after it). */
const doneAt: Record<Exclude<CourierAction['kind'], 'proof'>, readonly DeliveryStatus[]> = {
  pickUp: ['PICKED_UP', 'EN_ROUTE', 'DELIVERED'],
  startRoute: ['EN_ROUTE', 'DELIVERED'],
  complete: ['DELIVERED'],
  fail: ['FAILED'],
};

/** Whether a step shows on the delivery as it is: what the queue and the screen both go by. */
export function stepDone(kind: CourierAction['kind'], status: DeliveryStatus | undefined): boolean {
  if (kind === 'proof' || !status) return false;
  return doneAt[kind].includes(status);
}

/** A typed answer as the steps give it: the order on success, or a refusal by its `__typename`. */
interface StepAnswer {
  __typename: string;
  data?: { version: number };
  current?: number;
}

/**
 * Sends one queued action to the server (SendAction of replay.ts). No answer at all, or a server error
 * (a gateway between deploys), is `offline`: the queue keeps it and tries again later. A stale version
 * or a status the step no longer fits makes it read the order: a step the order already shows was done
 * by an earlier send whose answer was lost, so it is `done`, not sent again. A stale version on a step not
 * done yet (a manager edited the order meanwhile) is sent once more with the current version: the
 * server still checks the delivery's status, so that cannot skip or repeat a step.
 */
export async function sendCourierAction(entry: QueuedAction): Promise<SendOutcome> {
  if (entry.kind === 'proof') return sendProof(entry);
  const first = await runStep(entry, entry.version);
  if ('result' in first) return first;
  if (first.__typename !== 'StaleVersion' && first.__typename !== 'InvalidDeliveryStatus') {
    return { result: 'refused', reason: first.__typename };
  }
  const now = await graphqlClient()
    .query(CourierOrderQuery, { id: entry.orderId }, { requestPolicy: 'network-only' })
    .toPromise();
  if (now.error) return failure(now.error);
  const order = now.data?.order;
  if (!order) return { result: 'refused', reason: 'NotYourDelivery' };
  if (stepDone(entry.kind, order.delivery?.status)) return { result: 'done', version: order.version };
  if (first.__typename === 'InvalidDeliveryStatus') return { result: 'refused', reason: first.__typename };
  const second = await runStep(entry, order.version);
  if ('result' in second) return second;
  return { result: 'refused', reason: second.__typename };
}

async function runStep(
  entry: QueuedAction,
  version: number,
): Promise<(SendOutcome & { result: string }) | StepAnswer> {
  const { orderId } = entry;
  switch (entry.kind) {
    case 'pickUp':
      return answerOf(PickUpDeliveryMutation, { orderId, version }, (data) => data.pickUpDelivery);
    case 'startRoute':
      return answerOf(StartDeliveryRouteMutation, { orderId, version }, (data) => data.startDeliveryRoute);
    case 'complete':
      return answerOf(
        CompleteDeliveryMutation,
        { orderId, version, code: entry.code },
        (data) => data.completeDelivery,
      );
    case 'fail':
      return answerOf(
        FailDeliveryMutation,
        { orderId, version, reason: entry.reason },
        (data) => data.failDelivery,
      );
    default:
      throw new Error(`Not a step: ${entry.kind}`);
  }
}

async function answerOf<Data, Variables extends AnyVariables>(
  document: DocumentInput<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => StepAnswer,
): Promise<(SendOutcome & { result: string }) | StepAnswer> {
  const result = await graphqlClient().mutation(document, variables).toPromise();
  if (result.error || !result.data) return failure(result.error);
  const answer = pick(result.data);
  if (answer.__typename.endsWith('Success') && answer.data)
    return { result: 'done', version: answer.data.version };
  return answer;
}

function failure(error: CombinedError | undefined): SendOutcome {
  if (!error) return { result: 'offline' };
  const { code } = describeApiError(error);
  // UNAUTHENTICATED here means the refresh failed for want of a connection (a refused one signs out).
  if (code === 'NETWORK' || code === 'UNKNOWN' || code === 'UNAUTHENTICATED') return { result: 'offline' };
  return { result: 'refused', reason: code };
}

/** Current upload progress of a proof, for the screen: set by the sync while it sends a photo. */
export type ProgressListener = (entryId: string, fraction: number) => void;
let progressListener: ProgressListener = () => {};
export function onUploadProgress(listener: ProgressListener): void {
  progressListener = listener;
}

async function sendProof(entry: QueuedAction & { kind: 'proof' }): Promise<SendOutcome> {
  let imageId = entry.imageId;
  if (!imageId) {
    const uploaded = await uploadProofPhoto(entry.photo, entry.fileName, (fraction) =>
      progressListener(entry.id, fraction),
    );
    if (uploaded.result !== 'uploaded') return uploaded;
    imageId = uploaded.imageId;
    // Kept with the entry: if the attach below finds no connection, the photo is not sent again.
    await updateAction(entry, { imageId });
  }
  const result = await graphqlClient()
    .mutation(AttachDeliveryProofMutation, { orderId: entry.orderId, imageId })
    .toPromise();
  if (result.error || !result.data) return failure(result.error);
  const answer = result.data.attachDeliveryProof;
  if (answer.__typename === 'MutationAttachDeliveryProofSuccess') {
    return { result: 'done', version: answer.data.version };
  }
  return { result: 'refused', reason: answer.__typename };
}
