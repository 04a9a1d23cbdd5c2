import type { BouquetApprovalStatus, TaskStatus } from '@posy/prisma';
import { DomainError } from '../../domain-error.js';

/** Someone else took the task first (two florists at once: exactly one gets it). */
export class TaskAlreadyTaken extends DomainError {
  constructor(readonly floristId: string | null) {
    super('Another florist has already taken this task');
  }
}

/** The step needs the task in another status (taking a finished task, finishing one nobody took, …). */
export class InvalidTaskStatus extends DomainError {
  constructor(
    readonly status: TaskStatus,
    readonly expected: readonly TaskStatus[],
  ) {
    super(`The task is ${status}; this needs it ${expected.join(' or ')}`);
  }
}

/** A florist released or finished a task another florist holds; managers may, florists only their own. */
export class TaskNotHeld extends DomainError {
  constructor(readonly floristId: string | null) {
    super('This task is held by another florist');
  }
}

/**
 * The order waits for its customer's word on the bouquet's photo (or they rejected it): it may not go out
 * for delivery until they approve. A rejected pickup is not handed over either (a pending one may be: the
 * customer sees the bouquet at the counter).
 */
export class BouquetNotApproved extends DomainError {
  constructor(readonly approvalStatus: BouquetApprovalStatus) {
    super(
      approvalStatus === 'REJECTED'
        ? 'The customer rejected the bouquet; remake it and ask them again'
        : 'The customer has not approved the bouquet yet',
    );
  }
}

/** Approving or rejecting needs an open request: the shop has not asked, or the customer already answered. */
export class ApprovalNotPending extends DomainError {
  constructor(readonly approvalStatus: BouquetApprovalStatus | null) {
    super(
      approvalStatus === null
        ? 'The shop has not asked for your approval of this bouquet'
        : `You have already answered (${approvalStatus})`,
    );
  }
}

/** The order's customer has no account to be asked through (a walk-in or phone customer). */
export class CustomerUnreachable extends DomainError {
  constructor() {
    super('The customer has no account the shop can reach them through; ask them in person');
  }
}

/** The person named is no active florist of the shop (not a member, another role, or removed). */
export class NotAFlorist extends DomainError {
  constructor() {
    super('Only an active florist of the shop can be given a production task');
  }
}
