// The one place that knows how to start Prisma's schema engine without its native binary, which cannot be
// downloaded on our machines (see /work/shared/notes/prisma-offline.md). Prisma's own loader does the same:
// packages/internals/src/WasmSchemaEngineLoader.ts in prisma/prisma.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';

export type { SchemaEngine } from '@prisma/schema-engine-wasm';

/** Options of {@link withSchemaEngine}. */
export interface SchemaEngineOptions {
  /**
   * PostgreSQL connection string of the database the engine works on.
   * @default none: an offline adapter, enough for `diff` between two schema texts
   */
  databaseUrl?: string;
  /**
   * Receives the engine's log lines (JSON strings).
   * @default lines are dropped
   */
  onLog?: (line: string) => void;
}

/**
 * Runs `work` with a wasm schema engine bound to a PrismaPg adapter for `options.databaseUrl`, then frees
 * the engine and closes its connections, whether `work` succeeds or throws. Errors raised inside the adapter
 * (connection refused, a failing statement) are rethrown as the adapter's original error.
 */
export async function withSchemaEngine<T>(
  options: SchemaEngineOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngineClass();
  // Our own pool, so that we can close it: freeing the engine does not dispose the adapter it was given.
  const pool = options.databaseUrl ? new pg.Pool({ connectionString: options.databaseUrl }) : undefined;
  const adapter = bindMigrationAwareSqlAdapterFactory(pool ? new PrismaPg(pool) : offlineAdapterFactory());
  runningEngines++;
  try {
    // No datamodels: none of the commands we use (diff, applyMigrations) reads the engine's own schema.
    const engine = await SchemaEngineClass.new(
      { datamodels: undefined },
      options.onLog ?? (() => {}),
      adapter,
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw originalError(adapter, error);
  } finally {
    runningEngines--;
    if (runningEngines === 0) clearEngineTimers();
    await pool?.end();
  }
}

let runningEngines = 0;
const engineTimers = new Set<ReturnType<typeof setTimeout>>();

/**
 * The engine races its database work against timeouts and never clears them (its glue has no
 * clearTimeout), which kept `pnpm db:migrate` alive for 10 s after it finished. Timers still pending when no
 * engine is at work belong to finished commands, so we clear them.
 */
function clearEngineTimers(): void {
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
}

/** The glue as the wasm module's imports, with its setTimeout recording timers for clearEngineTimers. */
function importsWithTrackedTimers(glue: object): WasmImports {
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(glue).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, milliseconds: number) => {
      const timer = setTimeout(() => {
        engineTimers.delete(timer);
        callback();
      }, milliseconds >>> 0);
      engineTimers.add(timer);
      return timer;
    };
  }
  return imports;
}

// TypeScript declares WebAssembly only in lib.dom, which a Node package should not pull in; this is the part
// we use of Node's global.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, WasmImports>,
  ) => { exports: Record<string, unknown> };
};
type WasmImports = Record<string, unknown>;

type SchemaEngineClass = typeof SchemaEngine;
let schemaEngineClass: Promise<SchemaEngineClass> | undefined;

/**
 * Instantiates the wasm module once per process: wasm-bindgen keeps the instance in module state, and a
 * second instantiation crashes with `unwrap_throw failed` (Prisma's loader says so in a comment).
 */
function loadSchemaEngineClass(): Promise<SchemaEngineClass> {
  schemaEngineClass ??= (async () => {
    // `schema_engine_bg` is wasm-bindgen's "bundler" glue: it leaves instantiating the module to us.
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const module = new WebAssembly.Module(await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm')));
    const instance = new WebAssembly.Instance(module, {
      './schema_engine_bg.js': importsWithTrackedTimers(glue),
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return schemaEngineClass;
}

/**
 * The engine reports an error thrown inside the adapter as `External error id#<n>`, an index into the
 * adapter's error registry (driver-adapter-utils' `lookupError` parses it the same way).
 */
function originalError(
  adapter: ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  error: unknown,
): unknown {
  const match = error instanceof Error ? /^External error id#(\d+)/.exec(error.message) : null;
  if (!match) return error;
  return adapter.errorRegistry.consumeError(Number(match[1]))?.error ?? error;
}

// The engine asks every database this when it starts (seen by logging the adapter's calls).
const VERSION_PROBE = "current_setting('server_version_num')";

/**
 * An adapter for work that needs no database, such as diffing two schema texts. `SchemaEngine.new` always
 * connects and asks for the server version; this answers that one query with PostgreSQL 15 (the diff output
 * was checked to be the same for 12, 15 and 18) and rejects anything else, naming the statement.
 */
function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (sql: string) =>
    Promise.reject(new Error(`the schema engine ran SQL without a database (give it a databaseUrl): ${sql}`));
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: 'posy-offline',
    queryRaw: (query: SqlQuery): Promise<SqlResultSet> =>
      query.sql.includes(VERSION_PROBE)
        ? Promise.resolve({
            columnNames: ['exists', 'version', 'numeric_version'],
            columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
            rows: [[true, 'PostgreSQL 15.0 (offline)', 150000]],
          })
        : refuse(query.sql),
    executeRaw: (query) => refuse(query.sql),
    executeScript: (script) => refuse(script),
    startTransaction: () => refuse('BEGIN'),
    dispose: () => Promise.resolve(),
  };
  return {
    provider: 'postgres',
    adapterName: 'posy-offline',
    connect: () => Promise.resolve(adapter),
    connectToShadowDb: () => Promise.resolve(adapter),
  };
}
