import { DEMO_API_KEY, DEMO_LOGINS, DEMO_PASSWORD } from '@posy/prisma/seed';
import type { RunningApp } from './app.js';
import type { Config } from './config.js';

/** What `pnpm start` prints: where to open the app and how to sign in as each role. */
export function printWelcome(app: RunningApp, config: Config, startMs: number) {
  const url = app.appUrl;
  const lines = [
    '',
    `  Posy is running (${Math.round(startMs)} ms${app.embeddedDatabase ? ', embedded PostgreSQL' : ''}${app.seeded ? ', demo shop seeded' : ''})`,
    '',
    `  App        ${url}/`,
    `  GraphiQL   ${url}/graphql`,
    `  Health     ${url}/health   ${url}/ready`,
    '',
    `  Demo logins (password for all: ${DEMO_PASSWORD})`,
    ...DEMO_LOGINS.map((login) => `    ${login.role.padEnd(9)} ${login.email}`),
    ...(config.telegram.botToken
      ? []
      : ['  Telegram bot disabled (BOT_TOKEN unset): one-time login codes appear in this log.']),
    '',
    `  Demo API key (orders, catalog, customers, stock; read + orders:write)`,
    `    curl -s ${url}/graphql -H 'content-type: application/json' -H 'x-api-key: ${DEMO_API_KEY}' \\`,
    `      -d '{"query":"{ orders(first: 10) { edges { node { number status customer { name } } } } }"}'`,
    '',
    '  Ctrl-C stops the server (and the embedded PostgreSQL).',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
