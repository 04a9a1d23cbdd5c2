import type { OrderStatus } from '@posy/prisma';
import { DomainError } from '../../domain-error.js';

/** The courier has not agreed to share their position in this shop (or withdrew it): giveLocationConsent. */
export class LocationConsentRequired extends DomainError {
  constructor() {
    super('Agree to share your position (giveLocationConsent) before reporting it');
  }
}

/** Positions are shared only while the order is OUT_FOR_DELIVERY: not before pickup, not after delivery. */
export class DeliveryNotOnTheWay extends DomainError {
  constructor(readonly status: OrderStatus) {
    super(`The order is ${status}; positions are shared only while it is OUT_FOR_DELIVERY`);
  }
}

/** The order's sharing window (its delivery window and grace) has passed: sharing stopped by itself. */
export class LocationSharingEnded extends DomainError {
  constructor(readonly endedAt: Date) {
    super(`Sharing the position of this delivery ended at ${endedAt.toISOString()}`);
  }
}
