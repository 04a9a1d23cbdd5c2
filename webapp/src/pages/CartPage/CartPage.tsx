import { A, useNavigate } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useCart } from '../../features/cart/cart';
import { money, t } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { tapFeedback } from '../../telegram/haptics';
import { useTelegramMainButton } from '../../telegram/main-button';

/** What the customer is about to order, kept per shop on this device (features/cart). */
export default function CartPage() {
  const navigate = useNavigate();
  const cart = useCart();
  const telegramBack = useTelegramBackButton(() => navigate(href.shop()));
  const currency = () => cart.lines()[0]?.currency ?? 'RUB';
  const subtotal = () => money({ amountMinor: cart.subtotalMinor(), currency: currency() });
  const telegramMain = useTelegramMainButton({
    text: () => t('cart.checkout'),
    enabled: () => cart.count() > 0,
    onClick: () => navigate(href.checkout()),
  });

  return (
    <main class="page">
      <PageHeader title={t('cart.title')} backHref={telegramBack ? undefined : href.shop()} />
      <Show
        when={cart.lines().length > 0}
        fallback={
          <div class="page--center">
            <p class="empty">{t('cart.empty')}</p>
            <A class="button button--primary" href={href.shop()}>
              {t('cart.toShop')}
            </A>
          </div>
        }
      >
        <ul class="items">
          <For each={cart.lines()}>
            {(line) => (
              <li class="items__row cart-line">
                <span class="items__name">{line.name}</span>
                <span class="stepper">
                  <button
                    type="button"
                    class="button button--small button--plain button--outlined"
                    aria-label={t('cart.lessNamed', { name: line.name })}
                    onClick={() => {
                      cart.setQuantity(line.productId, line.quantity - 1);
                      tapFeedback();
                    }}
                  >
                    −
                  </button>
                  <output class="stepper__value" aria-label={t('cart.quantityNamed', { name: line.name })}>
                    {line.quantity}
                  </output>
                  <button
                    type="button"
                    class="button button--small button--plain button--outlined"
                    aria-label={t('cart.moreNamed', { name: line.name })}
                    onClick={() => {
                      cart.setQuantity(line.productId, line.quantity + 1);
                      tapFeedback();
                    }}
                  >
                    +
                  </button>
                </span>
                <span class="items__total">
                  {money({ amountMinor: line.priceMinor * line.quantity, currency: line.currency })}
                </span>
              </li>
            )}
          </For>
        </ul>
        <dl class="totals">
          <dt class="totals__grand">{t('cart.subtotal')}</dt>
          <dd class="totals__grand">{subtotal()}</dd>
        </dl>
        <p class="hint">{t('cart.feeLater')}</p>
        <Show when={!telegramMain}>
          <A class="button button--primary" href={href.checkout()}>
            {t('cart.checkout')}
          </A>
        </Show>
      </Show>
    </main>
  );
}
