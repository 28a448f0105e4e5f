/** Validation of option values shared by the commands; failures are usage errors (exit 2). */
import { isIsoDate } from '../dates.js';
import { UsageError } from '../errors.js';

export function parseDateOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError(`${flag} must be a calendar date YYYY-MM-DD, got "${value}"`);
  return value;
}

export function parseDateRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const range = { from: parseDateOption(from, '--from'), to: parseDateOption(to, '--to') };
  if (range.from && range.to && range.from > range.to) throw new UsageError(`--from ${range.from} is after --to ${range.to}`);
  return range;
}
