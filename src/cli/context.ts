/**
 * What every command gets from the edge: the configuration, the database path chosen by
 * --db or LOSSTALLY_DB, the clock, and the output streams. Opening the database is here too:
 * writers get Kysely and a migrated schema; readers get a plain read-only connection, which
 * keeps `status` and `query` quick to start.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Config } from '../config.js';
import type { LossTallyDb } from '../db/database.js';
import type { MigrationSummary } from '../db/migrate.js';
import { isMigrated, openSqlite } from '../db/sqlite.js';
import { DatabaseError } from '../errors.js';

export interface CommandContext {
  readonly config: Config;
  readonly dbPath: string;
  readonly now: () => Date;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
}

export function resolveDbPath(config: Config, flag: string | undefined): string {
  return flag ? resolve(flag) : config.dbPath;
}

/**
 * Migrates the database and applies the configured source priority; when a priority changed,
 * the disagreements between sources are recomputed (another source may now be preferred).
 */
export async function migrateDatabase(context: CommandContext, db: LossTallyDb): Promise<MigrationSummary> {
  const { migrateToLatest } = await import('../db/migrate.js');
  const summary = await migrateToLatest(db.kysely, context.config.sourcePriority ? { sourcePriority: context.config.sourcePriority } : {});
  if (summary.prioritiesChanged) {
    const [{ recheckAgreement }, { writeTransaction }] = await Promise.all([import('../ingest/recheck.js'), import('../db/transaction.js')]);
    await writeTransaction(db.kysely, (trx) => recheckAgreement(trx));
  }
  return summary;
}

/** Opens the database for writing, migrated to the latest schema first. */
export async function openForWriting(context: CommandContext): Promise<LossTallyDb> {
  const { openDatabase } = await import('../db/database.js');
  const db = openDatabase(context.dbPath);
  try {
    await migrateDatabase(context, db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Opens an existing database read-only; a missing one is an error that says how to create it. */
export function openForReading(context: CommandContext): BetterSqlite3.Database {
  if (!existsSync(context.dbPath)) {
    throw new DatabaseError(`no database at ${context.dbPath}; create it with "losstally migrate" or point --db at one`);
  }
  const sqlite = openSqlite(context.dbPath, { readonly: true });
  if (!isMigrated(sqlite)) {
    sqlite.close();
    throw new DatabaseError(`${context.dbPath} is not a losstally database yet; run "losstally migrate --db ${context.dbPath}"`);
  }
  return sqlite;
}
