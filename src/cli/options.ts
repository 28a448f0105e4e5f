/** Validation of option values shared by the commands; failures are usage errors (exit 2). */
import { addDays, isIsoDate, WAR_START, warDateProblem } from '../dates.js';
import { excerpt, UsageError } from '../errors.js';

export function parseDateOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError(`${flag} must be a calendar date YYYY-MM-DD, got "${excerpt(value)}"`);
  return value;
}

export function parseDateRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const range = { from: parseDateOption(from, '--from'), to: parseDateOption(to, '--to') };
  if (range.from && range.to && range.from > range.to) throw new UsageError(`--from ${range.from} is after --to ${range.to}`);
  return range;
}

/** A report date given on the command line, checked against the war: a usage error outside it. */
export function parseReportDateOption(value: string | undefined, flag: string, today: string): string | undefined {
  const date = parseDateOption(value, flag);
  const problem = date === undefined ? null : warDateProblem(date, today);
  if (problem) throw new UsageError(`${flag} ${problem}`);
  return date;
}

/**
 * A range of report dates clipped to the war: what lies outside cannot hold a report, so it is
 * left out with a note rather than asked for. Null when nothing of the range is left.
 */
export function clipToWar(from: string, to: string, today: string): { from: string; to: string; notes: string[] } | null {
  const notes: string[] = [];
  const tomorrow = addDays(today, 1);
  let first = from;
  let last = to;
  if (first < WAR_START) {
    notes.push(`--from ${first} is before the war began on ${WAR_START}; starting at ${WAR_START}`);
    first = WAR_START;
  }
  if (last > tomorrow) {
    notes.push(`--to ${last} is after tomorrow (${tomorrow}); stopping at ${tomorrow}`);
    last = tomorrow;
  }
  return first <= last ? { from: first, to: last, notes } : null;
}
