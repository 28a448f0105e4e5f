// The numbers the plot draws, made from an /api/chart answer: the days of the view as uPlot's x
// values, and per category either its own figures (one category) or a normalised line (several
// categories, which differ by orders of magnitude: personnel in millions, submarines in ones).
import { drawnTotal, MARKED, markOf, printedApart } from './clean.js';
import { toSeconds } from './format.js';

/** Every date any of the categories has, in order. */
export function viewDates(answer) {
  return [...new Set(answer.series.flatMap((s) => s.rows.map((r) => r.date)))].sort();
}

/** A log scale has no place for zero or less: such values are left out rather than drawn wrong. */
const forScale = (log) => (v) => (v === null || v === undefined || (log && v <= 0) ? null : v);

/** Each row of a category by its date, for aligning categories on the same days. */
function byDate(rows) {
  return new Map(rows.map((r) => [r.date, r]));
}

/**
 * One category: stated deltas, derived deltas, their 7-day average and the total (the clean
 * series' value), day by day; and the clean series' marks: per marked status the total of its
 * days, and the total as printed where the line leaves it.
 */
export function absoluteData(rows, dates, log) {
  const at = byDate(rows);
  const pick = (read) => dates.map((d) => {
    const row = at.get(d);
    return forScale(log)(row ? read(row) : null);
  });
  return {
    x: dates.map(toSeconds),
    stated: pick((r) => r.delta),
    derived: pick((r) => r.derivedDelta),
    average: pick((r) => r.average7),
    total: pick(drawnTotal),
    marks: Object.fromEntries(MARKED.map((status) => [status, pick((r) => (markOf(r) === status ? drawnTotal(r) : null))])),
    printed: pick(printedApart),
    rowAt: (idx) => at.get(dates[idx]) ?? null,
  };
}

/** What a compared line is made of; totals follow the clean series, as the line of one category does. */
const MEASURES = { total: drawnTotal, average: (row) => row.average7 };

/**
 * Several categories on one scale: each as % of its own maximum in the view, or indexed to one
 * day (= 100). A category that cannot be normalised (nothing to divide by) gets an empty line
 * and a note saying why.
 */
export function normalisedData(answer, dates, state, labelOf) {
  const measure = MEASURES[state.measure];
  const indexDate = state.norm === 'index' ? (dates.includes(state.index) ? state.index : dates[0]) : null;
  const notes = [];
  const lines = answer.series.map(({ category, rows }) => {
    const at = byDate(rows);
    const raw = dates.map((d) => {
      const row = at.get(d);
      return row ? measure(row) : null;
    });
    let base;
    if (indexDate !== null) {
      base = raw[dates.indexOf(indexDate)] ?? null;
      if (base === null || base <= 0) notes.push(`${labelOf(category)} has no ${state.measure === 'total' ? 'total' : '7-day average'} above 0 on ${indexDate} to index to.`);
    } else {
      base = Math.max(...raw.filter((v) => v !== null));
      if (!(base > 0)) notes.push(`${labelOf(category)} has no ${state.measure === 'total' ? 'total' : '7-day average'} above 0 in this range.`);
    }
    const usable = base !== null && base > 0;
    const values = raw.map((v) => forScale(state.scale === 'log')(usable && v !== null ? (v / base) * 100 : null));
    const rowAt = (idx) => at.get(dates[idx]) ?? null;
    // The marks belong to totals: an average of deltas is not what was repaired.
    const markAt = (idx) => (state.measure === 'total' && rowAt(idx) ? markOf(rowAt(idx)) : null);
    return { category, raw, values, rowAt, markAt };
  });
  return { x: dates.map(toSeconds), lines, indexDate, notes };
}
