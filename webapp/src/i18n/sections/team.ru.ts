import type { SectionDictionary } from '../messages';
import type { teamEn } from './team.en';

/** The team page’s strings (also the API keys page’s “created by”). Russian. */
export const teamRu: SectionDictionary<typeof teamEn> = {
  'team.title': 'Команда',
  'team.staff': 'Сотрудники',
  'team.you': 'вы',
  'team.since': 'с {date}',
  'team.manage': 'Изменить',
  'team.role': 'Роль',
  'team.saveRole': 'Сохранить роль',
  'team.confirmRole': '{name}: сменить роль на «{role}»?',
  'team.remove': 'Убрать из команды',
  'team.confirmRemove': '{name}: убрать из команды? Доступ пропадёт сразу.',
  'team.error.lastAdmin':
    'В магазине должен остаться хотя бы один администратор: сначала назначьте администратором кого-то другого.',
  'team.invite': 'Пригласить',
  'team.invite.title': 'Приглашение в команду',
  'team.invite.role': 'Роль нового сотрудника',
  'team.invite.create': 'Создать ссылку',
  'team.invite.created':
    'Отправьте одну из ссылок (роль: {role}). Она сработает один раз и действует до {date}. Больше её не покажем.',
  'team.invite.telegram': 'Ссылка для Telegram',
  'team.invite.web': 'Ссылка для веб-приложения',
  'team.invite.share': 'Отправить в Telegram',
  'team.invite.shareText': 'Присоединяйтесь к «{shop}» в Posy (роль: {role})',
  'team.invite.another': 'Пригласить ещё кого-то',
  'team.invites': 'Открытые приглашения',
  'team.invites.empty': 'Открытых приглашений нет.',
  'team.invites.expires': 'до {date}',
  'team.invites.by': 'создал(а) {name}',
  'team.invites.revoke': 'Отозвать',
  'team.invites.confirmRevoke': 'Отозвать приглашение? Его ссылки перестанут работать.',
};
