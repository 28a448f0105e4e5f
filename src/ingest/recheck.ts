/**
 * Runs the checks over stored figures and replaces the stored findings with the result.
 *
 * A report's findings depend on everything before it in its source's series (the last stated
 * total, deltas stated without totals, categories seen, recent deltas), so storing a report for
 * date d recomputes that source's findings for d and every later date, from its whole history.
 * In date order that is one day's work; out of order it is what keeps the stored findings equal
 * to what `check` computes from scratch. Disagreements between sources concern one date each
 * and are recomputed for the dates stored.
 */
import type { Kysely } from 'kysely';
import { checkSourceAgreement } from '../checks/cross-source.js';
import { compareFindings, type Finding } from '../checks/findings.js';
import { checkRevision } from '../checks/revision-checks.js';
import { DEFAULT_SERIES_CHECK_OPTIONS, SeriesChecker, type CheckedReport } from '../checks/series-checks.js';
import { addDays } from '../dates.js';
import { replaceFindings } from '../db/findings.js';
import { categoriesBefore, checkedReports, listReportSources, loadCategorySeeds, type SeedRequest, loadRevisedReports, loadSourceTotals, othersReport } from '../db/reports.js';
import type { Database } from '../db/schema.js';
import { writeTransaction } from '../db/transaction.js';
import { recomputeClean } from './clean.js';

export interface CheckRange {
  readonly from?: string;
  readonly to?: string;
}

const CROSS_SOURCE = ['source_disagreement'];

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

/** How far before the first date checked a resumed check starts reading reports. */
const RESUME_LOOKBACK_DAYS = 40;

/**
 * The findings of a source's reports from `range.from` on, reading only the reports of the
 * weeks before it and what the checks need of older ones (last totals, last deltas): what a
 * check fed the whole series finds, or null when those weeks do not settle the state it would
 * have (a category stated by deltas alone all that time, no report in them).
 */
export async function resumedSeriesFindings(db: Kysely<Database>, source: string, range: CheckRange & { from: string }): Promise<Finding[] | null> {
  const start = addDays(range.from, -RESUME_LOOKBACK_DAYS);
  const history: CheckedReport[] = [];
  for await (const report of checkedReports(db, source, { from: start, to: addDays(range.from, -1) })) history.push(report);
  if (history.length === 0) return null;
  const seen = await categoriesBefore(db, source, start);
  const categories = await loadCategorySeeds(db, source, start, seedRequest(seen, history));
  const checker = new SeriesChecker(source, { checkFrom: range.from, seed: { seen, categories } });
  for (const report of history) checker.check(report);
  if (!checker.settled) return null;
  const found: Finding[] = [];
  for await (const report of checkedReports(db, source, range)) found.push(...checker.check(report));
  return found;
}

/** The categories (of those `seen` before and those in `history`) whose older figures `history` leaves unknown. */
function seedRequest(seen: readonly string[], history: readonly CheckedReport[]): SeedRequest {
  const deltaCount = DEFAULT_SERIES_CHECK_OPTIONS.outlierWindow;
  const categories = new Set(seen);
  const withTotal = new Set<string>();
  const deltas = new Map<string, number>();
  for (const report of history) {
    for (const figure of report.figures) {
      categories.add(figure.category);
      if (figure.total !== null) withTotal.add(figure.category);
      if (figure.delta !== null) deltas.set(figure.category, (deltas.get(figure.category) ?? 0) + 1);
    }
  }
  return {
    totals: [...categories].filter((category) => !withTotal.has(category)),
    deltas: [...categories].filter((category) => (deltas.get(category) ?? 0) < deltaCount),
    deltaCount,
  };
}

/**
 * A source's findings in a range. The series streams through the checks: its length costs time,
 * not memory; from a first date on, only the weeks before it are read when they are enough.
 */
export async function sourceFindings(db: Kysely<Database>, source: string, range: CheckRange, mode: 'resume' | 'whole series' = 'resume'): Promise<Finding[]> {
  let found = mode === 'resume' && range.from !== undefined ? await resumedSeriesFindings(db, source, { ...range, from: range.from }) : null;
  if (!found) {
    const checker = new SeriesChecker(source, { checkFrom: range.from });
    found = [];
    for await (const report of checkedReports(db, source, { to: range.to })) found.push(...checker.check(report));
  }
  return [...found, ...(await revisionFindings(db, { source, ...range }))];
}

/**
 * Recomputes, inside the caller's transaction, the findings that storing reports of `source`
 * can change: the source's own from its earliest stored date on, and the disagreements on each
 * stored date. Returns the findings about the stored dates.
 */
export async function recheckStored(db: Kysely<Database>, source: string, dates: readonly string[]): Promise<Finding[]> {
  if (dates.length === 0) return [];
  const from = dates.reduce((a, b) => (a < b ? a : b));
  const own = await sourceFindings(db, source, { from });
  await replaceFindings(db, { source, from, exceptKinds: CROSS_SOURCE }, own);
  // Alone on these dates, the source can disagree with nobody.
  const agreement = (await othersReport(db, source, from, dates.reduce((a, b) => (a > b ? a : b))))
    ? checkSourceAgreement(await loadSourceTotals(db, { dates }))
    : [];
  await replaceFindings(db, { dates, kinds: CROSS_SOURCE }, agreement);
  await recomputeClean(db, { from, to: dates.reduce((a, b) => (a > b ? a : b)) });
  const stored = new Set(dates);
  // A disagreement is filed under the less preferred source; it concerns this one when either is it.
  const concerns = (f: Finding) => f.source === source || (f.kind === 'source_disagreement' && f.detail.includes(`, ${source} says `));
  return [...own, ...agreement].filter((f) => stored.has(f.date) && concerns(f)).sort(compareFindings);
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
    found.push(...checkSourceAgreement(await loadSourceTotals(trx, range)));
    found.sort(compareFindings);
    await replaceFindings(trx, range, found);
    await recomputeClean(trx, range);
    return found;
  });
}

/**
 * Recomputes every disagreement between sources, in the caller's transaction: after the source
 * priority changed, the preferred source of a (date, category) may be another one.
 */
export async function recheckAgreement(db: Kysely<Database>): Promise<number> {
  const agreement = checkSourceAgreement(await loadSourceTotals(db));
  await replaceFindings(db, { kinds: CROSS_SOURCE }, agreement);
  // Another preferred source is another stated series to clean.
  await recomputeClean(db);
  return agreement.length;
}

/**
 * Recomputes, in one transaction, a source's findings from `from` on and the disagreements on
 * the dates from `from` to `to`: what a backfill of that range can change, whatever an earlier,
 * interrupted run of it stored without checking.
 */
export async function recheckRange(db: Kysely<Database>, source: string, from: string, to: string): Promise<number> {
  return writeTransaction(db, async (trx) => {
    const own = await sourceFindings(trx, source, { from });
    await replaceFindings(trx, { source, from, exceptKinds: CROSS_SOURCE }, own);
    const agreement = checkSourceAgreement(await loadSourceTotals(trx, { from, to }));
    await replaceFindings(trx, { from, to, kinds: CROSS_SOURCE }, agreement);
    await recomputeClean(trx, { from, to });
    return own.length + agreement.length;
  });
}
