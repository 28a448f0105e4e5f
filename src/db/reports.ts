/**
 * Reports and their figures. A report row is one revision of one source's report for one date;
 * figures hang off it. Nothing here is ever updated or deleted: a changed re-publication is a
 * new revision.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { SourceTotal } from '../checks/cross-source.js';
import type { CategorySeed, CheckedReport } from '../checks/series-checks.js';
import type { ParsedReport } from '../report/types.js';
import { isOneOfDates } from './date-list.js';
import type { Database } from './schema.js';

export interface StoredFigure {
  readonly category: string | null;
  readonly total: number | null;
  readonly delta: number | null;
  readonly qualifier: string | null;
  readonly label: string;
}

export interface StoredReport {
  readonly id: number;
  readonly source: string;
  readonly reportDate: string;
  readonly revision: number;
  readonly figures: readonly StoredFigure[];
}

export async function findLatestRevision(db: Kysely<Database>, source: string, reportDate: string): Promise<StoredReport | null> {
  const report = await db
    .selectFrom('reports')
    .select(['id', 'revision'])
    .where('source', '=', source)
    .where('report_date', '=', reportDate)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!report) return null;
  const figures = await db
    .selectFrom('figures')
    .select(['category', 'total', 'delta', 'qualifier', 'label'])
    .where('report_id', '=', report.id)
    .orderBy('id')
    .execute();
  return { id: report.id, source, reportDate, revision: report.revision, figures };
}

/** The figures of a parsed report as they are stored, unknown labels included. */
export function figuresOf(report: ParsedReport): StoredFigure[] {
  return [
    ...report.figures.map((f) => ({ category: f.category as string, total: f.total, delta: f.delta, qualifier: f.qualifier, label: f.label })),
    ...report.unmapped.map((u) => ({ category: null, total: u.total, delta: u.delta, qualifier: u.qualifier, label: u.label })),
  ];
}

export interface NewReport {
  readonly source: string;
  readonly reportDate: string;
  readonly revision: number;
  readonly url: string | null;
  readonly documentSha256: string | null;
  readonly fetchId: number | null;
  readonly language: string;
  readonly parserVersion: string;
  readonly storedAt: string;
  readonly figures: readonly StoredFigure[];
}

export async function insertReport(db: Kysely<Database>, report: NewReport): Promise<number> {
  const { id } = await db
    .insertInto('reports')
    .values({
      source: report.source,
      report_date: report.reportDate,
      revision: report.revision,
      url: report.url,
      document_sha256: report.documentSha256,
      fetch_id: report.fetchId,
      language: report.language,
      parser_version: report.parserVersion,
      stored_at: report.storedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (report.figures.length > 0) {
    await db
      .insertInto('figures')
      .values(report.figures.map((f) => ({ report_id: id, category: f.category, total: f.total, delta: f.delta, qualifier: f.qualifier, label: f.label })))
      .execute();
  }
  return id;
}

export interface ReportWindow {
  readonly from?: string;
  readonly to?: string;
}

/** Whether a source ever re-published a day (has a revision 2). */
async function hasRevisions(db: Kysely<Database>, source: string): Promise<boolean> {
  return (await db.selectFrom('reports').select('id').where('source', '=', source).where('revision', '>', 1).limit(1).executeTakeFirst()) !== undefined;
}

/** Where a source's latest revisions are read: without revisions the plain table, far quicker than the view. */
async function latestReportsOf(db: Kysely<Database>, source: string): Promise<'latest_reports' | 'reports'> {
  return (await hasRevisions(db, source)) ? 'latest_reports' : 'reports';
}

/** Rows read per page by checkedReports: a few hundred reports. */
const CHECKED_PAGE_ROWS = 4096;

/**
 * The latest revision of each of a source's reports in a date range, oldest first, as checks
 * read them: read a page of rows at a time (keyset on the date), so that checking a long series
 * holds a page, not the series, without paying an asynchronous step per row.
 */
export async function* checkedReports(db: Kysely<Database>, source: string, window: ReportWindow = {}, pageRows = CHECKED_PAGE_ROWS): AsyncGenerator<CheckedReport> {
  const reportsTable = await latestReportsOf(db, source);
  let query = db
    .selectFrom(`${reportsTable} as r`)
    .innerJoin('figures as f', 'f.report_id', 'r.id')
    .select(['r.report_date as date', 'f.category', 'f.total', 'f.delta', 'f.label'])
    .where('r.source', '=', source);
  if (window.from) query = query.where('r.report_date', '>=', window.from);
  if (window.to) query = query.where('r.report_date', '<=', window.to);
  const ordered = (q: typeof query) => q.orderBy('r.report_date').orderBy('f.id');

  let after: string | null = null;
  for (;;) {
    const rows: CheckedRow[] = await ordered(after === null ? query : query.where('r.report_date', '>', after)).limit(pageRows).execute();
    const last: string | undefined = rows.at(-1)?.date;
    if (last === undefined) return;
    const full: boolean = rows.length === pageRows;
    // A full page may end inside its last report, whose rest is on the next page: that report
    // is read whole with the next page (or alone, if one report outgrew a page).
    let page: CheckedRow[] = full ? rows.filter((row) => row.date !== last) : rows;
    if (page.length === 0) page = await ordered(query.where('r.report_date', '=', last)).execute();
    yield* groupReports(page);
    if (!full) return;
    after = page.at(-1)?.date ?? last;
  }
}

/** A figure of a report as checkedReports reads it. */
interface CheckedRow {
  readonly date: string;
  readonly category: string | null;
  readonly total: number | null;
  readonly delta: number | null;
  readonly label: string;
}

/** Rows of figures in date order, as one CheckedReport per date. */
function* groupReports(rows: readonly CheckedRow[]): Generator<CheckedReport> {
  let report: { date: string; figures: CheckedReport['figures'][number][]; unmapped: CheckedReport['unmapped'][number][] } | null = null;
  for (const row of rows) {
    if (!report || report.date !== row.date) {
      if (report) yield report;
      report = { date: row.date, figures: [], unmapped: [] };
    }
    if (row.category === null) report.unmapped.push({ label: row.label, total: row.total, delta: row.delta });
    else report.figures.push({ category: row.category, total: row.total, delta: row.delta });
  }
  if (report) yield report;
}

/** The categories to seed a resumed check with: those whose last total, and those whose last deltas, it needs. */
export interface SeedRequest {
  readonly totals: readonly string[];
  readonly deltas: readonly string[];
  /** How many of the last deltas (the outlier window). */
  readonly deltaCount: number;
}

/** The categories of a source's reports before a date (latest revisions). */
export async function categoriesBefore(db: Kysely<Database>, source: string, before: string): Promise<string[]> {
  const rows = await db
    .selectFrom(`${await latestReportsOf(db, source)} as r`)
    .innerJoin('figures as f', 'f.report_id', 'r.id')
    .select('f.category')
    .distinct()
    .where('r.source', '=', source)
    .where('r.report_date', '<', before)
    .where('f.category', 'is not', null)
    .execute();
  return rows.map((row) => row.category as string);
}

/**
 * What a check of a source's series resumed at `before` needs of the reports before it: the last
 * total of each category asked for, and its last deltas. SeriesChecker.settled tells whether it
 * was enough.
 */
export async function loadCategorySeeds(db: Kysely<Database>, source: string, before: string, request: SeedRequest): Promise<CategorySeed[]> {
  const reportsTable = await latestReportsOf(db, source);
  const figuresBefore = (categories: readonly string[]) =>
    db
      .selectFrom(`${reportsTable} as r`)
      .innerJoin('figures as f', 'f.report_id', 'r.id')
      .where('r.source', '=', source)
      .where('r.report_date', '<', before)
      .where('f.category', 'in', categories);
  const totals = request.totals.length === 0 ? [] : await figuresBefore(request.totals)
    .where('f.total', 'is not', null)
    // SQLite takes the bare columns of an aggregate query from the row with the max(…).
    .select(['f.category', 'f.total'])
    .select((eb) => eb.fn.max('r.report_date').as('date'))
    .groupBy('f.category')
    .execute();
  const deltas = request.deltas.length === 0 ? [] : await db
    .selectFrom(
      figuresBefore(request.deltas)
        .select(['f.category', 'f.delta', 'r.report_date as date'])
        .select((eb) => eb.fn.agg<number>('row_number').over((over) => over.partitionBy('f.category').orderBy('r.report_date', 'desc')).as('back'))
        .where('f.delta', 'is not', null)
        .as('d'),
    )
    .select(['category', 'delta'])
    .where('back', '<=', request.deltaCount)
    .orderBy('category')
    .orderBy('date')
    .execute();
  const seeds = new Map<string, { category: string; lastTotal: number | null; lastTotalDate: string | null; recentDeltas: number[] }>();
  const seedOf = (category: string) => {
    let seed = seeds.get(category);
    if (!seed) seeds.set(category, (seed = { category, lastTotal: null, lastTotalDate: null, recentDeltas: [] }));
    return seed;
  };
  for (const row of totals) Object.assign(seedOf(row.category as string), { lastTotal: row.total, lastTotalDate: row.date });
  for (const row of deltas) seedOf(row.category as string).recentDeltas.push(row.delta as number);
  return [...seeds.values()];
}

export interface RevisionFigures {
  readonly source: string;
  readonly date: string;
  readonly revision: number;
  readonly lines: readonly StoredFigure[];
}

/** Every revision of the reports that have more than one, in a range, oldest revision first. */
export async function loadRevisedReports(db: Kysely<Database>, window: ReportWindow & { source?: string } = {}): Promise<RevisionFigures[]> {
  // The (source, date) pairs that were ever re-published: usually none, and then nothing more to read.
  let pairs = db.selectFrom('reports').select('id').where('revision', '>', 1);
  if (window.source) pairs = pairs.where('source', '=', window.source);
  if (window.from) pairs = pairs.where('report_date', '>=', window.from);
  if (window.to) pairs = pairs.where('report_date', '<=', window.to);
  if (!(await pairs.limit(1).executeTakeFirst())) return [];
  let query = db
    .with('revised', (qb) => qb.selectFrom('reports').select(['source', 'report_date']).distinct().where('revision', '>', 1))
    .selectFrom('revised as v')
    .innerJoin('reports as r', (join) => join.onRef('r.source', '=', 'v.source').onRef('r.report_date', '=', 'v.report_date'))
    .leftJoin('figures as f', 'f.report_id', 'r.id')
    .select(['r.source', 'r.report_date as date', 'r.revision', 'f.category', 'f.label', 'f.total', 'f.delta', 'f.qualifier']);
  if (window.source) query = query.where('r.source', '=', window.source);
  if (window.from) query = query.where('r.report_date', '>=', window.from);
  if (window.to) query = query.where('r.report_date', '<=', window.to);
  const rows = await query.orderBy('r.source').orderBy('r.report_date').orderBy('r.revision').orderBy('f.id').execute();

  const out: { source: string; date: string; revision: number; lines: StoredFigure[] }[] = [];
  for (const row of rows) {
    let last = out[out.length - 1];
    if (!last || last.source !== row.source || last.date !== row.date || last.revision !== row.revision) {
      last = { source: row.source, date: row.date, revision: row.revision, lines: [] };
      out.push(last);
    }
    // A revision without any line still counts: the left join gives it one empty row.
    if (row.label !== null) {
      last.lines.push({ category: row.category, label: row.label, total: row.total, delta: row.delta, qualifier: row.qualifier });
    }
  }
  return out;
}

/** Every source that has stored reports. */
export async function listReportSources(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('reports').select('source').distinct().orderBy('source').execute();
  return rows.map((r) => r.source);
}

/** Every stated total of every source's latest revision, for the cross-source check. */
export async function loadSourceTotals(db: Kysely<Database>, scope: ReportWindow & { dates?: readonly string[] } = {}): Promise<SourceTotal[]> {
  if (scope.dates?.length === 0) return [];
  let query = db
    .selectFrom('latest_reports as r')
    .innerJoin('figures as f', 'f.report_id', 'r.id')
    .innerJoin('sources as s', 's.id', 'r.source')
    .select(['r.report_date as date', 'f.category', 'r.source', 's.priority', 'f.total'])
    .where('f.category', 'is not', null)
    .where('f.total', 'is not', null);
  if (scope.dates) query = query.where(isOneOfDates('r.report_date', scope.dates));
  if (scope.from) query = query.where('r.report_date', '>=', scope.from);
  if (scope.to) query = query.where('r.report_date', '<=', scope.to);
  const rows = await query.execute();
  return rows.map((r) => ({ date: r.date, category: r.category ?? '', source: r.source, priority: r.priority, total: r.total ?? 0 }));
}

/** The latest report date a source has stored, not after `notAfter` when given, or null. */
export async function latestReportDate(db: Kysely<Database>, source: string, notAfter?: string): Promise<string | null> {
  let query = db.selectFrom('reports').select((eb) => eb.fn.max('report_date').as('latest')).where('source', '=', source);
  if (notAfter !== undefined) query = query.where('report_date', '<=', notAfter);
  const row = await query.executeTakeFirst();
  return row?.latest ?? null;
}

/** Whether the database holds any report at all. */
export async function hasAnyReport(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('reports').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function hasReport(db: Kysely<Database>, source: string, date: string): Promise<boolean> {
  const row = await db.selectFrom('reports').select('id').where('source', '=', source).where('report_date', '=', date).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The latest stored revision of each of a source's dates in a range, with its figures. */
export async function loadLatestRevisions(db: Kysely<Database>, source: string, from: string, to: string): Promise<Map<string, StoredReport>> {
  const rows = await db
    .selectFrom('latest_reports as r')
    .leftJoin('figures as f', 'f.report_id', 'r.id')
    .select(['r.id', 'r.report_date', 'r.revision', 'f.category', 'f.total', 'f.delta', 'f.qualifier', 'f.label'])
    .where('r.source', '=', source)
    .where('r.report_date', '>=', from)
    .where('r.report_date', '<=', to)
    .orderBy('r.report_date')
    .orderBy('f.id')
    .execute();
  const latest = new Map<string, StoredReport & { figures: StoredFigure[] }>();
  for (const row of rows) {
    let report = latest.get(row.report_date);
    if (!report) {
      report = { id: row.id, source, reportDate: row.report_date, revision: row.revision, figures: [] };
      latest.set(row.report_date, report);
    }
    if (row.label !== null) report.figures.push({ category: row.category, total: row.total, delta: row.delta, qualifier: row.qualifier, label: row.label });
  }
  return latest;
}

/** SQLite binds at most 32,766 parameters per statement: inserts go in slices below that. */
const PARAMETERS_PER_STATEMENT = 30_000;

/** Inserts many reports with their figures in a few statements; returns the new report ids in input order. */
export async function insertReports(db: Kysely<Database>, reports: readonly NewReport[]): Promise<number[]> {
  const ids: number[] = [];
  const reportColumns = 9;
  for (let i = 0; i < reports.length; i += Math.floor(PARAMETERS_PER_STATEMENT / reportColumns)) {
    const slice = reports.slice(i, i + Math.floor(PARAMETERS_PER_STATEMENT / reportColumns));
    const rows = await db
      .insertInto('reports')
      .values(
        slice.map((r) => ({
          source: r.source,
          report_date: r.reportDate,
          revision: r.revision,
          url: r.url,
          document_sha256: r.documentSha256,
          fetch_id: r.fetchId,
          language: r.language,
          parser_version: r.parserVersion,
          stored_at: r.storedAt,
        })),
      )
      .returning(['id', 'source', 'report_date', 'revision'])
      .execute();
    // RETURNING gives no order guarantee: match the rows by their unique key.
    const byKey = new Map(rows.map((row) => [`${row.source}|${row.report_date}|${row.revision}`, row.id]));
    for (const r of slice) ids.push(byKey.get(`${r.source}|${r.reportDate}|${r.revision}`) as number);
  }
  const figures = reports.flatMap((r, i) =>
    r.figures.map((f) => ({ report_id: ids[i] as number, category: f.category, total: f.total, delta: f.delta, qualifier: f.qualifier, label: f.label })),
  );
  // Written as plain SQL: building a query tree for tens of thousands of rows costs more than the insert.
  const perStatement = Math.floor(PARAMETERS_PER_STATEMENT / 6);
  for (let i = 0; i < figures.length; i += perStatement) {
    const slice = figures.slice(i, i + perStatement);
    const parameters = slice.flatMap((f) => [f.report_id, f.category, f.total, f.delta, f.qualifier, f.label]);
    const values = slice.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
    await db.executeQuery(CompiledQuery.raw(`insert into figures (report_id, category, total, delta, qualifier, label) values ${values}`, parameters));
  }
  return ids;
}

/** The report dates a source has stored in a range. */
export async function storedDates(db: Kysely<Database>, source: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reports')
    .select('report_date')
    .distinct()
    .where('source', '=', source)
    .where('report_date', '>=', from)
    .where('report_date', '<=', to)
    .execute();
  return new Set(rows.map((r) => r.report_date));
}

/** Whether any other source has a report between two dates. */
export async function othersReport(db: Kysely<Database>, source: string, from: string, to: string): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('source', '!=', source)
    .where('report_date', '>=', from)
    .where('report_date', '<=', to)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
