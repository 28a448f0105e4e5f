/**
 * Reads of the clean series (`series_clean`) on a plain connection check first that the database
 * has it: one of an older schema, opened read-only (export, serve), does not, and SQLite's own
 * "no such table" would not say what to do.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseError } from '../errors.js';

export function requireCleanSeries(sqlite: BetterSqlite3.Database): void {
  if (sqlite.prepare(`select 1 from sqlite_master where type = 'view' and name = 'series_clean'`).get()) return;
  throw new DatabaseError(`${sqlite.name} has no clean series yet; run "losstally migrate --db ${sqlite.name}" to compute it`);
}
