import { Navigate, type RouteSectionProps, useLocation } from '@solidjs/router';
import { Show } from 'solid-js';
import { activeShopAccess, session } from '../../auth/session';
import { href } from '../../route-paths';

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

/** Layout route: its pages work inside one shop; without an active shop the user picks one first. */
export function RequireShop(props: RouteSectionProps) {
  return (
    <Show when={activeShopAccess()} fallback={<Navigate href={href.shops()} />}>
      {props.children}
    </Show>
  );
}
