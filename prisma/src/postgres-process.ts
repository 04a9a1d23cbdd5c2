// initdb and the postmaster, run from the programs postgres-binaries.ts finds, as the account it names.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PostgresPrograms, RunAs } from './postgres-binaries.js';
import { PostgresStartError, USE_DATABASE_URL } from './postgres-start-error.js';

// English messages whatever the machine's locale: we wait for the "ready to accept connections" line.
const ENV = { ...process.env, LC_MESSAGES: 'C' };

/** Why a program could not be started, as one line with the fix. */
function spawnFailure(program: string, account: RunAs | undefined, error: NodeJS.ErrnoException) {
  const who = account ? 'the user postgres' : 'this user';
  return new PostgresStartError(
    `Could not run ${program} as ${who} (${error.code ?? error.message}): make it and its directories executable by ${who} ${USE_DATABASE_URL}`,
  );
}

/** Creates a cluster in the empty directory `dataDir` (owned by `account` when given). */
export async function initialiseCluster(options: {
  programs: PostgresPrograms;
  account: RunAs | undefined;
  dataDir: string;
  user: string;
  password: string;
  onLog: (message: string) => void;
}): Promise<void> {
  const { programs, account, dataDir } = options;
  if (account) await chown(dataDir, account.uid, account.gid);
  const passwordFile = path.join(tmpdir(), `posy-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  if (account) await chown(passwordFile, account.uid, account.gid);
  try {
    await new Promise<void>((resolve, reject) => {
      const initdb = spawn(
        programs.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${options.user}`,
          `--pwfile=${passwordFile}`,
          '--lc-messages=C',
        ],
        { ...account, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let errors = '';
      initdb.stdout.on('data', (chunk: Buffer) => options.onLog(chunk.toString()));
      initdb.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
        options.onLog(chunk.toString());
      });
      initdb.once('error', (error) => reject(spawnFailure(programs.initdb, account, error)));
      initdb.once('close', (code, signal) => {
        if (code === 0) resolve();
        else
          reject(
            new PostgresStartError(
              `initdb failed on ${dataDir} (${signal ?? `exit code ${code}`}): ${errors.trim().split('\n').at(-1) ?? ''}; delete ${dataDir} to start afresh ${USE_DATABASE_URL}`,
            ),
          );
      });
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** How long a smart shutdown may wait for the last sessions before it becomes a fast one. */
const SMART_SHUTDOWN_MS = 5_000;

/** A running postmaster this process started. */
export interface Postmaster {
  pid: number;
  /** Waits for open sessions to end (at most SMART_SHUTDOWN_MS, then closes them); resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the postmaster on `dataDir` and resolves once it accepts connections. It runs in a process group of
 * its own, so a Ctrl-C meant for the server does not stop it under the server's open connections: the server
 * stops it last, after draining (see stop()).
 * @throws PostgresStartError when it cannot be started; `log` then holds what it printed
 */
export function startPostmaster(options: {
  programs: PostgresPrograms;
  account: RunAs | undefined;
  dataDir: string;
  port: number;
  onLog: (message: string) => void;
}): Promise<Postmaster> {
  const { programs, account } = options;
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      programs.postgres,
      ['-D', options.dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'],
      { ...account, env: ENV, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stderr!.on('data', (chunk: Buffer) => {
      const message = chunk.toString();
      options.onLog(message);
      if (message.includes('database system is ready to accept connections')) {
        resolve({
          pid: child.pid!,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            // Smart shutdown (SIGTERM) waits for sessions to end. pg's pool.end() resolves once it has asked
            // its connections to close, not once they have: a fast shutdown then terminated them under the
            // pool ("terminating connection due to administrator command" records on every Ctrl-C). A
            // session still open after SMART_SHUTDOWN_MS is cut by a fast shutdown (SIGINT).
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGINT'), SMART_SHUTDOWN_MS);
            await exited;
            clearTimeout(timer);
          },
        });
      }
    });
    child.once('error', (error) => reject(spawnFailure(programs.postgres, account, error)));
    // Rejects with nothing: the caller explains the failure from the log it kept.
    child.once('exit', () => reject(undefined));
  });
}
