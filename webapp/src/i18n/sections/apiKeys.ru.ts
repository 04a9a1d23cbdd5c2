import type { SectionDictionary } from '../messages';
import type { apiKeysEn } from './apiKeys.en';

/** The API keys page’s strings. Russian. */
export const apiKeysRu: SectionDictionary<typeof apiKeysEn> = {
  'apiKeys.title': 'API-ключи',
  'apiKeys.hint':
    'Ключи дают другим программам (сайту, учётной системе) работать с магазином через API. Давайте каждому только нужный доступ.',
  'apiKeys.create': 'Новый ключ',
  'apiKeys.name': 'Название',
  'apiKeys.namePlaceholder': 'например, Сайт',
  'apiKeys.scopes': 'Доступ',
  'apiKeys.resource.orders': 'Заказы',
  'apiKeys.resource.catalog': 'Каталог',
  'apiKeys.resource.customers': 'Клиенты',
  'apiKeys.resource.stock': 'Склад',
  'apiKeys.resource.subscriptions': 'Подписки',
  'apiKeys.resource.reports': 'Отчёты',
  'apiKeys.access.read': 'Чтение',
  'apiKeys.access.write': 'Запись',
  'apiKeys.expiresOn': 'Последний день (необязательно)',
  'apiKeys.expiresOn.hint':
    'Ключ перестанет работать в конце этого дня по времени магазина. Пусто — пока не отзовут.',
  'apiKeys.submit': 'Создать ключ',
  'apiKeys.error.scopes': 'Выберите хотя бы один вид доступа.',
  'apiKeys.created.title': 'Ключ «{name}» создан',
  'apiKeys.created.warning':
    'Скопируйте ключ сейчас и сохраните в надёжном месте: он показывается только один раз. Если потеряете — отзовите его и создайте новый.',
  'apiKeys.created.key': 'API-ключ',
  'apiKeys.created.done': 'Я скопировал(а) ключ',
  'apiKeys.empty': 'API-ключей пока нет.',
  'apiKeys.status.active': 'действует',
  'apiKeys.status.expired': 'истёк',
  'apiKeys.status.revoked': 'отозван',
  'apiKeys.lastUsed': 'использован {date}',
  'apiKeys.neverUsed': 'ещё не использовался',
  'apiKeys.expires': 'действует до {date}',
  'apiKeys.revokedAt': 'отозван {date}',
  'apiKeys.createdAt': 'создан {date}',
  'apiKeys.revoke': 'Отозвать',
  'apiKeys.confirmRevoke': 'Отозвать «{name}»? Программы с этим ключом сразу перестанут работать.',
};
