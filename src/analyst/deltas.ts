/**
 * Daily deltas for the chart: a delta derived from consecutive totals where the source states
 * none (datasets of totals, omitted zeros), and the trailing 7-day average of the daily deltas.
 * Pure functions over one category's rows in date order; no clock, no database.
 */
import { addDays, daysBetween } from '../dates.js';

/** How many calendar days the average spans (the day itself and the six before it). */
export const AVERAGE_DAYS = 7;
/**
 * The fewest days with a delta in the window before an average is given: a window that is
 * mostly gap would pass off one or two days as a week's average.
 */
export const AVERAGE_MIN_DAYS = 4;

export interface TotalRow {
  readonly date: string;
  readonly total: number | null;
  readonly delta: number | null;
}

export interface DeltaFields {
  /**
   * total − the total of the day before, given only where the row states no delta and both
   * totals are known. Never across a missing day: that difference would be several days' losses
   * shown as one.
   */
  readonly derivedDelta: number | null;
  /** Mean of the stated or derived deltas of the 7 days ending on this date, to one decimal. */
  readonly average7: number | null;
}

/** The days before `from` that the rows must start at for the first day's derived delta and average. */
export function lookBehindFrom(from: string): string {
  return addDays(from, -AVERAGE_DAYS);
}

export function withDeltas<T extends TotalRow>(rows: readonly T[]): (T & DeltaFields)[] {
  const out: (T & DeltaFields)[] = [];
  // The deltas of the window, as [date, delta], oldest first.
  const window: [string, number][] = [];
  let sum = 0;
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    const derivedDelta =
      row.delta === null && row.total !== null && before !== undefined && before.total !== null && daysBetween(before.date, row.date) === 1
        ? row.total - before.total
        : null;
    const delta = row.delta ?? derivedDelta;
    if (delta !== null) {
      window.push([row.date, delta]);
      sum += delta;
    }
    while (window.length > 0 && daysBetween((window[0] as [string, number])[0], row.date) >= AVERAGE_DAYS) sum -= (window.shift() as [string, number])[1];
    // The average belongs to days that have a delta; a day without one gets none.
    const average7 = delta !== null && window.length >= AVERAGE_MIN_DAYS ? Math.round((sum / window.length) * 10) / 10 : null;
    out.push({ ...row, derivedDelta, average7 });
  });
  return out;
}
