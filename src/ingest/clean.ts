/**
 * Recomputes the clean series from the stored figures, inside the caller's transaction. A day's
 * clean value depends on its neighbours (a week each side, runs of a few days, the repaired day
 * before), so a window of stored dates recomputes the days around it from figures read a little
 * further out.
 */
import type { Kysely } from 'kysely';
import { cleanSeries } from '../checks/clean-series.js';
import { addDays } from '../dates.js';
import { loadSeriesPicks, loadSourceFigures, replaceCleanRows, type DateWindow } from '../db/clean.js';
import type { Database } from '../db/schema.js';

/** Days around a change whose clean values it can change. */
const REACH = 14;
/** Days read beyond those, so the first and last of them are decided as in a whole recompute. */
const MARGIN = 14;

export async function recomputeClean(db: Kysely<Database>, window: DateWindow = {}): Promise<number> {
  const changed: DateWindow = {
    ...(window.from ? { from: addDays(window.from, -REACH) } : {}),
    ...(window.to ? { to: addDays(window.to, REACH) } : {}),
  };
  const read: DateWindow = {
    ...(changed.from ? { from: addDays(changed.from, -MARGIN) } : {}),
    ...(changed.to ? { to: addDays(changed.to, MARGIN) } : {}),
  };
  const rows = cleanSeries(await loadSeriesPicks(db, read), await loadSourceFigures(db, read)).filter(
    (row) => (!changed.from || row.date >= changed.from) && (!changed.to || row.date <= changed.to),
  );
  await replaceCleanRows(db, changed, rows);
  return rows.length;
}
