import type { SecondShop } from '../fixtures/second-shop.js';
import type { GraphQLResponse } from '../harness.js';

/**
 * Where an answer shows shop B: its ids (plain, in global ids or cursors, in tokens) or its values.
 * `sent`: ids the caller named, which an error message may repeat.
 */
export function shopBTraces(b: SecondShop, response: unknown, sent: string[] = []): string[] {
  const uuids = Object.values(b.ids).flat();
  const secrets = b.secrets.map((s) => s.toLowerCase());
  const traces: string[] = [];
  const check = (text: string, where: string) => {
    const decoded = text
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('utf8'))
      .join('.');
    for (const haystack of [text.toLowerCase(), decoded.toLowerCase()]) {
      const found = uuids.find((id) => haystack.includes(id)) ?? secrets.find((s) => haystack.includes(s));
      if (found) {
        traces.push(`${where}: ${JSON.stringify(text.slice(0, 120))} shows ${found}`);
        return;
      }
    }
  };
  const visit = (value: unknown, where: string) => {
    if (typeof value === 'string') check(value, where);
    else if (Array.isArray(value)) for (const [i, item] of value.entries()) visit(item, `${where}[${i}]`);
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) visit(item, `${where}.${key}`);
  };
  const { data, errors } = response as GraphQLResponse;
  visit(data, 'data');
  for (const [i, error] of (errors ?? []).entries()) {
    // An error may repeat the id the caller sent; that tells the caller nothing new.
    visit(
      sent.reduce((message, id) => message.split(id).join('<sent id>'), error.message),
      `errors[${i}].message`,
    );
    visit(error.extensions, `errors[${i}].extensions`);
  }
  return traces;
}

/** Failure lines for what an answer shows of shop B: the first few, then how many more. */
export function leaks(b: SecondShop, where: string, response: GraphQLResponse, sent: string[]) {
  const traces = shopBTraces(b, response, sent);
  const lines = traces.slice(0, 3).map((trace) => `${where} leaks ${trace}`);
  if (traces.length > 3) lines.push(`${where} leaks ${traces.length - 3} more`);
  return lines;
}
