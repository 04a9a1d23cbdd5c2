import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { botConfigVariables } from '@posy/bot';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { configVariables, repoRoot } from '../src/config.js';

// Issue 14: no Docker engine runs here, so the deploy files are checked for their shape: the services, how
// they wait for each other, health checks, restart policies, volumes, and that every variable given to the
// app's processes is one their config reads (a misspelt name would be silently ignored).

interface Service {
  build?: { context: string; target?: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  volumes?: string[];
}

const composeFile = path.join(repoRoot, 'docker-compose.yml');
const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { services } = compose;
const appServices = Object.entries(services).filter(([, service]) => service.build?.target === 'runtime');
const replicas = Object.keys(services).filter((name) => /^server-\d+$/.test(name));
const nginx = readFileSync(path.join(repoRoot, 'deploy/nginx.conf'), 'utf8');
const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  test('has the whole topology, with at least two API replicas', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['bot', 'migrate', 'postgres', 'proxy', 'redis', 'worker', ...replicas].sort(),
    );
    expect(replicas.length).toBeGreaterThanOrEqual(2);
  });

  test('every process of the app image runs compiled JavaScript, not a TypeScript loader', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(
      ['bot', 'migrate', 'worker', ...replicas].sort(),
    );
    for (const [name, service] of appServices) {
      expect(service.command?.[0], name).toBe('node');
      expect(service.command?.[1], name).toMatch(/^server\/dist\/[\w-]+\.js$/);
      expect(service.command?.join(' '), name).not.toMatch(/tsx/);
    }
  });

  test('every variable given to the app is one its config reads', () => {
    const known = new Set([...configVariables, ...botConfigVariables]);
    for (const [name, service] of appServices) {
      const unknown = Object.keys(service.environment ?? {}).filter((variable) => !known.has(variable));
      expect(unknown, name).toEqual([]);
    }
  });

  test('replicas run no jobs, trust the one proxy hop, and share files; the worker shares them too', () => {
    for (const name of replicas) {
      const environment = services[name]!.environment!;
      expect(environment.JOBS_ENABLED).toBe('false');
      expect(environment.MIGRATE_ON_START).toBe('false');
      expect(environment.TRUST_PROXY_HOPS).toBe('1');
      expect(services[name]!.volumes).toContain('files:/data/files');
    }
    expect(services.worker!.volumes).toContain('files:/data/files');
    expect(services.worker!.environment!.JOBS_ENABLED).toBeUndefined();
  });

  test('secrets are required from the environment, never written in the file', () => {
    const text = readFileSync(composeFile, 'utf8');
    for (const secret of ['POSTGRES_PASSWORD', 'JWT_PRIVATE_KEY', 'PUBLIC_URL'])
      expect(text).toMatch(new RegExp(`\\$\\{${secret}:\\?`));
    for (const name of replicas) expect(services[name]!.environment!.JWT_PRIVATE_KEY).toMatch(/^\$\{JWT/);
  });

  test('long-running services have health checks and restart policies; migrate runs once', () => {
    for (const name of ['postgres', 'redis', 'proxy', 'worker', ...replicas]) {
      expect(services[name]!.healthcheck?.test.length, name).toBeGreaterThan(1);
      expect(services[name]!.restart, name).toBe('unless-stopped');
    }
    expect(services.bot!.restart).toBe('on-failure');
    expect(services.migrate!.restart).toBe('no');
  });

  test('start order: migrate after a healthy PostgreSQL, app processes after migrate, proxy after replicas', () => {
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['worker', 'bot', ...replicas])
      expect(services[name]!.depends_on, name).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
    expect(services.proxy!.depends_on).toEqual(
      Object.fromEntries(replicas.map((name) => [name, { condition: 'service_healthy' }])),
    );
  });

  test('data lives in named volumes', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['files', 'postgres-data', 'redis-data']);
    expect(services.postgres!.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(services.redis!.volumes).toEqual(['redis-data:/data']);
  });

  test('docker-compose itself accepts the file', (context) => {
    const probe = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      console.log('docker-compose is not installed: skipping `docker-compose config -q`');
      context.skip();
    }
    const run = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        POSTGRES_PASSWORD: 'secret',
        PUBLIC_URL: 'https://posy.example.com',
        JWT_PRIVATE_KEY: 'pem',
      },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // And refuses to start without a required secret.
    const without = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PUBLIC_URL: 'https://posy.example.com', JWT_PRIVATE_KEY: 'pem' },
    });
    expect(without.status).not.toBe(0);
    expect(without.stderr).toMatch(/POSTGRES_PASSWORD/);
  });
});

describe('deploy/nginx.conf', () => {
  test('spreads over every replica', () => {
    for (const name of replicas) expect(nginx).toMatch(new RegExp(`server ${name}:4000`));
  });

  test('proxies the API paths and upgrades WebSockets on /graphql', () => {
    const graphql = nginx.match(/location = \/graphql \{([^}]*)\}/)?.[1] ?? '';
    expect(graphql).toMatch(/proxy_pass http:\/\/posy_servers;/);
    expect(graphql).toMatch(/proxy_http_version 1\.1;/);
    expect(graphql).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(graphql).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toMatch(/map \$http_upgrade \$connection_upgrade \{[^}]*default upgrade;/);
    const api = nginx.match(/location ~ (\S+) \{([^}]*)\}/);
    expect(api?.[2]).toMatch(/proxy_pass http:\/\/posy_servers;/);
    const apiPaths = new RegExp(api![1]!);
    for (const pathname of [
      '/files/a.webp',
      '/reports/orders.csv',
      '/ready',
      '/health',
      '/.well-known/jwks.json',
    ])
      expect(pathname, pathname).toMatch(apiPaths);
    expect('/orders/1').not.toMatch(apiPaths);
  });

  test('serves the webapp with a history fallback', () => {
    expect(nginx).toMatch(/location \/ \{[^}]*try_files \$uri \/index\.html;/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/webapp\/dist \/usr\/share\/nginx\/html/);
  });
});

describe('Dockerfile', () => {
  test('the runtime stage runs compiled JavaScript on a slim image without build tools', () => {
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'), dockerfile.indexOf('AS proxy'));
    expect(dockerfile).toMatch(/FROM node:20-bookworm-slim AS runtime/);
    expect(runtime).toMatch(/CMD \["node", "server\/dist\/main\.js"\]/);
    expect(runtime).toMatch(/USER posy/);
    expect(runtime).not.toMatch(/tsx|pnpm install/);
    expect(dockerfile).toMatch(/--prod/);
  });
});
