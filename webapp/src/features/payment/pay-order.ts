import type { Client } from '@urql/core';
import { graphql } from '../../graphql/graphql';
import { type InvoiceOutcome, payInTelegram } from '../../telegram/invoice';

export const OrderInvoiceLinkMutation = graphql(`
  mutation OrderInvoiceLink($orderId: ID!) {
    createOrderInvoiceLink(orderId: $orderId) {
      __typename
      ... on MutationCreateOrderInvoiceLinkSuccess {
        data {
          url
        }
      }
      ... on DomainError {
        message
      }
    }
  }
`);

/**
 * How paying for an order ended: Telegram's answer, `unavailable` when it cannot be paid in Telegram here
 * (a plain browser, an old client, the shop has no provider, already paid), `error` when the link failed.
 */
export type PaymentOutcome = InvoiceOutcome | 'unavailable' | 'error';

/**
 * Asks the server for the order's invoice link and opens it in Telegram's payment form. The payment itself
 * reaches the server from Telegram through the bot (pre-checkout, successful payment), not from here: the
 * order's live status shows it paid.
 */
export async function payOrder(client: Client, orderId: string): Promise<PaymentOutcome> {
  const result = await client.mutation(OrderInvoiceLinkMutation, { orderId }).toPromise();
  const answer = result.data?.createOrderInvoiceLink;
  if (result.error || !answer) return 'error';
  if (answer.__typename !== 'MutationCreateOrderInvoiceLinkSuccess') return 'unavailable';
  try {
    return (await payInTelegram(answer.data.url)) ?? 'unavailable';
  } catch {
    return 'error';
  }
}
