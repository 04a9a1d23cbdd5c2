import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { miniAppUrl, startPayload } from '../bot/deep-link.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import type { Locale } from '../i18n/locale.js';
import { type MessageKey, type MessageParams, t } from '../i18n/translate.js';
import { escapeHtml } from './html.js';
import type { NotificationKind, NotificationPayloads } from './kinds.js';

/** A notification ready for `sendMessage`. */
export interface RenderedNotification {
  text: string;
  parseMode: 'HTML';
  /** A button opening the Mini App where the notification leads; absent when there is nowhere to go. */
  replyMarkup?: InlineKeyboardMarkup;
  /**
   * A picture to send with `text` as its caption (`sendPhoto`), e.g. the bouquet a customer is asked to
   * approve. Templates never set it: the sender attaches what it loaded (`withPhoto`).
   */
  photo?: NotificationPhoto;
}

/** The bytes of a notification's picture and the file name Telegram is given for them. */
export interface NotificationPhoto {
  bytes: Uint8Array;
  filename: string;
}

/** The rendered notification sent as a photo with its text as the caption. */
export function withPhoto(rendered: RenderedNotification, photo: NotificationPhoto): RenderedNotification {
  return { ...rendered, photo };
}

export interface RenderNotificationOptions<K extends NotificationKind> {
  kind: K;
  payload: NotificationPayloads[K];
  locale: Locale;
  /** The Mini App's URL without a trailing slash (`BotConfig.webAppUrl`). */
  webAppUrl: string;
  /**
   * IANA time zone dates are shown in; pass the shop's zone.
   * @default 'UTC'
   */
  timeZone?: string;
}

interface TemplateContext {
  locale: Locale;
  timeZone: string;
  /** Translates with every parameter HTML-escaped; the dictionary's own tags are kept. */
  html<M extends MessageKey>(key: M, params: MessageParams<M>): string;
  /** A web_app button opening the Mini App at `path` (segments are URL-encoded by the caller). */
  openApp(labelKey: ButtonKey, path: string): InlineKeyboardMarkup;
  /** A button opening `link`: as a web app when it is inside the Mini App, else as an ordinary link. */
  openLink(labelKey: ButtonKey, link: string): InlineKeyboardMarkup;
  /** A web_app button opening the Mini App at a shop's catalog (its shop link, `?startapp=shop-<slug>`). */
  openShop(labelKey: ButtonKey, shopSlug: string): InlineKeyboardMarkup;
}

type ButtonKey = Extract<MessageKey, `button.${string}`>;

type Template<K extends NotificationKind> = (
  payload: NotificationPayloads[K],
  context: TemplateContext,
) => { text: string; replyMarkup?: InlineKeyboardMarkup };

const templates: { [K in NotificationKind]: Template<K> } = {
  LOGIN_CODE: ({ code, expiresInMinutes }, { html, locale }) => ({
    text: html('notify.loginCode', {
      code,
      expiresIn: t(locale, 'unit.minutes', { count: expiresInMinutes }),
    }),
  }),
  ORDER_STATUS_CHANGED: ({ orderId, orderNumber, status, shopName }, { html, locale, openApp }) => ({
    text: html('notify.orderStatusChanged', { shopName, orderNumber, status: t(locale, `status.${status}`) }),
    replyMarkup: openApp('button.openOrder', `/orders/${encodeURIComponent(orderId)}`),
  }),
  ORDER_ASSIGNED: ({ orderId, orderNumber, role }, { html, openApp }) => ({
    text: html(`notify.orderAssigned.${role}`, { orderNumber }),
    replyMarkup: openApp('button.openOrder', `/orders/${encodeURIComponent(orderId)}`),
  }),
  INVITE: ({ shopName, role, link }, { html, locale, openLink }) => ({
    text: html('notify.invite', { shopName, role: t(locale, `role.${role}`) }),
    replyMarkup: openLink('button.acceptInvite', link),
  }),
  SUBSCRIPTION_ENDING: ({ subscriptionId, validUntil, shopName }, { html, locale, timeZone, openApp }) => ({
    text: html('notify.subscriptionEnding', {
      shopName,
      validUntil: formatDate(locale, validUntil, { timeZone, style: 'date', field: 'validUntil' }),
    }),
    replyMarkup: openApp('button.openSubscription', `/subscriptions/${encodeURIComponent(subscriptionId)}`),
  }),
  BATCH_EXPIRING: ({ stockItemName, quantity, unit, expiresAt }, { html, locale, timeZone, openApp }) => ({
    text: html('notify.batchExpiring', {
      stockItemName,
      quantity: formatNumber(locale, quantity),
      unit,
      expiresAt: formatDate(locale, expiresAt, { timeZone, style: 'dateTime', field: 'expiresAt' }),
    }),
    replyMarkup: openApp('button.openStock', '/stock'),
  }),
  DELIVERY_WINDOW_AT_RISK: ({ orderId, orderNumber, windowEnd }, { html, locale, timeZone, openApp }) => ({
    text: html('notify.deliveryWindowAtRisk', {
      orderNumber,
      windowEnd: formatDate(locale, windowEnd, { timeZone, style: 'dateTime', field: 'windowEnd' }),
    }),
    replyMarkup: openApp('button.openOrder', `/orders/${encodeURIComponent(orderId)}`),
  }),
  BOUQUET_APPROVAL_REQUESTED: ({ orderId, orderNumber, shopName }, { html, openApp }) => ({
    text: html('notify.bouquetApprovalRequested', { shopName, orderNumber }),
    replyMarkup: openApp('button.openOrder', `/orders/${encodeURIComponent(orderId)}`),
  }),
  // The recipient has no way into the order (it is not theirs): no button, and no sender when anonymous.
  HANDOVER_CODE: ({ orderId, orderNumber, shopName, code, audience, senderName }, { html, openApp }) =>
    audience === 'CUSTOMER'
      ? {
          text: html('notify.handoverCode.customer', { shopName, orderNumber, code }),
          replyMarkup: openApp('button.openOrder', `/orders/${encodeURIComponent(orderId)}`),
        }
      : {
          text: senderName
            ? html('notify.handoverCode.recipientFrom', { shopName, senderName, code })
            : html('notify.handoverCode.recipient', { shopName, code }),
        },
  // `date` is a calendar day, so it is shown as that day in UTC: the shop's zone must not move it.
  IMPORTANT_DATE_COMING: ({ title, date, shopName, shopSlug }, { html, locale, openShop }) => ({
    text: html('notify.importantDateComing', {
      shopName,
      title,
      date: formatDate(locale, calendarDay(date), { timeZone: 'UTC', style: 'date', field: 'date' }),
    }),
    replyMarkup: openShop('button.orderFlowers', shopSlug),
  }),
};

/** `YYYY-MM-DD` as midnight UTC; anything else is left for formatDate to refuse. */
function calendarDay(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date;
}

/** Every kind there is a template for, i.e. every {@link NotificationKind}. */
export const notificationKinds = Object.keys(templates) as NotificationKind[];

/**
 * Renders a notification in `locale` as Telegram HTML. Every payload value is escaped.
 * Throws on a malformed payload (a missing field, a date that is not ISO 8601) rather than send it half-filled.
 */
export function renderNotification<K extends NotificationKind>(
  options: RenderNotificationOptions<K>,
): RenderedNotification {
  const { kind, payload, locale, webAppUrl, timeZone = 'UTC' } = options;
  const template: Template<K> = templates[kind];
  if (!template) throw new TypeError(`Unknown notification kind "${kind}"`);
  const context: TemplateContext = {
    locale,
    timeZone,
    html: (key, params) => t(locale, key, ...([escapeParams(params)] as never)),
    openApp: (labelKey, path) => oneButton(InlineKeyboard.webApp(t(locale, labelKey), `${webAppUrl}${path}`)),
    openLink: (labelKey, link) => {
      if (link === webAppUrl || link.startsWith(`${webAppUrl}/`) || link.startsWith(`${webAppUrl}?`)) {
        return oneButton(InlineKeyboard.webApp(t(locale, labelKey), link));
      }
      if (!/^(https?|tg):\/\//.test(link))
        throw new RangeError(`link is not an http(s) or tg URL: "${link}"`);
      return oneButton(InlineKeyboard.url(t(locale, labelKey), link));
    },
    openShop: (labelKey, shopSlug) =>
      oneButton(
        InlineKeyboard.webApp(
          t(locale, labelKey),
          miniAppUrl(webAppUrl, startPayload({ kind: 'shop', shopSlug })),
        ),
      ),
  };
  const { text, replyMarkup } = template(payload, context);
  return replyMarkup ? { text, parseMode: 'HTML', replyMarkup } : { text, parseMode: 'HTML' };
}

/** A plain keyboard object (not grammY's builder), so the result is plain data that can be stored or compared. */
function oneButton(button: InlineKeyboardButton): InlineKeyboardMarkup {
  return { inline_keyboard: [[button]] };
}

/** Escapes every value; a missing one stays missing so `t` names it. */
function escapeParams(params: object): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, value == null ? undefined : escapeHtml(value)]),
  );
}
