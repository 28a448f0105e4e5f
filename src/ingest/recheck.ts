/**
 * Runs the checks over stored figures and replaces the stored findings with the result. After
 * one report is stored, only its own findings and its successor's can change (the successor is
 * checked against it); `check` recomputes everything.
 */
import type { Kysely } from 'kysely';
import { compareFindings, type Finding } from '../checks/findings.js';
import { checkRevision } from '../checks/revision-checks.js';
import { checkSourceSeries, DEFAULT_SERIES_CHECK_OPTIONS } from '../checks/series-checks.js';
import { listFindings, replaceFindings } from '../db/findings.js';
import {
  categoriesSeenBefore,
  dateNReportsBefore,
  listReportSources,
  loadCheckedReports,
  loadRevisedReports,
  nextReportDate,
} from '../db/reports.js';
import type { Database } from '../db/schema.js';

/** Reports of history each recheck reads before the dates it checks (the outlier window and one). */
const HISTORY_REPORTS = DEFAULT_SERIES_CHECK_OPTIONS.outlierWindow + 1;

async function revisionFindings(db: Kysely<Database>, scope: { source?: string; from?: string; to?: string }): Promise<Finding[]> {
  const revisions = await loadRevisedReports(db, scope);
  const found: Finding[] = [];
  for (let i = 1; i < revisions.length; i++) {
    const before = revisions[i - 1];
    const after = revisions[i];
    if (!before || !after || before.source !== after.source || before.date !== after.date) continue;
    found.push(...checkRevision(after.source, after.date, before, after));
  }
  return found;
}

/** Recomputes the findings of a source's reports on `date` and on the report after it. */
export async function recheckAround(db: Kysely<Database>, source: string, date: string): Promise<Finding[]> {
  const successor = await nextReportDate(db, source, date);
  const historyStart = (await dateNReportsBefore(db, source, date, HISTORY_REPORTS)) ?? date;
  const reports = await loadCheckedReports(db, source, { from: historyStart, to: successor ?? date });
  const seenBefore = await categoriesSeenBefore(db, source, historyStart);
  const targets = successor ? [date, successor] : [date];
  const found = checkSourceSeries(source, reports, { checkFrom: date, seenBefore }).filter((f) => targets.includes(f.date));
  for (const target of targets) found.push(...(await revisionFindings(db, { source, from: target, to: target })));
  found.sort(compareFindings);
  await replaceFindings(db, { source, dates: targets }, found);
  return found;
}

export interface CheckRange {
  readonly from?: string;
  readonly to?: string;
}

/**
 * Recomputes every finding in a date range from the stored figures, replaces the stored ones
 * and returns them in order. Reports before the range are read as history, so the result for a
 * date never depends on the range asked for.
 */
export async function recomputeFindings(db: Kysely<Database>, range: CheckRange = {}): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const source of await listReportSources(db)) {
    const reports = await loadCheckedReports(db, source, { to: range.to });
    found.push(...checkSourceSeries(source, reports, { checkFrom: range.from }));
  }
  found.push(...(await revisionFindings(db, range)));
  found.sort(compareFindings);
  await replaceFindings(db, { from: range.from, to: range.to }, found);
  return found;
}

export async function storedFindings(db: Kysely<Database>, range: CheckRange = {}): Promise<Finding[]> {
  return (await listFindings(db, range)).sort(compareFindings);
}
