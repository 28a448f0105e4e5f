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
import type { Clock } from '../worker/clock.js';
import type { LossTallyDb } from '../db/database.js';
import type { MigrationSummary } from '../db/migrate.js';
import { isMigrated, openSqlite } from '../db/sqlite.js';
import { DatabaseError } from '../errors.js';
import { sourcePriority } from '../sources/catalogue.js';

export interface CommandContext {
  readonly config: Config;
  readonly dbPath: string;
  /** The clock of the command (LOSSTALLY_TEST_CLOCK makes it start at a chosen instant); `now` reads it. */
  readonly clock?: Clock;
  readonly now: () => Date;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
}

/** The migration that adds the clean series (clean_values, series_clean). */
const CLEAN_SERIES_MIGRATION = '2026_11_28_0009_add_clean_series';

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
  } else if (summary.applied.includes(CLEAN_SERIES_MIGRATION)) {
    // A database that had figures before the clean series existed gets it computed now, not
    // only at the next check: series_clean is never empty beside a series that is not.
    const [{ recomputeClean }, { writeTransaction }] = await Promise.all([import('../ingest/clean.js'), import('../db/transaction.js')]);
    await writeTransaction(db.kysely, (trx) => recomputeClean(trx));
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
  warnUnappliedPriority(context, sqlite);
  return sqlite;
}

/**
 * A read-only connection cannot store a new source order: say so when LOSSTALLY_SOURCE_PRIORITY
 * asks for another order than the one the series is built on, rather than ignore it silently.
 */
function warnUnappliedPriority(context: CommandContext, sqlite: BetterSqlite3.Database): void {
  const order = context.config.sourcePriority;
  if (!order) return;
  const rows = sqlite.prepare(`select id, kind, priority from sources`).all() as { id: string; kind: string; priority: number }[];
  if (rows.every((row) => row.priority === sourcePriority(row, order))) return;
  context.stderr.write(`note: LOSSTALLY_SOURCE_PRIORITY is not applied to ${context.dbPath} yet; "losstally migrate" (or any command that writes) applies it\n`);
}
