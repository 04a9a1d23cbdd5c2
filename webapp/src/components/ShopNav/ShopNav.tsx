import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { t } from '../../i18n/i18n';
import { visibleNavItems } from './nav-items';

/**
 * The bottom bar of the shop's sections (orders, team, audit, API keys), showing only what the user's
 * role opens; nothing for those who have the order board alone. A spacer keeps the page's end clear of it.
 */
export function ShopNav() {
  const items = () => visibleNavItems(activeShopAccess()?.role);
  return (
    <Show when={items().length > 0}>
      <div class="shop-nav__spacer" aria-hidden="true" />
      <nav class="shop-nav" aria-label={t('nav.label')}>
        <For each={items()}>
          {(item) => (
            <A class="shop-nav__item" href={item.href}>
              {t(item.label)}
            </A>
          )}
        </For>
      </nav>
    </Show>
  );
}
