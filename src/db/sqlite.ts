/**
 * Opens the SQLite file itself. WAL lets analysts read while the worker writes; a writer that
 * finds the database locked waits up to the busy timeout, then fails with a clear error. This
 * module does not load Kysely, so read-only commands start fast.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseError } from '../errors.js';

/**
 * better-sqlite3 is loaded when the first database is opened: `--help` and `parse` open none
 * and need not pay for loading the native module.
 */
let driver: typeof BetterSqlite3 | null = null;
function loadDriver(): typeof BetterSqlite3 {
  driver ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return driver;
}

export const BUSY_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  readonly readonly?: boolean;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Switches a database to WAL once. Switching needs a moment of exclusive access, for which
 * SQLite does not wait on the busy timeout: when another process is using a new database at the
 * same moment, try again for a while.
 */
function useWal(sqlite: BetterSqlite3.Database): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 25);
    }
  }
}

export function openSqlite(path: string, options: OpenOptions = {}): BetterSqlite3.Database {
  try {
    if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const Driver = loadDriver();
    const sqlite = new Driver(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!options.readonly) {
      useWal(sqlite);
      sqlite.pragma('synchronous = NORMAL');
    }
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseError(`cannot open database ${path}: ${reason}`, { cause: error });
  }
}


/** Whether the migrations have ever run on this database. */
export function isMigrated(sqlite: BetterSqlite3.Database): boolean {
  return sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get() !== undefined;
}
