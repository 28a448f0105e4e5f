/**
 * Read-only SQL for analysts. The connection is opened read-only, and a statement that does
 * not return rows is refused before it runs, so no query can change the database.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { QueryError } from '../errors.js';

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

export function runReadOnlyQuery(sqlite: BetterSqlite3.Database, text: string): QueryResult {
  let statement: BetterSqlite3.Statement;
  try {
    statement = sqlite.prepare(text);
  } catch (error) {
    throw new QueryError(`the query cannot run: ${(error as Error).message}`, { cause: error });
  }
  if (!statement.reader) {
    throw new QueryError('the query does not return rows; losstally query is read-only and runs only SELECT, WITH and read-only PRAGMA statements');
  }
  try {
    const columns = statement.columns().map((c) => c.name);
    const rows = statement.all() as Record<string, unknown>[];
    return { columns, rows };
  } catch (error) {
    throw new QueryError(`the query failed: ${(error as Error).message}`, { cause: error });
  }
}
