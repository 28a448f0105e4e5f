// How the page reads the clean series beside the stated one. /api/chart?clean=1 gives each row
// `clean`: the best estimate of the day's total, its status (stated, repaired, inferred,
// disputed), the reason and the evidence, or null where the checks have not computed it yet.
// The line goes through the clean value; the days it does not take as stated are marked.

/** The statuses drawn with a mark of their own, in the order of the legend. */
export const MARKED = ['repaired', 'inferred', 'disputed'];

/** The total the chart draws: the clean series' value where it has one, else the stated total. */
export function drawnTotal(row) {
  return row.clean ? row.clean.value : row.total;
}

/** The mark of a day, or null for one taken as stated (or not in the clean series). */
export function markOf(row) {
  const status = row.clean?.status;
  return MARKED.includes(status) ? status : null;
}

/** The total as printed where the line leaves it (a repaired typo), for a hollow mark beside the line. */
export function printedApart(row) {
  return row.clean && row.total !== null && row.clean.value !== null && row.total !== row.clean.value ? row.total : null;
}

/** Whether the clean series has a word on the day: a mark, or a note on a total it takes as stated. */
export function hasNote(row) {
  return Boolean(row.clean && (row.clean.status !== 'stated' || row.clean.reason !== null));
}
