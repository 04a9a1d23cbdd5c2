import type { StaffRole } from '../notify/kinds.js';
import type { StartLink } from './deep-link.js';

/** What a deep link names, as far as the person who opened it may know. */
export type StartLinkSummary =
  | { kind: 'shop'; shopName: string }
  | { kind: 'order'; shopName: string; orderNumber: number }
  | { kind: 'invite'; shopName: string; role: StaffRole }
  | { kind: 'customer'; shopName: string };

/**
 * Where the bot learns what a deep link means. The server backs it with the database (the bot package knows
 * none), the same way it backs the {@link LocaleStore}. Looking a link up changes nothing: the Mini App is
 * where an invite is accepted or a record linked, after sign-in.
 */
export interface StartLinkLookup {
  /**
   * What `link` names for the Telegram user `telegramUserId`, or `undefined` when it names nothing they may
   * use: no such shop or order, an order of someone else, an invite used, revoked or expired.
   */
  describe(link: StartLink, telegramUserId: number): Promise<StartLinkSummary | undefined>;
}
