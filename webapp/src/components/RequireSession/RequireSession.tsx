import { A, Navigate, type RouteSectionProps, useLocation } from '@solidjs/router';
import { type JSX, lazy, Show, Suspense } from 'solid-js';
import { canOpen, homePath, type Section } from '../../auth/access';
import { activeShopAccess, session } from '../../auth/session';
import { t } from '../../i18n/i18n';
import { href } from '../../route-paths';

/** The shop's bar, loaded beside the first page: the login screen never shows it (the 45 KB budget). */
const ShopNav = lazy(() => import('../ShopNav/ShopNav').then((m) => ({ default: m.ShopNav })));

/** Layout route: its pages need a signed-in user; anyone else goes to the login page and comes back after. */
export function RequireSession(props: RouteSectionProps) {
  const location = useLocation();
  const returnTo = () => (location.pathname === '/' ? undefined : `${location.pathname}${location.search}`);
  return (
    <Show when={session()} fallback={<Navigate href={href.login(returnTo())} />}>
      {props.children}
    </Show>
  );
}

/**
 * Layout route: its pages work inside one shop, with the bar of the shop's sections; without an active
 * shop the user picks one first.
 */
export function RequireShop(props: RouteSectionProps) {
  return (
    <Show when={activeShopAccess()} fallback={<Navigate href={href.shops()} />}>
      {props.children}
      {/* Its own boundary: the page does not wait for the bar, nor the bar for the page. */}
      <Suspense>
        <ShopNav />
      </Suspense>
    </Show>
  );
}

/**
 * A back-office page only some roles open (auth/access.ts). Others, who reach it by a link or lose the
 * role while on it, are told so instead of seeing the server refuse every query.
 */
export function RequireSection(props: { section: Section; children: JSX.Element }) {
  return (
    <Show
      when={canOpen(props.section, activeShopAccess()?.role)}
      fallback={
        <main class="page page--center">
          <p class="empty">{t('access.denied')}</p>
          <A class="button button--primary" href={homePath(activeShopAccess()?.role)}>
            {t('notFound.action')}
          </A>
        </main>
      }
    >
      {props.children}
    </Show>
  );
}
