/**
 * The reads behind `losstally serve`: plain prepared statements on a read-only connection
 * (no Kysely on read paths, so the server starts fast). Every statement is prepared once, when
 * the server is created; each call runs one of them.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { requireCleanSeries } from './clean-view.js';
import type { CategoriesTable, CleanValuesTable } from './schema.js';

/** One row of the `series` view for one category. `flags` is the view's list, split. */
export interface SeriesPoint {
  readonly date: string;
  readonly day: number;
  readonly total: number | null;
  readonly delta: number | null;
  readonly qualifier: string | null;
  readonly source: string;
  readonly flags: readonly string[];
}

/** One row of the `series_clean` view for one category: the best estimate of the total and why. */
export interface CleanPoint {
  readonly date: string;
  readonly day: number;
  readonly value: number | null;
  /** What the preferred source printed, or null. */
  readonly stated: number | null;
  readonly status: CleanValuesTable['status'];
  readonly reason: string | null;
  readonly evidence: string | null;
  readonly source: string;
}

/** One row of the latest report date in the `series` view. */
export interface LatestRow {
  readonly category: string;
  readonly total: number | null;
  readonly delta: number | null;
  readonly qualifier: string | null;
  readonly source: string;
  readonly flags: readonly string[];
}

export interface Latest {
  readonly date: string | null;
  readonly day: number | null;
  readonly rows: readonly LatestRow[];
}

/** A stored finding, with the same fields as `losstally check --json`. */
export interface FindingRow {
  readonly date: string;
  readonly source: string;
  readonly category: string | null;
  readonly kind: string;
  readonly severity: string;
  readonly expected: number | null;
  readonly actual: number | null;
  readonly detail: string;
}

export interface SourceRow {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  /** Lower wins in `series`. */
  readonly priority: number;
  /** Report dates stored (latest revisions). */
  readonly reports: number;
  readonly firstDate: string | null;
  readonly latestDate: string | null;
}

export interface CategoryRow {
  readonly key: string;
  readonly position: number;
  readonly labels: { readonly uk: string; readonly en: string; readonly de: string };
  readonly since: string;
  readonly until: string | null;
}

export interface DateRange {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface AnalystQueries {
  /** The category keys, in registry order. */
  categoryKeys(): readonly string[];
  categories(): readonly CategoryRow[];
  series(category: string, range: DateRange): readonly SeriesPoint[];
  /** The clean series of a category; a DatabaseError on a database whose schema has none yet. */
  cleanSeries(category: string, range: DateRange): readonly CleanPoint[];
  latest(): Latest;
  findings(range: DateRange & { readonly category?: string | undefined }): readonly FindingRow[];
  /** The findings of several categories, and those about whole reports (no category), in the same order. */
  findingsOf(categories: readonly string[], range: DateRange): readonly FindingRow[];
  sources(): readonly SourceRow[];
}

interface RawSeriesRow {
  date: string;
  day: number;
  category: string;
  total: number | null;
  delta: number | null;
  qualifier: string | null;
  source: string;
  flags: string | null;
}

function splitFlags(flags: string | null): readonly string[] {
  return flags ? flags.split(',') : [];
}

export function prepareAnalystQueries(sqlite: BetterSqlite3.Database): AnalystQueries {
  const categories = sqlite.prepare(`select key, position, label_uk, label_en, label_de, since, until from categories order by position, key`);
  const series = sqlite.prepare(
    `select date, day, category, total, delta, qualifier, source, flags from series
     where category = @category
       and (@from is null or date >= @from)
       and (@to is null or date <= @to)
     order by date`,
  );
  // Prepared on first use: a database of an older schema has no series_clean, and the rest of the
  // server must still answer on it.
  let cleanSeries: BetterSqlite3.Statement | null = null;
  const cleanStatement = (): BetterSqlite3.Statement => {
    if (cleanSeries) return cleanSeries;
    requireCleanSeries(sqlite);
    return (cleanSeries = sqlite.prepare(
      `select date, day, value, stated, status, reason, evidence, source from series_clean
       where category = @category
         and (@from is null or date >= @from)
         and (@to is null or date <= @to)
       order by date`,
    ));
  };
  // The latest date `series` has a row for, without computing the whole view: a report's
  // figure of a category that was in use on its date.
  const latestDate = sqlite.prepare(
    `select max(lr.report_date) as date
     from latest_reports lr
     join figures f on f.report_id = lr.id
     join categories c on c.key = f.category
     where c.until is null or lr.report_date <= c.until`,
  );
  const latestRows = sqlite.prepare(
    `select s.date, s.day, s.category, s.total, s.delta, s.qualifier, s.source, s.flags
     from series s join categories c on c.key = s.category
     where s.date = ?
     order by c.position`,
  );
  const findings = sqlite.prepare(
    `select f.report_date as date, f.source, f.category, f.kind, f.severity, f.expected, f.actual, f.detail
     from findings f left join categories c on c.key = f.category
     where (@from is null or f.report_date >= @from)
       and (@to is null or f.report_date <= @to)
       and (@category is null or f.category = @category)
     order by f.report_date, c.position, f.source, f.kind, f.id`,
  );
  // The same order as `findings`; the keys come as one JSON array so that one statement serves any number.
  const findingsOf = sqlite.prepare(
    `select f.report_date as date, f.source, f.category, f.kind, f.severity, f.expected, f.actual, f.detail
     from findings f left join categories c on c.key = f.category
     where (@from is null or f.report_date >= @from)
       and (@to is null or f.report_date <= @to)
       and (f.category is null or f.category in (select value from json_each(@categories)))
     order by f.report_date, c.position, f.source, f.kind, f.id`,
  );
  const sources = sqlite.prepare(
    `select s.id, s.title, s.kind, s.priority,
            count(lr.id) as reports, min(lr.report_date) as firstDate, max(lr.report_date) as latestDate
     from sources s left join latest_reports lr on lr.source = s.id
     group by s.id
     order by s.priority, s.id`,
  );

  const readCategories = (): CategoryRow[] =>
    (categories.all() as CategoriesTable[]).map((c) => ({
      key: c.key,
      position: c.position,
      labels: { uk: c.label_uk, en: c.label_en, de: c.label_de },
      since: c.since,
      until: c.until,
    }));

  return {
    categoryKeys: () => readCategories().map((c) => c.key),
    categories: readCategories,
    series(category, range) {
      const rows = series.all({ category, from: range.from ?? null, to: range.to ?? null }) as RawSeriesRow[];
      return rows.map((r) => ({
        date: r.date,
        day: r.day,
        total: r.total,
        delta: r.delta,
        qualifier: r.qualifier,
        source: r.source,
        flags: splitFlags(r.flags),
      }));
    },
    cleanSeries(category, range) {
      return cleanStatement().all({ category, from: range.from ?? null, to: range.to ?? null }) as CleanPoint[];
    },
    latest() {
      const { date } = latestDate.get() as { date: string | null };
      if (date === null) return { date: null, day: null, rows: [] };
      const rows = latestRows.all(date) as RawSeriesRow[];
      return {
        date,
        day: rows[0]?.day ?? null,
        rows: rows.map((r) => ({
          category: r.category,
          total: r.total,
          delta: r.delta,
          qualifier: r.qualifier,
          source: r.source,
          flags: splitFlags(r.flags),
        })),
      };
    },
    findings(range) {
      return findings.all({ from: range.from ?? null, to: range.to ?? null, category: range.category ?? null }) as FindingRow[];
    },
    findingsOf(keys, range) {
      return findingsOf.all({ from: range.from ?? null, to: range.to ?? null, categories: JSON.stringify(keys) }) as FindingRow[];
    },
    sources() {
      return sources.all() as SourceRow[];
    },
  };
}
