/** The clean series in the database: the figures it is decided from, and its rows (`clean_values`). */
import { sql, type Kysely } from 'kysely';
import type { CleanRow, SeriesPick, SourceFigure } from '../checks/clean-series.js';
import type { Database } from './schema.js';

export interface DateWindow {
  readonly from?: string;
  readonly to?: string;
}

/** The rows of `series` in a window: the figure each day and category takes. */
export async function loadSeriesPicks(db: Kysely<Database>, window: DateWindow): Promise<SeriesPick[]> {
  let query = db.selectFrom('series').select(['date', 'category', 'source', 'total', 'delta']);
  if (window.from) query = query.where('date', '>=', window.from);
  if (window.to) query = query.where('date', '<=', window.to);
  return query.execute();
}

/** Every source's figures (latest revisions, categories of the registry) in a window. */
export async function loadSourceFigures(db: Kysely<Database>, window: DateWindow): Promise<SourceFigure[]> {
  let query = db
    .selectFrom('latest_reports as r')
    .innerJoin('figures as f', 'f.report_id', 'r.id')
    .select(['r.source', 'r.report_date as date', 'f.category', 'f.total', 'f.delta'])
    .where('f.category', 'is not', null);
  if (window.from) query = query.where('r.report_date', '>=', window.from);
  if (window.to) query = query.where('r.report_date', '<=', window.to);
  return (await query.execute()) as SourceFigure[];
}

/** The first and last report dates stored, or null when none is. */
export async function storedDateSpan(db: Kysely<Database>): Promise<{ from: string; to: string } | null> {
  const row = await db
    .selectFrom('reports')
    .select([sql<string | null>`min(report_date)`.as('from'), sql<string | null>`max(report_date)`.as('to')])
    .executeTakeFirst();
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

/** Replaces the clean rows of a window (all of them without one) with `rows`. */
export async function replaceCleanRows(db: Kysely<Database>, window: DateWindow, rows: readonly CleanRow[]): Promise<void> {
  let remove = db.deleteFrom('clean_values');
  if (window.from) remove = remove.where('date', '>=', window.from);
  if (window.to) remove = remove.where('date', '<=', window.to);
  await remove.execute();
  if (rows.length === 0) return;
  // One statement over a JSON array: a year of rows as bound parameters would need thousands of
  // placeholders, and SQLite reads the array faster than it compiles that many inserts.
  const json = JSON.stringify(rows.map((r) => [r.date, r.category, r.value, r.stated, r.status, r.reason, r.evidence, r.source]));
  await sql`
    insert into clean_values (date, category, value, stated, status, reason, evidence, source)
    select j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7
    from json_each(${json}) j`.execute(db);
}

/** Counts of the clean series by status, for summaries. */
export async function countCleanStatuses(db: Kysely<Database>, window: DateWindow = {}): Promise<Record<string, number>> {
  let query = db.selectFrom('clean_values').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status');
  if (window.from) query = query.where('date', '>=', window.from);
  if (window.to) query = query.where('date', '<=', window.to);
  return Object.fromEntries((await query.execute()).map((r) => [r.status, Number(r.n)]));
}

/** The days of the clean series that say something: any status but stated, or a stated total with a reason. */
export async function listCleanNotes(db: Kysely<Database>, window: DateWindow = {}): Promise<{ date: string; category: string; value: number | null; stated: number | null; status: string; reason: string | null }[]> {
  let query = db
    .selectFrom('clean_values')
    .select(['date', 'category', 'value', 'stated', 'status', 'reason'])
    .where((eb) => eb.or([eb('status', '<>', 'stated'), eb('reason', 'is not', null)]))
    .orderBy('date')
    .orderBy('category');
  if (window.from) query = query.where('date', '>=', window.from);
  if (window.to) query = query.where('date', '<=', window.to);
  return query.execute();
}
