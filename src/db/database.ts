/** The database as the library uses it: Kysely over one better-sqlite3 connection. */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { openSqlite, type OpenOptions } from './sqlite.js';

export interface LossTallyDb {
  readonly kysely: Kysely<Database>;
  /** The underlying connection, for the few things Kysely does not do (pragmas, raw reads). */
  readonly sqlite: BetterSqlite3.Database;
  readonly path: string;
  close(): Promise<void>;
}

export function openDatabase(path: string, options: OpenOptions = {}): LossTallyDb {
  const sqlite = openSqlite(path, options);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    kysely,
    sqlite,
    path,
    // Destroying Kysely closes the better-sqlite3 connection too.
    close: () => kysely.destroy(),
  };
}
