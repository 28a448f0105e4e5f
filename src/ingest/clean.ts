/**
 * Recomputes the clean series from the stored figures, inside the caller's transaction. A day's
 * clean value depends on its neighbours (a week each side, runs of a few days, the repaired day
 * before), so a window of stored dates recomputes the days around it from figures read a little
 * further out. A long window is done a slice of days at a time, each read with the same margin,
 * so memory stays flat however long the history is.
 */
import type { Kysely } from 'kysely';
import { cleanSeries } from '../checks/clean-series.js';
import { addDays } from '../dates.js';
import { loadSeriesPicks, loadSourceFigures, replaceCleanRows, storedDateSpan, type DateWindow } from '../db/clean.js';
import type { Database } from '../db/schema.js';

/** Days around a change whose clean values it can change. */
const REACH = 14;
/** Days read beyond those, so the first and last of them are decided as in a whole recompute. */
const MARGIN = 14;
/** Days decided per slice: a year of 15 categories is some 5,500 rows held at once. */
const SLICE_DAYS = 366;

export async function recomputeClean(db: Kysely<Database>, window: DateWindow = {}): Promise<number> {
  const span = await storedDateSpan(db);
  const from = window.from ? addDays(window.from, -REACH) : span?.from;
  const to = window.to ? addDays(window.to, REACH) : span?.to;
  if (!from || !to) {
    // Nothing stored: nothing to decide, and no row may stay.
    await replaceCleanRows(db, {}, []);
    return 0;
  }
  let count = 0;
  for (let start = from; start <= to; start = addDays(start, SLICE_DAYS)) {
    const end = [addDays(start, SLICE_DAYS - 1), to].reduce((a, b) => (a < b ? a : b));
    // The first slice of a whole recompute also clears any row before the stored dates.
    const changed: DateWindow = { ...(start === from && !window.from ? {} : { from: start }), ...(end === to && !window.to ? {} : { to: end }) };
    const read: DateWindow = { from: addDays(start, -MARGIN), to: addDays(end, MARGIN) };
    const rows = cleanSeries(await loadSeriesPicks(db, read), await loadSourceFigures(db, read)).filter((row) => row.date >= start && row.date <= end);
    await replaceCleanRows(db, changed, rows);
    count += rows.length;
  }
  return count;
}
