import type { SectionDictionary } from '../messages';
import type { inviteEn } from './invite.en';

/** The invite page’s strings. Russian. */
export const inviteRu: SectionDictionary<typeof inviteEn> = {
  'invite.join': 'Присоединиться к «{shop}» в роли {role}',
  'invite.role.ADMIN': 'администратора',
  'invite.role.MANAGER': 'менеджера',
  'invite.role.FLORIST': 'флориста',
  'invite.role.COURIER': 'курьера',
  'invite.expires': 'Приглашение действует до {date}.',
  'invite.to': 'Приглашение в «{shop}»',
  'invite.unknownTitle': 'Ссылка-приглашение',
  'invite.signInHint': 'Войдите, чтобы принять приглашение.',
  'invite.signIn': 'Войти и присоединиться',
  'invite.signedInAs': 'Вы присоединитесь как {name}.',
  'invite.accept': 'Присоединиться',
  'invite.notYou': 'Это не вы? Выйти',
  'invite.toShops': 'К моим магазинам',
  'invite.error.unknown': 'Такого приглашения нет или его отозвали. Попросите новую ссылку.',
  'invite.error.used': 'Это приглашение уже использовано. Попросите новую ссылку.',
  'invite.error.expired': 'Срок приглашения истёк. Попросите новую ссылку.',
  'invite.error.revoked': 'Приглашение отозвано. Попросите новую ссылку.',
  'invite.error.alreadyMember': 'Вы уже в команде этого магазина.',
};
