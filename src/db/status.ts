/** What `status` reports, read from the database in a few queries. */
import type BetterSqlite3 from 'better-sqlite3';

export interface SourceStatus {
  readonly source: string;
  readonly reports: number;
  readonly firstDate: string | null;
  readonly latestDate: string | null;
  readonly lastFetch: { readonly at: string; readonly outcome: string; readonly url: string; readonly error: string | null } | null;
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

export interface StatusData {
  readonly latestReportDate: string | null;
  readonly sources: readonly SourceStatus[];
  readonly gaps: readonly GapRow[];
  readonly openErrors: readonly OpenError[];
}

// Plain prepared statements: `status` is run by monitors every few minutes and must start fast.
export function readStatus(sqlite: BetterSqlite3.Database): StatusData {
  const sources = sqlite
    .prepare(
      `select s.id as source,
              (select count(*) from latest_reports r where r.source = s.id) as reports,
              (select min(report_date) from reports r where r.source = s.id) as firstDate,
              (select max(report_date) from reports r where r.source = s.id) as latestDate
       from sources s
       where exists (select 1 from reports r where r.source = s.id)
          or exists (select 1 from fetches f where f.source = s.id)
       order by s.priority, s.id`,
    )
    .all() as Omit<SourceStatus, 'lastFetch'>[];
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
  const latest = sqlite.prepare(`select max(report_date) as d from reports`).get() as { d: string | null };
  return {
    latestReportDate: latest.d,
    sources: sources.map((s) => ({ ...s, lastFetch: (lastFetch.get(s.source) as SourceStatus['lastFetch'] | undefined) ?? null })),
    gaps,
    openErrors,
  };
}
