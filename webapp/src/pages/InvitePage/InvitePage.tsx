import { A, Navigate, useNavigate, useParams } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { LogoutMutation } from '../../auth/auth.documents';
import { joinShop, session } from '../../auth/session';
import { signOut } from '../../auth/sign-out';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { Spinner } from '../../components/Spinner/Spinner';
import { graphqlClient } from '../../graphql/client';
import { describeApiError } from '../../graphql/errors';
import { dateTime, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { href, inviteTokenFromParams } from '../../route-paths';
import { useLaunch } from '../../telegram/launch';
import { AcceptInviteMutation } from './invite.documents';
import { type InvitePreview, InvitePreviewQuery } from './invite.loader';
import {
  type InviteRefusal,
  inviteFailureMessage,
  inviteRefusalMessages,
  inviteStateMessage,
} from './invite-failure';

/**
 * An invite link: `/invite/<token>` on the web, or the Mini App opened with `invite-<token>` (index.tsx
 * sends that here). Before anyone signs in, the page asks the server what the link offers (its loader,
 * invite.loader.ts): a used, expired, revoked or unknown invite is explained at once, and an open one
 * says "Join <shop> as <role>" with its expiry. To accept, whoever is not signed in signs in first
 * (inside Telegram that happens by itself) and comes back. Accepting joins the shop with the invited
 * role and switches the app to it.
 */
export default function InvitePage() {
  const params = useParams<{ token: string }>();
  const token = () => inviteTokenFromParams(params);
  const [preview, refetchPreview] = createQuery({
    query: InvitePreviewQuery,
    variables: () => ({ token: token() }),
  });
  // Known before signing in: the server does not know the token (or it is no token at all), or the invite is closed.
  const unusable = (): MessageKey | undefined => {
    if (preview.error) return inviteFailureMessage(describeApiError(preview.error));
    if (preview.data) return inviteStateMessage(preview.data.invitePreview?.state ?? null);
    return undefined;
  };

  return (
    <main class="page page--center invite">
      <div class="invite__icon" aria-hidden="true">
        ✿
      </div>
      <Switch fallback={<Spinner />}>
        <Match when={unusable()}>
          {(message) => <ClosedInvite message={message()} offer={preview.data?.invitePreview ?? undefined} />}
        </Match>
        <Match when={preview.error}>
          {(error) => (
            <ErrorMessage error={error()} onRetry={() => refetchPreview({ requestPolicy: 'network-only' })} />
          )}
        </Match>
        <Match when={preview.data?.invitePreview}>
          {(offer) => <OpenInvite token={token()} offer={offer()} />}
        </Match>
      </Switch>
    </main>
  );
}

/** A link that cannot be used, and why; nobody is asked to sign in or accept. */
function ClosedInvite(props: { message: MessageKey; offer: InvitePreview | undefined }) {
  return (
    <>
      <h1>{props.offer ? t('invite.to', { shop: props.offer.shopName }) : t('invite.unknownTitle')}</h1>
      <p class="error-message invite__state" role="alert">
        {t(props.message)}
      </p>
      <Show when={session()}>
        <A class="button button--primary" href={href.shops()}>
          {t('invite.toShops')}
        </A>
      </Show>
    </>
  );
}

/** An open invite: what it offers and until when, then signing in or accepting. */
function OpenInvite(props: { token: string; offer: InvitePreview }) {
  const launch = useLaunch();
  const signIn = () => href.login(href.invite(props.token));
  return (
    <>
      <h1 class="invite__offer">
        {t('invite.join', { shop: props.offer.shopName, role: t(`invite.role.${props.offer.role}`) })}
      </h1>
      {/* The invitee is on no shop's clock yet: the expiry is on the device's. */}
      <p class="hint invite__expires">{t('invite.expires', { date: dateTime(props.offer.expiresAt) })}</p>
      <Show
        when={session()}
        fallback={
          // Inside Telegram the login page signs in with the launch at once and comes back.
          <Show when={launch.kind === 'browser'} fallback={<Navigate href={signIn()} />}>
            <p class="invite__sign-in-hint">{t('invite.signInHint')}</p>
            <A class="button button--primary" href={signIn()}>
              {t('invite.signIn')}
            </A>
          </Show>
        }
      >
        {(current) => <AcceptInvite token={props.token} userName={current().user.name} />}
      </Show>
    </>
  );
}

function AcceptInvite(props: { token: string; userName: string }) {
  const navigate = useNavigate();
  const launch = useLaunch();
  const [state, acceptInvite] = createMutation(AcceptInviteMutation);
  const [logoutState, logout] = createMutation(LogoutMutation);
  const [refusal, setRefusal] = createSignal<InviteRefusal>();
  // Once the server has said why the invite cannot be used, trying again would get the same answer.
  const closed = () =>
    refusal() !== undefined ||
    (state.error !== undefined && inviteFailureMessage(describeApiError(state.error)) !== undefined);

  async function accept() {
    const result = await acceptInvite({ token: props.token });
    const membership = result.data?.acceptInvite;
    if (membership?.__typename !== 'Membership') {
      setRefusal(membership);
      return;
    }
    // A new shop re-creates the app (App.tsx) at the address bar's path: put the destination there first.
    const clientBefore = graphqlClient();
    window.history.replaceState(null, '', href.orders());
    joinShop({ role: membership.role, shop: membership.shop });
    // Joining the shop one already works in (as its customer) keeps the app: move on in it.
    if (graphqlClient() === clientBefore) navigate(href.orders(), { replace: true });
  }

  return (
    <>
      <p class="hint invite__signed-in">{t('invite.signedInAs', { name: props.userName })}</p>
      <ErrorMessage error={state.error} explain={inviteFailureMessage} />
      <RefusalMessage refusal={refusal()} messages={inviteRefusalMessages} />
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
          onClick={() => void signOut(() => logout({}), href.login(href.invite(props.token)))}
        >
          {t('invite.notYou')}
        </button>
      </Show>
    </>
  );
}
