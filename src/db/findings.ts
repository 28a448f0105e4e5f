/**
 * Findings are derived data: they are replaced, for a source and a set of dates, by whatever
 * the checks compute from the stored figures now. Each is tied to the latest revision of the
 * report it concerns.
 */
import type { Kysely } from 'kysely';
import type { Finding } from '../checks/findings.js';
import { isOneOfDates } from './date-list.js';
import type { Database } from './schema.js';

export interface FindingScope {
  /** Limit to one source; all sources when absent. */
  readonly source?: string;
  /** Only findings of these kinds … */
  readonly kinds?: readonly string[];
  /** … or all but these. */
  readonly exceptKinds?: readonly string[];
  /** Exactly these dates … */
  readonly dates?: readonly string[];
  /** … or a range (both ends inclusive, either may be open). */
  readonly from?: string;
  readonly to?: string;
}

export async function replaceFindings(db: Kysely<Database>, scope: FindingScope, findings: readonly Finding[]): Promise<void> {
  let remove = db.deleteFrom('findings');
  if (scope.source) remove = remove.where('source', '=', scope.source);
  if (scope.dates) {
    if (scope.dates.length === 0) return;
    remove = remove.where(isOneOfDates('report_date', scope.dates));
  }
  if (scope.from) remove = remove.where('report_date', '>=', scope.from);
  if (scope.to) remove = remove.where('report_date', '<=', scope.to);
  if (scope.kinds) remove = remove.where('kind', 'in', [...scope.kinds]);
  if (scope.exceptKinds) remove = remove.where('kind', 'not in', [...scope.exceptKinds]);
  await remove.execute();
  if (findings.length === 0) return;

  // The latest report of each (source, date), read once per source for the dates concerned.
  const reportIds = new Map<string, number>();
  const spans = new Map<string, { from: string; to: string }>();
  for (const f of findings) {
    const span = spans.get(f.source);
    if (!span) spans.set(f.source, { from: f.date, to: f.date });
    else {
      if (f.date < span.from) span.from = f.date;
      if (f.date > span.to) span.to = f.date;
    }
  }
  for (const [source, span] of spans) {
    const rows = await db
      .selectFrom('latest_reports')
      .select(['id', 'report_date'])
      .where('source', '=', source)
      .where('report_date', '>=', span.from)
      .where('report_date', '<=', span.to)
      .execute();
    for (const row of rows) reportIds.set(`${source}|${row.report_date}`, row.id);
  }
  // SQLite limits bound parameters per statement; insert in slices.
  const rows = findings.map((f) => {
    const reportId = reportIds.get(`${f.source}|${f.date}`) ?? -1;
    return {
      source: f.source,
      report_date: f.date,
      report_id: reportId < 0 ? null : reportId,
      category: f.category,
      kind: f.kind,
      severity: f.severity,
      expected: f.expected,
      actual: f.actual,
      detail: f.detail,
    };
  });
  // Nine parameters a row: slices stay well below SQLite's limit per statement.
  for (let i = 0; i < rows.length; i += 3000) {
    await db.insertInto('findings').values(rows.slice(i, i + 3000)).execute();
  }
}

export async function listFindings(db: Kysely<Database>, scope: FindingScope = {}): Promise<Finding[]> {
  let query = db.selectFrom('findings').select(['report_date', 'source', 'category', 'kind', 'severity', 'expected', 'actual', 'detail']);
  if (scope.source) query = query.where('source', '=', scope.source);
  if (scope.from) query = query.where('report_date', '>=', scope.from);
  if (scope.to) query = query.where('report_date', '<=', scope.to);
  const rows = await query.execute();
  return rows.map((r) => ({
    date: r.report_date,
    source: r.source,
    category: r.category,
    kind: r.kind as Finding['kind'],
    severity: r.severity,
    expected: r.expected,
    actual: r.actual,
    detail: r.detail,
  }));
}
