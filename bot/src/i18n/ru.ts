import type { Dictionary } from './en.js';

/** The Russian dictionary; typed as {@link Dictionary} so a missing or extra key fails typecheck. */
export const ru: Dictionary = {
  'start.welcome': 'Добро пожаловать в Posy, {name}! Откройте приложение, чтобы увидеть заказы и доставки.',
  'start.openApp': 'Открыть Posy',
  'start.shop': 'Добро пожаловать в {shopName}, {name}! Откройте каталог и выберите цветы.',
  'start.order': 'Заказ №{orderNumber} в {shopName}: откройте его, чтобы следить, где он.',
  'start.invite':
    '{shopName} приглашает вас в команду, роль: {role}. Откройте Posy, чтобы принять приглашение.',
  'start.customer':
    '{shopName} предлагает привязать вашу карточку покупателя к этому аккаунту Telegram, чтобы ваши заказы были здесь.',
  'start.invalidLink':
    'Эта ссылка не работает: возможно, она устарела, уже использована или предназначена другому человеку. ' +
    'Попросите отправителя прислать новую. Открыть Posy можно кнопкой ниже.',
  'start.button.shop': 'Открыть каталог',
  'start.button.order': 'Следить за заказом',
  'start.button.invite': 'Принять приглашение',
  'start.button.customer': 'Привязать карточку',

  'help.text':
    'Posy ведёт заказы и доставки вашего цветочного магазина.\n\n' +
    '/start – открыть приложение\n' +
    '/language – переключить язык (русский или английский)\n' +
    '/help – показать это сообщение',
  'unknown.text': 'Я понимаю только команды. Откройте приложение через /start или посмотрите /help.',

  'language.choose': 'Выберите язык. Сейчас: {language}.',
  'language.changed': 'Язык изменён: {language}.',
  'language.name.en': 'English',
  'language.name.ru': 'Русский',

  'command.start': 'Открыть Posy',
  'command.language': 'Сменить язык',
  'command.help': 'Что умеет бот',

  'status.NEW': 'новый',
  'status.CONFIRMED': 'подтверждён',
  'status.IN_PRODUCTION': 'собирается',
  'status.READY': 'готов',
  'status.OUT_FOR_DELIVERY': 'в пути',
  'status.DELIVERED': 'доставлен',
  'status.PICKED_UP': 'получен',
  'status.CANCELLED': 'отменён',

  'role.ADMIN': 'администратор',
  'role.MANAGER': 'менеджер',
  'role.FLORIST': 'флорист',
  'role.COURIER': 'курьер',

  'unit.minutes': {
    one: '{count} минуту',
    few: '{count} минуты',
    many: '{count} минут',
    other: '{count} минуты',
  },

  'notify.loginCode':
    'Ваш код входа в Posy: <code>{code}</code>\nОн истекает через {expiresIn}. Никому его не сообщайте.',
  'notify.orderStatusChanged': '<b>{shopName}</b>\nСтатус заказа №{orderNumber}: <b>{status}</b>.',
  'notify.orderAssigned.FLORIST': 'Вам поручено собрать заказ <b>№{orderNumber}</b>.',
  'notify.orderAssigned.COURIER': 'Вам поручено доставить заказ <b>№{orderNumber}</b>.',
  'notify.invite': '<b>{shopName}</b> приглашает вас в команду. Роль: {role}.',
  // The date goes first: Russian dates end in "г.", which a closing full stop would double.
  'notify.subscriptionEnding': '{validUntil} заканчивается подписка Posy магазина <b>{shopName}</b>.',
  'notify.batchExpiring':
    'Истекает срок: <b>{stockItemName}</b>, {quantity} {unit}, использовать до {expiresAt}.',
  'notify.deliveryWindowAtRisk':
    '⚠️ Заказ <b>№{orderNumber}</b> может не успеть к окну доставки, оно заканчивается {windowEnd}.',
  'notify.bouquetApprovalRequested':
    '<b>{shopName}</b>\nБукет для заказа №{orderNumber} готов: посмотрите и подтвердите его до отправки.',
  'notify.handoverCode.customer':
    '<b>{shopName}</b>\nЗаказ №{orderNumber} в пути. Получатель называет курьеру этот код: <code>{code}</code>',
  'notify.handoverCode.recipient':
    '<b>{shopName}</b>\nВам везут цветы. Назовите курьеру этот код, когда он приедет: <code>{code}</code>',
  'notify.handoverCode.recipientFrom':
    '<b>{shopName}</b>\nВам везут цветы от {senderName}. Назовите курьеру этот код, когда он приедет: <code>{code}</code>',

  'notify.importantDateComing': '<b>{shopName}</b>\n{date} — {title}: закажите цветы заранее.',
  'payment.thanks': 'Спасибо! Оплата получена, заказ отмечен оплаченным.',
  'payment.refused.NOT_FOUND': 'Этот счёт больше не действует. Откройте заказ в приложении и оплатите снова.',
  'payment.refused.CANCELLED': 'Заказ отменён, его уже нельзя оплатить.',
  'payment.refused.ALREADY_PAID': 'Этот заказ уже оплачен.',
  'payment.refused.AMOUNT_CHANGED':
    'Сумма заказа изменилась. Откройте заказ в приложении и оплатите новую сумму.',
  'payment.refused.WINDOW_PASSED':
    'Время доставки этого заказа прошло. Свяжитесь с магазином, чтобы выбрать новое.',

  'invoice.title': 'Заказ №{orderNumber}',
  'invoice.description': 'Цветы от {shopName}, заказ №{orderNumber}',
  'invoice.delivery': 'Доставка',
  'invoice.discount': 'Скидка',

  'button.openOrder': 'Открыть заказ',
  'button.acceptInvite': 'Принять приглашение',
  'button.openSubscription': 'Управлять подпиской',
  'button.orderFlowers': 'Заказать цветы',
  'button.openStock': 'Открыть склад',
};
