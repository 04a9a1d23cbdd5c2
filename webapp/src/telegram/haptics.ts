import { telegramSdk } from './sdk';

/** A light tap (an item added, a choice made); nothing outside Telegram or on clients without haptics. */
export function tapFeedback(): void {
  telegramSdk()?.hapticFeedback.impactOccurred.ifAvailable('light');
}

/** How an action ended, felt as Telegram's success, warning or error pattern. */
export function resultFeedback(result: 'success' | 'warning' | 'error'): void {
  telegramSdk()?.hapticFeedback.notificationOccurred.ifAvailable(result);
}
