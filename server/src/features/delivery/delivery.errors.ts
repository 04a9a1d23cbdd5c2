import type { DeliveryStatus, OrderStatus } from '@posy/prisma';
import { DomainError, DomainErrorKeepingWrites } from '../../domain-error.js';

/** The order is a pickup: it has no delivery to assign, take or move. */
export class NotADelivery extends DomainError {
  constructor() {
    super('This order is collected at the shop; it has no delivery');
  }
}

/** A courier is given only before the bouquet leaves, and never to a delivered or cancelled order. */
export class DeliveryNotAssignable extends DomainError {
  constructor(readonly status: OrderStatus) {
    super(`An order in ${status} cannot be given a courier now`);
  }
}

/** The person named is no active courier of the shop (not a member, another role, or removed). */
export class NotACourier extends DomainError {
  constructor() {
    super('Only an active courier of the shop can deliver');
  }
}

/** Another courier took the delivery first (two couriers at once: exactly one gets it). */
export class DeliveryTaken extends DomainError {
  constructor() {
    super('Another courier has already taken this delivery');
  }
}

/** The shop's managers assign couriers (`courierAssignment` is MANAGER_ASSIGNS): there is no pool to take from. */
export class DeliveryPoolClosed extends DomainError {
  constructor() {
    super('This shop’s managers assign couriers; ask them for the delivery');
  }
}

/** The delivery belongs to another courier (or to none): a courier acts only on their own. */
export class NotYourDelivery extends DomainError {
  constructor() {
    super('This delivery is not yours');
  }
}

/** The step needs the delivery in another status (picking up one already out, completing one not out, …). */
export class InvalidDeliveryStatus extends DomainError {
  constructor(
    readonly status: DeliveryStatus | null,
    readonly expected: readonly DeliveryStatus[],
  ) {
    super(`The delivery is ${status ?? 'not assigned'}; this needs it ${expected.join(' or ')}`);
  }
}

/**
 * The code entered is not the one the recipient got. Its count commits though the answer is a refusal
 * (DomainErrorKeepingWrites), or guesses would be free.
 */
export class WrongHandoverCode extends DomainErrorKeepingWrites {
  constructor(readonly attemptsLeft: number) {
    super(`That is not the handover code; ${attemptsLeft} attempts left`);
  }
}

/**
 * Too many wrong codes: the code no longer completes the delivery. The courier attaches a photo of the
 * handover (attachDeliveryProof) and a manager approves it (approveDeliveryWithoutCode). Keeps its writes:
 * the wrong code that locked it is counted and the lock stays.
 */
export class HandoverCodeLocked extends DomainErrorKeepingWrites {
  constructor() {
    super('The handover code is locked after too many wrong attempts; attach a photo and ask a manager');
  }
}

/** A manager approves a delivery without its code only once the code locked and the courier attached a photo. */
export class ApprovalWithoutCodeRefused extends DomainError {
  constructor(readonly reason: 'CODE_NOT_LOCKED' | 'NO_PROOF') {
    super(
      reason === 'CODE_NOT_LOCKED'
        ? 'The handover code still works: the courier completes with it'
        : 'The courier has not attached a photo of the handover yet',
    );
  }
}
