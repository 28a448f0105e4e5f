/** What `status` reports, read from the database in a few queries. */
import type BetterSqlite3 from 'better-sqlite3';
import { readAllWorkerState, type WorkerStateValues } from './worker-state.js';

export interface SourceStatus {
  readonly source: string;
  readonly kind: string;
  readonly reports: number;
  readonly firstDate: string | null;
  /** The latest report date not after today: a report dated in the future never makes a source look fresh. */
  readonly latestDate: string | null;
  /** Reports dated after today (a typo in a dataset, say), and the latest such date. */
  readonly futureReports: number;
  readonly futureLatest: string | null;
  readonly lastFetch: { readonly at: string; readonly outcome: string; readonly url: string; readonly error: string | null } | null;
  /** How the source's last report was found, for a source whose addresses come in forms: a guessed address, or its listing. */
  readonly foundBy: { readonly via: 'address' | 'listing'; readonly form: string; readonly url: string; readonly reportDate: string } | null;
}

export interface GapRow {
  readonly source: string;
  /** The last report before the gap and the first after it. */
  readonly after: string;
  readonly before: string;
  readonly missingDays: number;
}

export interface OpenError {
  readonly date: string;
  readonly source: string;
  readonly category: string | null;
  readonly kind: string;
  readonly detail: string;
}

/** A day of the series: the sources its figures came from, and every source that reported the day. */
export interface SeriesDay {
  readonly date: string;
  readonly sources: readonly string[];
  readonly reportedBy: readonly string[];
}

export interface StatusData {
  /** The latest report date of any source, not after today. */
  readonly latestReportDate: string | null;
  readonly sources: readonly SourceStatus[];
  /** The series' days from `recentFrom` to today, oldest first, and its latest day when older. */
  readonly recentSeries: readonly SeriesDay[];
  readonly gaps: readonly GapRow[];
  readonly openErrors: readonly OpenError[];
  readonly worker: Partial<WorkerStateValues>;
}

// Plain prepared statements: `status` is run by monitors every few minutes and must start fast.
export function readStatus(sqlite: BetterSqlite3.Database, today: string, recentFrom: string): StatusData {
  const sources = sqlite
    .prepare(
      `select s.id as source, s.kind,
              (select count(*) from latest_reports r where r.source = s.id) as reports,
              (select min(report_date) from reports r where r.source = s.id) as firstDate,
              (select max(report_date) from reports r where r.source = s.id and r.report_date <= :today) as latestDate,
              (select count(*) from latest_reports r where r.source = s.id and r.report_date > :today) as futureReports,
              (select max(report_date) from reports r where r.source = s.id and r.report_date > :today) as futureLatest
       from sources s
       where exists (select 1 from reports r where r.source = s.id)
          or exists (select 1 from fetches f where f.source = s.id)
       order by s.priority, s.id`,
    )
    .all({ today }) as Omit<SourceStatus, 'lastFetch' | 'foundBy'>[];
  // A database not migrated since url_forms came has no answer to give, not an error.
  const hasUrlForms = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = 'url_forms'`).get() !== undefined;
  const foundBy = hasUrlForms ? sqlite.prepare(`select found_via as via, form, url, report_date as reportDate from url_forms where source = ?`) : null;
  const lastFetch = sqlite.prepare(
    `select fetched_at as at, outcome, url, error from fetches where source = ? order by fetched_at desc, id desc limit 1`,
  );
  const gaps = sqlite
    .prepare(
      `select source, previous as after, report_date as before,
              cast(julianday(report_date) - julianday(previous) as integer) - 1 as missingDays
       from (
         select source, report_date, lag(report_date) over (partition by source order by report_date) as previous
         from latest_reports
       )
       where previous is not null and julianday(report_date) - julianday(previous) > 1
       order by source, report_date`,
    )
    .all() as GapRow[];
  const openErrors = sqlite
    .prepare(
      `select report_date as date, source, category, kind, detail from findings
       where severity = 'error' order by report_date, source, category, kind`,
    )
    .all() as OpenError[];
  const latest = (sqlite.prepare(`select max(report_date) as d from reports where report_date <= ?`).get(today) as { d: string | null }).d;
  // A date range of the series view is quick (it ranks each date apart); its max over all dates is not.
  const seriesDays = sqlite.prepare(
    `select date, group_concat(distinct source) as sources from series where date between ? and ? group by date order by date`,
  );
  const reporters = sqlite.prepare(`select report_date as date, group_concat(distinct source) as sources from reports where report_date between ? and ? group by report_date`);
  const daysOf = (from: string, to: string): SeriesDay[] => {
    const reportedBy = new Map((reporters.all(from, to) as { date: string; sources: string }[]).map((r) => [r.date, r.sources.split(',').sort()]));
    return (seriesDays.all(from, to) as { date: string; sources: string }[]).map((r) => ({ date: r.date, sources: r.sources.split(',').sort(), reportedBy: reportedBy.get(r.date) ?? [] }));
  };
  let recentSeries = daysOf(recentFrom, today);
  if (recentSeries.length === 0 && latest !== null) recentSeries = daysOf(latest, latest);
  return {
    latestReportDate: latest,
    sources: sources.map((s) => ({
      ...s,
      lastFetch: (lastFetch.get(s.source) as SourceStatus['lastFetch'] | undefined) ?? null,
      foundBy: (foundBy?.get(s.source) as SourceStatus['foundBy'] | undefined) ?? null,
    })),
    recentSeries,
    gaps,
    openErrors,
    worker: readAllWorkerState(sqlite),
  };
}
