import type { DocumentInput } from '@urql/core';
import { createSubscription } from '@urql/solid';
import { createEffect, on, onCleanup } from 'solid-js';
import { canOpen, type Section } from '../auth/access';
import { activeShopAccess } from '../auth/session';
import { subscriptionsReconnected } from './subscription-socket';

/** How long a live screen waits after a change for the next one before it reads its data again. */
export const liveRefreshDelayMs = 300;

/**
 * Runs `refresh` once after a burst of `schedule()` calls has been quiet for `delayMs`: a shop's busy
 * minute (or a reconnect) re-reads a screen once, not once per event.
 */
export function refreshScheduler(refresh: () => void, delayMs = liveRefreshDelayMs) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        refresh();
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** One subscription a screen follows; its events only say "read again", the screen's queries say what. */
export interface LiveFeed {
  query: DocumentInput<unknown, Record<string, never>>;
  /** Not subscribed while true: for viewers the server refuses the subscription to. */
  pause?: () => boolean;
  /** Whether an event concerns what the screen shows; every event does when absent. */
  concerns?: (data: unknown) => boolean;
}

/**
 * A feed of `query`. `pause` names the viewers it is not for (see `outsideSection`); `concerns`, given the
 * event, says whether the screen shows what changed (a product's page and another product's change).
 */
export function liveFeed<Data>(
  query: DocumentInput<Data, Record<string, never>>,
  options: { pause?: () => boolean; concerns?: (data: Data) => boolean } = {},
): LiveFeed {
  return {
    query: query as DocumentInput<unknown, Record<string, never>>,
    pause: options.pause,
    concerns: options.concerns as ((data: unknown) => boolean) | undefined,
  };
}

/**
 * True while the viewer may not open `section` (auth/access.ts): a feed paused with it follows only for
 * those the section is for, who are those the server lets subscribe.
 */
export const outsideSection = (section: Section) => () => !canOpen(section, activeShopAccess()?.role);

/**
 * Whether a changed row is the one a screen shows: `null` (the row deleted, or out of the viewer's view)
 * could be it, so it is read again then too.
 */
export const isRowOrGone = (row: { id: string } | null | undefined, id: string) => !row || row.id === id;

/**
 * Keeps a screen live: each feed's events (those that concern it) re-read the screen through `reread`,
 * once per burst, and so does the subscription socket coming back, since events published while it was
 * down are not replayed. Following a feed holds the socket open, so the "not live" banner (LinkStatus)
 * shows while it is lost. Call it in the page's component, which owns the subscriptions.
 */
export function followLive(feeds: readonly LiveFeed[], reread: () => void, delayMs = liveRefreshDelayMs) {
  const scheduler = refreshScheduler(reread, delayMs);
  onCleanup(scheduler.cancel);
  for (const feed of feeds)
    createSubscription({ query: feed.query, pause: feed.pause }, (_previous, data) => {
      if (!feed.concerns || feed.concerns(data)) scheduler.schedule();
      return data;
    });
  createEffect(on(subscriptionsReconnected, () => scheduler.schedule(), { defer: true }));
}
