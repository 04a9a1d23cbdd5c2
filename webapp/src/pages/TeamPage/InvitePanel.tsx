import { createMutation } from '@urql/solid';
import type { ResultOf } from 'gql.tada';
import { createSignal, For, Show } from 'solid-js';
import { invitableRoles, type Role } from '../../auth/access';
import { activeShopAccess } from '../../auth/session';
import { CopyField } from '../../components/CopyField/CopyField';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { dateTime, t } from '../../i18n/i18n';
import { useLaunch } from '../../telegram/launch';
import { telegramSdk } from '../../telegram/sdk';
import { telegramShareUrl } from './team';
import { CreateInviteMutation } from './team.documents';

type CreatedInvite = ResultOf<typeof CreateInviteMutation>['createInvite'];

export interface InvitePanelProps {
  /** The invite exists: the open invites list should show it. */
  onCreated: () => void;
  onClose: () => void;
}

/**
 * Invite someone: pick the role (managers are not offered admin), create the invite, then share one
 * of its two links: the Telegram one opens the Mini App, the web one the PWA. The links hold the
 * invite's secret and exist only in createInvite's answer, so they are shown once, here.
 */
export function InvitePanel(props: InvitePanelProps) {
  const offered = () => invitableRoles(activeShopAccess()?.role);
  // The fewest rights by default: choosing more is a deliberate act.
  const [role, setRole] = createSignal<Role | undefined>(offered().at(-1));
  const [state, createInvite] = createMutation(CreateInviteMutation);
  const [created, setCreated] = createSignal<CreatedInvite>();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const chosen = role();
    if (!chosen) return;
    const result = await createInvite({ role: chosen });
    if (result.data) {
      setCreated(result.data.createInvite);
      props.onCreated();
    }
  }

  return (
    <section class="card invite-panel" aria-label={t('team.invite.title')}>
      <div class="invite-panel__top">
        <h2 class="invite-panel__title">{t('team.invite.title')}</h2>
        <button type="button" class="button button--small button--plain" onClick={() => props.onClose()}>
          {t('app.close')}
        </button>
      </div>
      <Show
        when={created()}
        fallback={
          <form class="form" onSubmit={submit}>
            <fieldset class="choice">
              <legend class="field__label">{t('team.invite.role')}</legend>
              <For each={offered()}>
                {(value) => (
                  <label class="choice__option">
                    <input
                      type="radio"
                      name="invite-role"
                      value={value}
                      checked={role() === value}
                      onChange={() => setRole(value)}
                    />
                    <span>{t(`role.${value}`)}</span>
                  </label>
                )}
              </For>
            </fieldset>
            <ErrorMessage error={state.error} />
            <button type="submit" class="button button--primary" disabled={state.fetching || !role()}>
              {t('team.invite.create')}
            </button>
          </form>
        }
      >
        {(invite) => <InviteLinks invite={invite()} onAnother={() => setCreated(undefined)} />}
      </Show>
    </section>
  );
}

function InviteLinks(props: { invite: CreatedInvite; onAnother: () => void }) {
  const launch = useLaunch();
  const shopName = () => activeShopAccess()?.shop.name ?? '';
  const shareText = () =>
    t('team.invite.shareText', { shop: shopName(), role: t(`role.${props.invite.invite.role}`) });
  const expires = () =>
    dateTime(props.invite.invite.expiresAt, { timeZone: activeShopAccess()?.shop.timezone });
  // Inside Telegram the SDK opens Telegram's own chat picker (and closes the Mini App, as share links do).
  const shareURL = () => (launch.kind === 'telegram' ? telegramSdk()?.shareURL : undefined);
  const sharesInTelegram = () => shareURL()?.isAvailable() ?? false;

  return (
    <div class="form">
      <p class="hint">
        {t('team.invite.created', { role: t(`role.${props.invite.invite.role}`), date: expires() })}
      </p>
      <CopyField label={t('team.invite.telegram')} value={props.invite.telegramUrl} />
      <CopyField label={t('team.invite.web')} value={props.invite.webUrl} />
      <Show
        when={sharesInTelegram()}
        fallback={
          <a
            class="button button--primary"
            href={telegramShareUrl(props.invite.telegramUrl, shareText())}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t('team.invite.share')}
          </a>
        }
      >
        <button
          type="button"
          class="button button--primary"
          onClick={() => shareURL()?.(props.invite.telegramUrl, shareText())}
        >
          {t('team.invite.share')}
        </button>
      </Show>
      <button type="button" class="button button--plain" onClick={() => props.onAnother()}>
        {t('team.invite.another')}
      </button>
    </div>
  );
}
