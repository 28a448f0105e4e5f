/** The database as the library uses it: Kysely over one better-sqlite3 connection. */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import { openSqlite, type OpenOptions } from './sqlite.js';

export interface LossTallyDb {
  readonly kysely: Kysely<Database>;
  /** The underlying connection, for the few things Kysely does not do (pragmas, raw reads). */
  readonly sqlite: BetterSqlite3.Database;
  readonly path: string;
  close(): Promise<void>;
}

/** How many prepared statements a connection keeps for reuse … */
const CACHED_STATEMENTS = 200;
/** … of SQL no longer than this: a bulk insert's long text is rarely repeated, and its statement is large. */
const CACHED_SQL_CHARS = 2000;

/**
 * The connection as Kysely's driver sees it, with the statements it prepares kept for the next
 * query of the same text: the driver prepares every query anew, and preparing costs about as
 * much as running the small queries that storing a day makes by the dozen. A statement still
 * iterating (a streamed read) is busy, and then a fresh one is prepared beside it.
 */
export function reusingStatements(sqlite: BetterSqlite3.Database, capacity = CACHED_STATEMENTS): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last: the first entry is the one to drop.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached && sql.length <= CACHED_SQL_CHARS) {
        statements.set(sql, statement);
        if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

export function openDatabase(path: string, options: OpenOptions = {}): LossTallyDb {
  const sqlite = openSqlite(path, options);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  return {
    kysely,
    sqlite,
    path,
    // Destroying Kysely closes the better-sqlite3 connection too.
    close: () => kysely.destroy(),
  };
}
