// The numbers the plot draws, made from an /api/chart answer: the days of the view as uPlot's x
// values, and per category either its own figures (one category) or a normalised line (several
// categories, which differ by orders of magnitude: personnel in millions, submarines in ones).
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

/** One category: stated deltas, derived deltas, their 7-day average and the total, day by day. */
export function absoluteData(rows, dates, log) {
  const at = byDate(rows);
  const pick = (field) => dates.map((d) => forScale(log)(at.get(d)?.[field] ?? null));
  return {
    x: dates.map(toSeconds),
    stated: pick('delta'),
    derived: pick('derivedDelta'),
    average: pick('average7'),
    total: pick('total'),
    rowAt: (idx) => at.get(dates[idx]) ?? null,
  };
}

const MEASURES = { total: 'total', average: 'average7' };

/**
 * Several categories on one scale: each as % of its own maximum in the view, or indexed to one
 * day (= 100). A category that cannot be normalised (nothing to divide by) gets an empty line
 * and a note saying why.
 */
export function normalisedData(answer, dates, state, labelOf) {
  const field = MEASURES[state.measure];
  const indexDate = state.norm === 'index' ? (dates.includes(state.index) ? state.index : dates[0]) : null;
  const notes = [];
  const lines = answer.series.map(({ category, rows }) => {
    const at = byDate(rows);
    const raw = dates.map((d) => at.get(d)?.[field] ?? null);
    let base;
    if (indexDate !== null) {
      base = at.get(indexDate)?.[field] ?? null;
      if (base === null || base <= 0) notes.push(`${labelOf(category)} has no ${state.measure === 'total' ? 'total' : '7-day average'} above 0 on ${indexDate} to index to.`);
    } else {
      base = Math.max(...raw.filter((v) => v !== null));
      if (!(base > 0)) notes.push(`${labelOf(category)} has no ${state.measure === 'total' ? 'total' : '7-day average'} above 0 in this range.`);
    }
    const usable = base !== null && base > 0;
    const values = raw.map((v) => forScale(state.scale === 'log')(usable && v !== null ? (v / base) * 100 : null));
    return { category, raw, values, rowAt: (idx) => at.get(dates[idx]) ?? null };
  });
  return { x: dates.map(toSeconds), lines, indexDate, notes };
}
