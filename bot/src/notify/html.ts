const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes text for Telegram's HTML parse mode, which understands exactly these four named entities
 * (https://core.telegram.org/bots/api#html-style).
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"]/g, (character) => HTML_ENTITIES[character] ?? character);
}
