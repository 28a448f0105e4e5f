/**
 * Runs the checks over stored figures and replaces the stored findings with the result.
 *
 * A report's findings depend on everything before it in its source's series (the last stated
 * total, deltas stated without totals, categories seen, recent deltas), so storing a report for
 * date d recomputes that source's findings for d and every later date, from its whole history.
 * In date order that is one day's work; out of order it is what keeps the stored findings equal
 * to what `check` computes from scratch.
 */
import type { Kysely } from 'kysely';
import { compareFindings, type Finding } from '../checks/findings.js';
import { checkRevision } from '../checks/revision-checks.js';
import { checkSourceSeries } from '../checks/series-checks.js';
import { replaceFindings } from '../db/findings.js';
import { listReportSources, loadCheckedReports, loadRevisedReports } from '../db/reports.js';
import type { Database } from '../db/schema.js';
import { writeTransaction } from '../db/transaction.js';

export interface CheckRange {
  readonly from?: string;
  readonly to?: string;
}

async function revisionFindings(db: Kysely<Database>, scope: CheckRange & { source?: string }): Promise<Finding[]> {
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

async function sourceFindings(db: Kysely<Database>, source: string, range: CheckRange): Promise<Finding[]> {
  const reports = await loadCheckedReports(db, source, { to: range.to });
  return [...checkSourceSeries(source, reports, { checkFrom: range.from }), ...(await revisionFindings(db, { source, ...range }))];
}

/**
 * Recomputes one source's findings from `date` on, inside the caller's transaction, and
 * returns them.
 */
export async function recheckFrom(db: Kysely<Database>, source: string, date: string): Promise<Finding[]> {
  const found = (await sourceFindings(db, source, { from: date })).sort(compareFindings);
  await replaceFindings(db, { source, from: date }, found);
  return found;
}

/**
 * Recomputes every finding in a date range from the stored figures, replaces the stored ones
 * in one transaction (readers never see a half-written set, and a concurrent ingest waits) and
 * returns them in order. Reports before the range are read as history, so the result for a
 * date never depends on the range asked for.
 */
export async function recomputeFindings(db: Kysely<Database>, range: CheckRange = {}): Promise<Finding[]> {
  return writeTransaction(db, async (trx) => {
    const found: Finding[] = [];
    for (const source of await listReportSources(trx)) found.push(...(await sourceFindings(trx, source, range)));
    found.sort(compareFindings);
    await replaceFindings(trx, range, found);
    return found;
  });
}
