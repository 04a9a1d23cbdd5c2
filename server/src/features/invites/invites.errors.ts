import type { Role } from '@posy/prisma';
import { DomainError } from '../../domain-error.js';

/** Someone already accepted this invite: an invite makes one membership. */
export class InviteUsed extends DomainError {
  constructor(readonly usedAt: Date) {
    super('This invite was already used');
  }
}

/** The invite's time ran out before anyone accepted it; the shop can send a new one. */
export class InviteExpired extends DomainError {
  constructor(readonly expiresAt: Date) {
    super('This invite has expired; ask for a new one');
  }
}

/** The person accepting already works in the invite's shop, with `role`; an invite would not change it. */
export class AlreadyStaff extends DomainError {
  constructor(readonly role: Role) {
    super('You are already on the staff of this shop');
  }
}
