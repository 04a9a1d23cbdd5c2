// What useOperationCheck remembers and what it never does, counted by how often its check runs: over a real
// Yoga (in process, its own parser cache) with a schema of its own, so only the plugin's memory is measured.
// (Its refusal to key on an upload is not tested here: Node 20's Yoga hands over a File ponyfill whose JSON
// holds its bytes and a fresh lastModified, so two uploads never share a key with or without the rule.)
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, test } from 'vitest';
import { PASSES_PER_DOCUMENT, useOperationCheck, VARIABLES_KEY_MAX } from './operation-check.js';

function checkedServer() {
  const checked: unknown[] = [];
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: /* GraphQL */ `
        type Query { echo(text: String): String }
      `,
      resolvers: { Query: { echo: (_root, { text }: { text?: string }) => text ?? null } },
    }),
    plugins: [
      useOperationCheck((args) => {
        checked.push(args.variableValues);
        return null;
      }),
    ],
  });
  const echo = async (text: string) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($text: String) { echo(text: $text) }', variables: { text } }),
    });
    return ((await response.json()) as { data: { echo: string } }).data.echo;
  };
  return { checked, echo };
}

describe('useOperationCheck', () => {
  test('the same document and variables again are not checked again; other variables are', async () => {
    const { checked, echo } = checkedServer();
    expect(await echo('rose')).toBe('rose');
    expect(await echo('rose')).toBe('rose');
    expect(checked).toHaveLength(1);
    expect(await echo('tulip')).toBe('tulip');
    expect(checked).toHaveLength(2);
  });

  test(`variables over ${VARIABLES_KEY_MAX} bytes are checked every time`, async () => {
    const { checked, echo } = checkedServer();
    const long = 'x'.repeat(VARIABLES_KEY_MAX);
    for (let i = 0; i < 3; i++) expect(await echo(long)).toBe(long);
    expect(checked).toHaveLength(3);
    // Just within the limit (the key is the variables' JSON: {"text":"…"}), it is remembered.
    const within = 'x'.repeat(VARIABLES_KEY_MAX - '{"text":""}'.length);
    for (let i = 0; i < 3; i++) await echo(within);
    expect(checked).toHaveLength(4);
  });

  test(`${PASSES_PER_DOCUMENT} variable sets are remembered per document, the least recently used forgotten first`, async () => {
    const { checked, echo } = checkedServer();
    for (let i = 0; i < PASSES_PER_DOCUMENT; i++) await echo(`v${i}`);
    // v0 used again: now the most recent, so v1 is the oldest.
    await echo('v0');
    expect(checked).toHaveLength(PASSES_PER_DOCUMENT);
    await echo('new');
    expect(checked).toHaveLength(PASSES_PER_DOCUMENT + 1);
    await echo('v0');
    expect(checked).toHaveLength(PASSES_PER_DOCUMENT + 1);
    await echo('v1');
    expect(checked).toHaveLength(PASSES_PER_DOCUMENT + 2);
  });
});
