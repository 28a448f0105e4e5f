/**
 * The one migration runner, used by `losstally migrate`, by every command that writes, and by
 * the tests. After the migrations it brings the `sources` and `categories` rows and the
 * `series_wide` view in step with the code's registries, so adding a category is a registry
 * entry, not a schema change.
 */
import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import { MIGRATIONS } from '../../migrations/index.js';
import { DatabaseError } from '../errors.js';
import { CATEGORIES } from '../report/categories.js';
import { DEFAULT_PRIORITY_ORDER, SOURCE_CATALOGUE, sourcePriority } from '../sources/catalogue.js';
import { pivotColumns, SERIES_WIDE_FIELDS } from './pivot.js';
import type { Database } from './schema.js';
import { writeTransaction } from './transaction.js';

export interface MigrationSummary {
  /** Migrations applied by this run, in order. */
  readonly applied: readonly string[];
  /** Whether `series_wide` had to be rebuilt for a changed category registry. */
  readonly seriesWideRebuilt: boolean;
  /** Whether a source's priority changed (disagreements must then be recomputed). */
  readonly prioritiesChanged: boolean;
}

export function seriesWideSql(categoryKeys: readonly string[]): string {
  return `CREATE VIEW series_wide AS\nselect date, day,\n  ${pivotColumns(categoryKeys, SERIES_WIDE_FIELDS).join(',\n  ')}\nfrom series\ngroup by date\norder by date`;
}

/**
 * Brings the sources in step with the catalogue. Priorities change only when an order is given
 * (LOSSTALLY_SOURCE_PRIORITY); without one, new sources take the default order's place and
 * existing ones keep theirs, so a run without the variable never undoes a chosen order.
 * Returns whether any priority changed.
 */
async function syncSources(trx: Kysely<Database>, priorityOrder: readonly string[] | undefined): Promise<boolean> {
  // Rows already in step are left alone: a command that opens the database for writing then
  // writes nothing it does not need to.
  const stored = new Map((await trx.selectFrom('sources').selectAll().execute()).map((row) => [row.id, row]));
  for (const s of SOURCE_CATALOGUE) {
    const row = stored.get(s.id);
    if (!row) {
      const added = { id: s.id, title: s.title, kind: s.kind, priority: sourcePriority(s, priorityOrder ?? DEFAULT_PRIORITY_ORDER) };
      await trx.insertInto('sources').values(added).execute();
      stored.set(s.id, added);
    } else if (row.title !== s.title || row.kind !== s.kind) {
      await trx.updateTable('sources').set({ title: s.title, kind: s.kind }).where('id', '=', s.id).execute();
      stored.set(s.id, { ...row, title: s.title, kind: s.kind });
    }
  }
  if (!priorityOrder) return false;
  let changed = false;
  for (const source of stored.values()) {
    const priority = sourcePriority(source, priorityOrder);
    if (priority === source.priority) continue;
    changed = true;
    await trx.updateTable('sources').set({ priority }).where('id', '=', source.id).execute();
  }
  return changed;
}

async function syncRegistries(trx: Kysely<Database>): Promise<boolean> {
  const stored = new Map((await trx.selectFrom('categories').selectAll().execute()).map((row) => [row.key, row]));
  for (const c of CATEGORIES) {
    const row = { position: c.position, label_uk: c.labels.uk, label_en: c.labels.en, label_de: c.labels.de, since: c.since, until: c.until };
    const current = stored.get(c.key);
    if (current && (Object.keys(row) as (keyof typeof row)[]).every((column) => current[column] === row[column])) continue;
    await trx
      .insertInto('categories')
      .values({ key: c.key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }
  const wanted = seriesWideSql(CATEGORIES.map((c) => c.key));
  const current = await sql<{ sql: string }>`select sql from sqlite_master where type = 'view' and name = 'series_wide'`.execute(trx);
  if (current.rows[0]?.sql === wanted) return false;
  await sql`drop view if exists series_wide`.execute(trx);
  await sql.raw(wanted).execute(trx);
  return true;
}

/**
 * Whether every migration is applied already. Kysely's Migrator reads the schema of every table
 * to find its own before it looks: a command that finds nothing to migrate need not pay for that.
 */
async function allApplied(trx: Kysely<Database>): Promise<boolean> {
  const table = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(trx);
  if (table.rows.length === 0) return false;
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(trx);
  const names = new Set(applied.rows.map((row) => row.name));
  return names.size === Object.keys(MIGRATIONS).length && Object.keys(MIGRATIONS).every((name) => names.has(name));
}

function failureMessage(results: readonly MigrationResult[] | undefined, error: unknown): string {
  const failed = results?.find((r) => r.status === 'Error');
  const reason = error instanceof Error ? error.message : String(error);
  return failed ? `migration ${failed.migrationName} failed: ${reason}` : `migrations failed: ${reason}`;
}

/**
 * Runs the pending migrations and the registry sync in one immediate transaction, so two
 * processes starting on a new database at once migrate it exactly once.
 */
export interface MigrateOptions {
  /** Source ids and kinds, most preferred first (LOSSTALLY_SOURCE_PRIORITY). */
  readonly sourcePriority?: readonly string[];
}

export async function migrateToLatest(db: Kysely<Database>, options: MigrateOptions = {}): Promise<MigrationSummary> {
  return writeTransaction(db, async (trx) => {
    let results: MigrationResult[] | undefined = [];
    if (!(await allApplied(trx))) {
      const migrator = new Migrator({
        db: trx,
        provider: { getMigrations: async () => MIGRATIONS },
        disableTransactions: true,
        // Migration names start with their date: plain order, without a locale's collator to load.
        nameComparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
      });
      const outcome = await migrator.migrateToLatest();
      if (outcome.error) throw new DatabaseError(failureMessage(outcome.results, outcome.error), { cause: outcome.error });
      results = outcome.results;
    }
    const prioritiesChanged = await syncSources(trx, options.sourcePriority);
    const seriesWideRebuilt = await syncRegistries(trx);
    return {
      applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
      seriesWideRebuilt,
      prioritiesChanged,
    };
  });
}
