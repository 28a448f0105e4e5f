/** Conversions between the outcome of a one-report page and of a many-report document. */
import type { ParsedReport } from '../report/types.js';
import type { DocumentOutcome, ParseOutcome } from './types.js';

/** A page that holds one report, as a document outcome. */
export function oneReport(outcome: ParseOutcome): DocumentOutcome {
  return outcome.status === 'report' ? { status: 'reports', reports: [outcome.report] } : outcome;
}

/**
 * The reports of a many-day document, narrowed to the caller's date when there is one; a
 * document without that day is "no report" and says which days it does hold.
 */
export function reportsFor(what: string, reports: readonly ParsedReport[], date: string | undefined): DocumentOutcome {
  if (reports.length === 0) return { status: 'no_report', reason: `${what} holds no daily report` };
  if (!date) return { status: 'reports', reports };
  const match = reports.filter((r) => r.reportDate === date);
  if (match.length > 0) return { status: 'reports', reports: match };
  const first = reports[0]?.reportDate;
  const last = reports[reports.length - 1]?.reportDate;
  const held = first === last ? first : `${first} … ${last}`;
  return { status: 'no_report', reason: `${what} has no report for ${date} (it holds ${held})`, otherDays: true };
}
