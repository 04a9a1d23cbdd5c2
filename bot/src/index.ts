export { setCommands } from './bot/commands.js';
export type { BotContext, LocaleFlavor } from './bot/context.js';
export { type BotDependencies, createBot } from './bot/createBot.js';
export {
  isStartPayload,
  miniAppLink,
  miniAppUrl,
  parseStartPayload,
  type StartLink,
  type StartLinkKind,
  startLink,
  startPayload,
} from './bot/deep-link.js';
export { type LocaleStore, MemoryLocaleStore } from './bot/locale-store.js';
export { type BotLogger, createBotLogger } from './bot/logger.js';
export { setMenuButton } from './bot/menu-button.js';
export type { PaymentDesk, PaymentRefusal, ReportedPayment } from './bot/payment-desk.js';
export type { StartLinkLookup, StartLinkSummary } from './bot/start-links.js';
export {
  type BotConfig,
  BotConfigError,
  type BotRunConfig,
  botConfigVariables,
  parseBotConfig,
  parseBotRunConfig,
} from './config.js';
export { BOT_HEARTBEAT_KEY, type BotHeartbeat, readBotHeartbeat, startHeartbeat } from './heartbeat.js';
export {
  isLocale,
  type Locale,
  locales,
  resolveLocale,
  russianReaderLanguageCodes,
  supportedLocale,
} from './i18n/locale.js';
export { t } from './i18n/translate.js';
export { createBotApi } from './notify/api.js';
export {
  type Notification,
  type NotificationKind,
  type NotificationPayloads,
  type OrderStatus,
  orderStatuses,
  type StaffRole,
  staffRoles,
} from './notify/kinds.js';
export { refundStarPayment, type StarRefundOutcome } from './notify/refund-star-payment.js';
export {
  type PermanentFailureReason,
  type SendNotificationResult,
  sendNotification,
  sendNotificationPhoto,
} from './notify/send.js';
export {
  type NotificationPhoto,
  notificationKinds,
  type RenderedNotification,
  type RenderNotificationOptions,
  renderNotification,
  withPhoto,
} from './notify/templates.js';
export { type RunningBot, runBot, startBot } from './run-bot.js';
