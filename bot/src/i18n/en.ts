/**
 * Plural variants of one message, chosen with `Intl.PluralRules` by the `count` parameter.
 * English needs `one` and `other`; Russian also `few` and `many`.
 */
export type PluralForms = { other: string } & Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, string>>;

/**
 * The English dictionary, and the shape every other locale must have.
 * `{name}` marks a parameter. Strings under `notify.*` are Telegram HTML: parameters are escaped before
 * interpolation, the tags here are not.
 */
export const en = {
  'start.welcome': 'Welcome to Posy, {name}! Open the app to see your orders and deliveries.',
  'start.openApp': 'Open Posy',
  'start.shop': 'Welcome to {shopName}, {name}! Open the catalog to choose your flowers.',
  'start.order': 'Order #{orderNumber} at {shopName}: open it to follow where it is.',
  'start.invite': '{shopName} invites you to join the team as {role}. Open Posy to accept.',
  'start.customer':
    '{shopName} offers to link your customer record to this Telegram account, so your orders show up here.',
  'start.invalidLink':
    'This link does not work: it may have expired, been used already or be meant for someone else. ' +
    'Ask whoever sent it for a new one. You can still open Posy below.',
  'start.button.shop': 'Open catalog',
  'start.button.order': 'Track order',
  'start.button.invite': 'Accept invitation',
  'start.button.customer': 'Link my record',

  'help.text':
    'Posy runs your flower shop’s orders and deliveries.\n\n' +
    '/start – open the app\n' +
    '/language – switch between English and Russian\n' +
    '/help – show this message',
  'unknown.text': 'I only understand commands. Open the app with /start, or see /help.',

  'language.choose': 'Choose your language. Current: {language}.',
  'language.changed': 'Language set to {language}.',
  'language.name.en': 'English',
  'language.name.ru': 'Русский',

  'command.start': 'Open Posy',
  'command.language': 'Change language',
  'command.help': 'What this bot can do',

  'status.NEW': 'new',
  'status.CONFIRMED': 'confirmed',
  'status.IN_PRODUCTION': 'being made',
  'status.READY': 'ready',
  'status.OUT_FOR_DELIVERY': 'out for delivery',
  'status.DELIVERED': 'delivered',
  'status.PICKED_UP': 'picked up',
  'status.CANCELLED': 'cancelled',

  'role.ADMIN': 'admin',
  'role.MANAGER': 'manager',
  'role.FLORIST': 'florist',
  'role.COURIER': 'courier',

  'unit.minutes': { one: '{count} minute', other: '{count} minutes' },

  'notify.loginCode': 'Your Posy login code: <code>{code}</code>\nIt expires in {expiresIn}. Never share it.',
  'notify.orderStatusChanged': '<b>{shopName}</b>\nOrder #{orderNumber} is now <b>{status}</b>.',
  'notify.orderAssigned.FLORIST': 'You have been assigned to make order <b>#{orderNumber}</b>.',
  'notify.orderAssigned.COURIER': 'You have been assigned to deliver order <b>#{orderNumber}</b>.',
  'notify.invite': '<b>{shopName}</b> invites you to join the team as {role}.',
  'notify.subscriptionEnding': 'The Posy subscription of <b>{shopName}</b> ends on {validUntil}.',
  'notify.batchExpiring': 'Stock expiring: <b>{stockItemName}</b>, {quantity} {unit}, use by {expiresAt}.',
  'notify.deliveryWindowAtRisk':
    '⚠️ Order <b>#{orderNumber}</b> may miss its delivery window, which ends {windowEnd}.',
  'notify.bouquetApprovalRequested':
    '<b>{shopName}</b>\nThe bouquet of order #{orderNumber} is ready: have a look and approve it before it goes out.',
  'notify.handoverCode.customer':
    '<b>{shopName}</b>\nOrder #{orderNumber} is on its way. Whoever receives it tells the courier this code: <code>{code}</code>',
  'notify.handoverCode.recipient':
    '<b>{shopName}</b>\nFlowers are on their way to you. Tell the courier this code when they arrive: <code>{code}</code>',
  'notify.handoverCode.recipientFrom':
    '<b>{shopName}</b>\nFlowers from {senderName} are on their way to you. Tell the courier this code when they arrive: <code>{code}</code>',

  'notify.importantDateComing': '<b>{shopName}</b>\n{title} is on {date}: order flowers in time.',
  'payment.thanks': 'Thank you! Your payment is received and the order is marked paid.',
  'payment.refused.NOT_FOUND': 'This invoice is no longer valid. Open the order in the app and pay again.',
  'payment.refused.CANCELLED': 'This order was cancelled, so it can no longer be paid.',
  'payment.refused.ALREADY_PAID': 'This order is already paid.',
  'payment.refused.AMOUNT_CHANGED':
    'The order total has changed. Open the order in the app and pay the new total.',
  'payment.refused.WINDOW_PASSED':
    'The delivery time of this order has passed. Contact the shop to choose a new one.',

  'invoice.title': 'Order #{orderNumber}',
  'invoice.description': 'Flowers from {shopName}, order #{orderNumber}',
  'invoice.delivery': 'Delivery',
  'invoice.discount': 'Discount',

  'button.openOrder': 'Open order',
  'button.acceptInvite': 'Accept invitation',
  'button.openSubscription': 'Manage subscription',
  'button.openStock': 'Open stock',
  'button.orderFlowers': 'Order flowers',
} as const satisfies Record<string, string | PluralForms>;

/** Every locale's dictionary has exactly the English keys, each a string or plural forms like English's. */
export type Dictionary = {
  [K in keyof typeof en]: (typeof en)[K] extends string ? string : PluralForms;
};
