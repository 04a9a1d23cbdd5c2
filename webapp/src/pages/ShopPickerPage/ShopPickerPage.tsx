import { useNavigate } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createEffect, For, Show, untrack } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { LogoutMutation } from '../../auth/auth.documents';
import { activeShopAccess, chooseShop, session, shopAccesses, updateSessionUser } from '../../auth/session';
import { signOut } from '../../auth/sign-out';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { LanguageSwitch } from '../../components/LanguageSwitch/LanguageSwitch';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { t } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { ShopPickerQuery } from './shop-picker.loader';

/** Choose the shop to work in (users with several shops: memberships and customer shops), and sign out. */
export default function ShopPickerPage() {
  const navigate = useNavigate();
  const [me, refetch] = createQuery({ query: ShopPickerQuery, requestPolicy: 'cache-and-network' });
  const [logoutState, logout] = createMutation(LogoutMutation);

  // Its parent is the order board, but only once there is a shop to show it for.
  const hasParent = activeShopAccess() !== undefined;
  const telegramBack = hasParent && useTelegramBackButton(() => navigate(href.orders()));

  // Keep the session's memberships current. The copy detaches them from urql's store, which keeps changing.
  createEffect(() => {
    const user = me.data?.me;
    if (user) untrack(() => updateSessionUser(structuredClone(unwrap(user))));
  });

  const accesses = () => {
    const current = session();
    return current ? shopAccesses(current.user, current.customerShops) : [];
  };

  function enterShop(shopId: string) {
    if (session()?.activeShopId === shopId) {
      navigate(href.orders());
      return;
    }
    // A new shop re-creates the app (App.tsx) at the address bar's path: put the destination there first.
    window.history.replaceState(null, '', href.orders());
    chooseShop(shopId);
  }

  return (
    <main class="page">
      <PageHeader
        title={t('shops.title')}
        subtitle={t('shops.signedInAs', { name: session()?.user.name ?? '' })}
        backHref={hasParent && !telegramBack ? href.orders() : undefined}
      />
      <ErrorMessage error={me.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      <Show when={accesses().length > 0} fallback={<p class="empty">{t('shops.empty')}</p>}>
        <ul class="list">
          <For each={accesses()}>
            {(access) => (
              <li>
                <button
                  type="button"
                  class="list__item list__button"
                  onClick={() => enterShop(access.shop.id)}
                >
                  <span class="list__main">
                    <span class="list__title">{access.shop.name}</span>
                    <span class="list__subtitle">{t(`role.${access.role}`)}</span>
                  </span>
                  <Show when={access.shop.id === session()?.activeShopId}>
                    <span class="badge">{t('shops.current')}</span>
                  </Show>
                  <span class="list__chevron" aria-hidden="true">
                    ›
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="page__footer">
        <button
          type="button"
          class="button button--plain button--destructive"
          disabled={logoutState.fetching}
          onClick={() => void signOut(() => logout({}), href.login())}
        >
          {t('shops.logout')}
        </button>
        <LanguageSwitch />
      </div>
    </main>
  );
}
