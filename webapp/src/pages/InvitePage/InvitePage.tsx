import { A, useNavigate, useParams } from '@solidjs/router';
import { createMutation } from '@urql/solid';
import { Show } from 'solid-js';
import { LogoutMutation } from '../../auth/auth.documents';
import { endSession, joinShop, session } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { graphqlClient } from '../../graphql/client';
import { describeApiError } from '../../graphql/errors';
import { t } from '../../i18n/i18n';
import { href, inviteTokenFromParams } from '../../route-paths';
import { useLaunch } from '../../telegram/launch';
import { AcceptInviteMutation } from './invite.documents';
import { inviteFailureMessage } from './invite-failure';

/**
 * An invite link: `/invite/<token>` on the web, or the Mini App opened with `invite-<token>` (index.tsx
 * sends that here). The route needs a session, so whoever is not signed in signs in first (inside
 * Telegram that happens by itself) and comes back. Accepting joins the shop with the invited role and
 * switches the app to it; a used, expired or unknown invite is explained instead.
 */
export default function InvitePage() {
  const params = useParams<{ token: string }>();
  const navigate = useNavigate();
  const launch = useLaunch();
  const [state, acceptInvite] = createMutation(AcceptInviteMutation);
  const [logoutState, logout] = createMutation(LogoutMutation);
  const token = () => inviteTokenFromParams(params);
  // Once the server has said why the invite cannot be used, trying again would get the same answer.
  const closed = () =>
    state.error !== undefined && inviteFailureMessage(describeApiError(state.error)) !== undefined;

  async function accept() {
    const result = await acceptInvite({ token: token() });
    const membership = result.data?.acceptInvite;
    if (!membership) return;
    // A new shop re-creates the app (App.tsx) at the address bar's path: put the destination there first.
    const clientBefore = graphqlClient();
    window.history.replaceState(null, '', href.orders());
    joinShop({ role: membership.role, shop: membership.shop });
    // Joining the shop one already works in (as its customer) keeps the app: move on in it.
    if (graphqlClient() === clientBefore) navigate(href.orders(), { replace: true });
  }

  async function signOut() {
    await logout({});
    window.history.replaceState(null, '', href.login(href.invite(token())));
    endSession();
  }

  return (
    <main class="page page--center invite">
      <div class="invite__icon" aria-hidden="true">
        ✿
      </div>
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.lead')}</p>
      <p class="hint">{t('invite.signedInAs', { name: session()?.user.name ?? '' })}</p>
      <ErrorMessage error={state.error} explain={inviteFailureMessage} />
      <Show
        when={!closed()}
        fallback={
          <A class="button button--primary" href={href.shops()}>
            {t('invite.toShops')}
          </A>
        }
      >
        <button
          type="button"
          class="button button--primary"
          disabled={state.fetching}
          onClick={() => void accept()}
        >
          {t('invite.accept')}
        </button>
      </Show>
      {/* Inside Telegram the app signs in as the Telegram account again at once: no one else to be. */}
      <Show when={launch.kind === 'browser'}>
        <button
          type="button"
          class="button button--plain"
          disabled={logoutState.fetching}
          onClick={() => void signOut()}
        >
          {t('invite.notYou')}
        </button>
      </Show>
    </main>
  );
}
