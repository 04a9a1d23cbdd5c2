import { DomainError } from '../../domain-error.js';

/** The change would leave the shop with no admin, so nobody could manage it any more. */
export class LastAdmin extends DomainError {
  constructor(readonly membershipId: string) {
    super('The shop would have no admin left; make someone else admin first');
  }
}
