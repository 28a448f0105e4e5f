/**
 * The answer of `GET /api/chart`: everything the chart page draws for a set of categories and a
 * date range, read in one request so that the series, the findings and the sources line agree.
 * With `clean`, each row also carries the clean series' value of its day, which the page draws
 * the line through, marking the days it differs from the stated total.
 */
import type { AnalystQueries, CleanPoint, DateRange, FindingRow, SeriesPoint } from '../db/analyst.js';
import { lookBehindFrom, withDeltas, type DeltaFields } from './deltas.js';

/** The clean series on a row's day. The stated total is the row's own `total`, not repeated. */
export interface ChartClean {
  readonly value: number | null;
  readonly status: CleanPoint['status'];
  readonly reason: string | null;
  readonly evidence: string | null;
}

/** A row of the series with the deltas the page draws; `delta` stays as stated, `derivedDelta` is never copied into it. */
export interface ChartRow extends SeriesPoint, DeltaFields {
  /** Only when asked for: null on a day the clean series has no row (the checks have not run since). */
  readonly clean?: ChartClean | null;
}

export interface ChartOptions {
  /** Add `clean` to every row. */
  readonly clean?: boolean;
}

/** A source that gives at least one row of the view, with the days it gives. */
export interface ChartSource {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly days: number;
  readonly firstDate: string;
  readonly lastDate: string;
}

export interface ChartAnswer {
  readonly categories: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  readonly series: readonly { readonly category: string; readonly rows: readonly ChartRow[] }[];
  /** The categories' findings, and those about a whole report of a source on a day in view (a gap). */
  readonly findings: readonly FindingRow[];
  readonly sources: readonly ChartSource[];
}

function cleanByDate(points: readonly CleanPoint[]): Map<string, ChartClean> {
  return new Map(points.map((p) => [p.date, { value: p.value, status: p.status, reason: p.reason, evidence: p.evidence }]));
}

function chartRows(rows: readonly SeriesPoint[], from: string | undefined, clean: ReadonlyMap<string, ChartClean> | null): ChartRow[] {
  // The rows start a week before `from`, for the first days' derived deltas and averages.
  return withDeltas(rows)
    .filter((r) => from === undefined || r.date >= from)
    .map((r) => ({
      date: r.date,
      day: r.day,
      total: r.total,
      delta: r.delta,
      derivedDelta: r.derivedDelta,
      average7: r.average7,
      qualifier: r.qualifier,
      source: r.source,
      flags: r.flags,
      ...(clean ? { clean: clean.get(r.date) ?? null } : {}),
    }));
}

export function chartData(queries: AnalystQueries, categories: readonly string[], range: DateRange, options: ChartOptions = {}): ChartAnswer {
  const read = { from: range.from === undefined ? undefined : lookBehindFrom(range.from), to: range.to };
  const series = categories.map((category) => {
    const clean = options.clean ? cleanByDate(queries.cleanSeries(category, range)) : null;
    return { category, rows: chartRows(queries.series(category, read), range.from, clean) };
  });

  const daysBySource = new Map<string, Set<string>>();
  for (const { rows } of series) {
    for (const row of rows) daysBySource.set(row.source, (daysBySource.get(row.source) ?? new Set()).add(row.date));
  }
  const sources = queries.sources().flatMap((s) => {
    const days = daysBySource.get(s.id);
    if (!days) return [];
    const sorted = [...days].sort();
    return [{ id: s.id, title: s.title, kind: s.kind, days: sorted.length, firstDate: sorted[0] as string, lastDate: sorted[sorted.length - 1] as string }];
  });

  const findings = queries.findingsOf(categories, range).filter((f) => f.category !== null || daysBySource.get(f.source)?.has(f.date) === true);
  return { categories, from: range.from ?? null, to: range.to ?? null, series, findings, sources };
}
