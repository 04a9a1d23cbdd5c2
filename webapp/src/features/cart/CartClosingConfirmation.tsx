import { useClosingConfirmation } from '../../telegram/closing-confirmation';
import { useCart } from './cart';

/** Inside Telegram, asks before the Mini App closes while the cart holds something. Renders nothing. */
export function CartClosingConfirmation() {
  const cart = useCart();
  useClosingConfirmation(() => cart.count() > 0);
  return null;
}
