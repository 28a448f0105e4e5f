/**
 * The clean series: for each day and category, the best estimate of the total, decided from each
 * source's own chain of totals and deltas and from the other sources, never from a smoothing
 * model. Pure: figures in, rows out, no clock and no database.
 *
 * - A total that follows from the day before and its delta is `stated`.
 * - A total typo (a transposition, a stale copy of the day before, a run of wrong totals) is
 *   `repaired` when two independent facts agree on the value: the chain from the last good total
 *   through the stated deltas, and the chain back from the next good total (or another source on
 *   the same day). Another source stating the repaired value is named as a cross-check.
 * - A change of level that every later day carries is an official correction: `stated`.
 * - A wrong delta beside totals that agree with each other and with another source is named in
 *   the reason; the total is `stated`.
 * - A source without deltas (most datasets) is checked against its neighbouring totals (a
 *   cumulative total lies between them); out of order, another source's value that fits repairs it.
 * - A day with no total (a missing day, a line with only a delta) whose neighbours fix it is
 *   `inferred`.
 * - Where the evidence conflicts or is too thin, the day is `disputed` and keeps its stated value.
 */
import { addDays } from '../dates.js';

export type CleanStatus = 'stated' | 'repaired' | 'inferred' | 'disputed';

/** One source's figure of one category on one day. */
export interface SourceFigure {
  readonly source: string;
  readonly date: string;
  readonly category: string;
  readonly total: number | null;
  readonly delta: number | null;
}

/** The figure `series` takes for a day and category (the preferred source's). */
export interface SeriesPick {
  readonly date: string;
  readonly category: string;
  readonly source: string;
  readonly total: number | null;
  readonly delta: number | null;
}

export interface CleanRow {
  readonly date: string;
  readonly category: string;
  readonly value: number | null;
  /** What the preferred source printed, or null. */
  readonly stated: number | null;
  readonly status: CleanStatus;
  /** One line, or null for a stated total that needs no word. */
  readonly reason: string | null;
  /** The sources and days that support the value, or null. */
  readonly evidence: string | null;
  /** The preferred source of the day, or the source the value was inferred from. */
  readonly source: string;
}

/** The longest run of wrong totals the stated deltas may bridge. */
const MAX_RUN = 5;
/** How far a source without deltas looks for its neighbouring totals. */
const NEIGHBOUR_DAYS = 7;

type Chain = ReadonlyMap<string, SourceFigure>;

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}

/** Every source's figures of one category, by source and date. */
function chainsOf(figures: readonly SourceFigure[]): Map<string, Map<string, SourceFigure>> {
  const chains = new Map<string, Map<string, SourceFigure>>();
  for (const figure of figures) {
    let chain = chains.get(figure.source);
    if (!chain) chains.set(figure.source, (chain = new Map()));
    chain.set(figure.date, figure);
  }
  return chains;
}

/** Other sources stating `value` on `date`, as evidence. */
function othersStating(chains: ReadonlyMap<string, Chain>, source: string, date: string, value: number): string[] {
  const found: string[] = [];
  for (const [other, chain] of chains) {
    if (other !== source && chain.get(date)?.total === value) found.push(other);
  }
  return found.sort();
}

/** Other sources' totals on `date`, by value. */
function otherTotals(chains: ReadonlyMap<string, Chain>, source: string, date: string): Map<number, string[]> {
  const totals = new Map<number, string[]>();
  for (const [other, chain] of chains) {
    const total = other === source ? null : (chain.get(date)?.total ?? null);
    if (total === null) continue;
    totals.set(total, [...(totals.get(total) ?? []), other]);
  }
  return totals;
}

function crossChecked(evidence: string[], others: readonly string[], date: string, value: number): void {
  if (others.length > 0) evidence.push(`cross-checked: ${others.join(', ')} state${others.length === 1 ? 's' : ''} ${value} on ${date}`);
}

/** The longest run of days (in date order) whose totals never go down; the earliest such run on a tie. */
function longestOrdered(days: readonly { date: string; total: number }[]): { date: string; total: number }[] {
  const length: number[] = [];
  const previous: number[] = [];
  for (let i = 0; i < days.length; i++) {
    length[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if ((days[j] as { total: number }).total <= (days[i] as { total: number }).total && (length[j] as number) + 1 > (length[i] as number)) {
        length[i] = (length[j] as number) + 1;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < days.length; i++) if (end < 0 || (length[i] as number) > (length[end] as number)) end = i;
  const run: { date: string; total: number }[] = [];
  for (let i = end; i >= 0; i = previous[i] as number) run.unshift(days[i] as { date: string; total: number });
  return run;
}

/** The clean rows of one category, oldest first. */
/**
 * A total taken as stated: most rows of any history. Built as one literal so that every such row
 * has the same shape (spreading a base object into each was a third of the whole recompute).
 */
function statedRow(date: string, category: string, total: number | null, source: string, reason: string | null = null, evidence: string | null = null): CleanRow {
  return { date, category, value: total, stated: total, status: 'stated', reason, evidence, source };
}

function cleanCategory(category: string, picks: readonly SeriesPick[], figures: readonly SourceFigure[]): CleanRow[] {
  const chains = chainsOf(figures);
  const byDate = new Map(picks.map((p) => [p.date, p]));
  const dates = [...byDate.keys()].sort();
  /** The clean value of each day decided so far. */
  const clean = new Map<string, { value: number | null; source: string }>();
  /** Days already decided by a run found earlier. */
  const decided = new Map<string, CleanRow>();
  const rows: CleanRow[] = [];

  /** A source's total of a day: the clean one when the day's value came from that source, else its own. */
  const totalOf = (source: string, date: string): number | null => {
    const done = clean.get(date);
    if (done && done.source === source) return done.value;
    return chains.get(source)?.get(date)?.total ?? null;
  };

  for (const date of dates) {
    const pick = byDate.get(date) as SeriesPick;
    const earlier = decided.get(date);
    const row = earlier ?? judge(pick);
    clean.set(date, { value: row.value, source: row.source });
    rows.push(row);
  }
  return rows;

  function judge(pick: SeriesPick): CleanRow {
    const { date, source } = pick;
    const chain = chains.get(source) ?? new Map<string, SourceFigure>();
    const before = addDays(date, -1);
    const after = addDays(date, 1);
    const prev = totalOf(source, before);
    const delta = pick.delta;
    const next = chain.get(after);
    const base = { date, category, stated: pick.total, source };
    const stated = (reason: string | null = null, evidence: string | null = null): CleanRow => statedRow(date, category, pick.total, source, reason, evidence);

    if (pick.total === null) return inferMissingTotal(pick, prev, next);
    if (delta === null) return byNeighbours(pick);
    if (prev === null) return fromAnotherSourcesDayBefore(pick, delta) ?? byNeighbours(pick);

    const expected = prev + delta;
    if (pick.total === expected) return stated();

    // A run of wrong totals (one or more) that the stated deltas bridge to the next good total.
    const run = bridgedRun(source, date, prev);
    if (run) {
      const reached = addDays(date, run.length);
      const bridge = `${source} ${reached}: total ${chain.get(reached)?.total} is reached from it by the stated deltas`;
      const rowOf = (i: number): CleanRow => {
        const day = addDays(date, i);
        const figure = chain.get(day) as SourceFigure;
        const value = run[i] as number;
        const dayBefore = i === 0 ? prev : (chain.get(addDays(day, -1))?.total ?? null);
        const evidence = [`${source} ${before}: total ${prev}, and the deltas of ${date}${i > 0 ? ` … ${day}` : ''} give ${value}`, bridge];
        crossChecked(evidence, othersStating(chains, source, day, value), day, value);
        const what = figure.total === dayBefore && (figure.delta ?? 0) > 0 ? 'a stale copy of the day before' : run.length > 1 ? `one of ${run.length} wrong totals in a row` : 'a total typo';
        return {
          date: day,
          category,
          value,
          stated: figure.total,
          status: 'repaired',
          reason: `${what}: ${source} printed ${figure.total}; the last good total and the stated deltas give ${value}, and the next days follow from it`,
          evidence: evidence.join('; '),
          source,
        };
      };
      for (let i = 1; i < run.length; i++) decided.set(addDays(date, i), rowOf(i));
      return rowOf(0);
    }

    const others = otherTotals(chains, source, date);
    const continues = next?.total != null && next.delta != null && pick.total + next.delta === next.total;
    // The totals agree with another source and the next day: the delta is the typo.
    const agreeing = others.get(pick.total) ?? [];
    if (continues && agreeing.length > 0) {
      return stated(
        `the delta is a typo: ${source} printed ${signed(delta)}, the totals give ${signed(pick.total - prev)}`,
        `${source} ${before}: total ${prev}; ${agreeing.join(', ')} also state${agreeing.length === 1 ? 's' : ''} ${pick.total} on ${date}; ${source} ${after} follows from it`,
      );
    }
    // The next day carries the new level: an official correction, not a typo.
    if (continues) {
      return stated(
        `an official correction: the total moves by ${signed(pick.total - expected)} against the day before and its delta, and the next day carries the new level`,
        `${source} ${before}: total ${prev} and the delta ${signed(delta)} give ${expected}; ${source} ${after}: ${next?.total} = ${pick.total} ${signed(next?.delta ?? 0)}`,
      );
    }
    // The chain and another source agree on the value: two facts.
    const confirming = others.get(expected) ?? [];
    if (confirming.length > 0) {
      return {
        ...base,
        value: expected,
        status: 'repaired',
        reason: `a total typo: ${source} printed ${pick.total}, the day before's total and the delta give ${expected}, which ${confirming.join(', ')} also state${confirming.length === 1 ? 's' : ''}`,
        evidence: `${source} ${before}: total ${prev} and the delta ${signed(delta)} of ${date} give ${expected}; cross-checked: ${confirming.join(', ')} state${confirming.length === 1 ? 's' : ''} ${expected} on ${date}`,
      };
    }
    return {
      ...base,
      value: pick.total,
      status: 'disputed',
      reason: `does not follow from the day before (${prev} ${signed(delta)} = ${expected}), and neither the next day nor another source settles it`,
      evidence: `${source} ${before}: total ${prev}; ${source} ${date}: total ${pick.total}, delta ${signed(delta)}`,
    };
  }

  /**
   * The source has no total the day before, another source has (the series took it): that total
   * plus this day's delta, confirmed by a source stating the result on this day, repairs a total
   * that does not follow (a stale copy of the day before, say). Null when they do not agree, and
   * the source's own neighbours decide.
   */
  function fromAnotherSourcesDayBefore(pick: SeriesPick, delta: number): CleanRow | null {
    const { date, source } = pick;
    const before = addDays(date, -1);
    const previous = clean.get(before);
    if (!previous || previous.value === null || pick.total === null) return null;
    const expected = previous.value + delta;
    if (pick.total === expected) return null;
    const confirming = otherTotals(chains, source, date).get(expected) ?? [];
    if (confirming.length === 0) return null;
    const stale = pick.total === previous.value && delta > 0;
    return {
      date,
      category,
      value: expected,
      stated: pick.total,
      status: 'repaired',
      reason: `${stale ? 'a stale copy of the day before' : 'a total typo'}: ${source} printed ${pick.total}, the day before's total (${previous.source}) and the delta give ${expected}, which ${confirming.join(', ')} also state${confirming.length === 1 ? 's' : ''}`,
      evidence: `${previous.source} ${before}: total ${previous.value}; ${source} ${date}: delta ${signed(delta)}; cross-checked: ${confirming.join(', ')} state${confirming.length === 1 ? 's' : ''} ${expected} on ${date}`,
      source,
    };
  }

  /**
   * The totals a run of wrong totals starting at `date` should have been, when the stated deltas
   * lead from `prev` exactly to a later stated total that itself follows: null when they do not.
   */
  function bridgedRun(source: string, date: string, prev: number): number[] | null {
    const chain = chains.get(source);
    if (!chain) return null;
    const values: number[] = [];
    let running = prev;
    for (let i = 0; i <= MAX_RUN; i++) {
      const figure = chain.get(addDays(date, i));
      if (!figure || figure.delta === null || figure.total === null) return null;
      running += figure.delta;
      if (i > 0 && figure.total === running) return values;
      if (figure.total === running) return null;
      values.push(running);
    }
    return null;
  }

  /**
   * A source without a delta that day (a dataset): a cumulative total lies between its
   * neighbours. The day is out of order when the longest non-decreasing run of the source's totals
   * around it (a week each side) is as long without it: a typo breaks the order of its
   * neighbours, while its neighbours, in order with one another, need not be blamed for it.
   */
  function byNeighbours(pick: SeriesPick): CleanRow {
    const { date, source } = pick;
    const total = pick.total as number;
    const base = { date, category, stated: total, source };
    const around: { date: string; total: number }[] = [];
    for (let i = -NEIGHBOUR_DAYS; i <= NEIGHBOUR_DAYS; i++) {
      if (i === 0) continue;
      const day = addDays(date, i);
      const value = i < 0 ? totalOf(source, day) : (chains.get(source)?.get(day)?.total ?? null);
      if (value !== null) around.push({ date: day, total: value });
    }
    const withDay = [...around, { date, total }].sort((a, b) => (a.date < b.date ? -1 : 1));
    const kept = longestOrdered(around);
    if (longestOrdered(withDay).length > kept.length) return statedRow(date, category, total, source);
    const before = [...kept].reverse().find((d) => d.date < date) ?? null;
    const after = kept.find((d) => d.date > date) ?? null;
    const low = before?.total ?? Number.NEGATIVE_INFINITY;
    const high = after?.total ?? Number.POSITIVE_INFINITY;
    if (low <= total && total <= high) return statedRow(date, category, total, source);
    const span = `${before ? `${before.total} on ${before.date}` : 'nothing before'} and ${after ? `${after.total} on ${after.date}` : 'nothing after'}`;
    const totals = otherTotals(chains, source, date);
    // Another source printing the same total says the report gave it: a value revised later, not a typo.
    const same = totals.get(total) ?? [];
    if (same.length > 0) {
      return {
        ...base,
        value: total,
        status: 'stated',
        reason: `out of order between ${span}, but ${same.join(', ')} state${same.length === 1 ? 's' : ''} it too: the report gave it, and a later one revised it`,
        evidence: `${source} ${span}; ${same.join(', ')} state${same.length === 1 ? 's' : ''} ${total} on ${date}`,
      };
    }
    // Out of order with its neighbours: another source's value that fits between them repairs it.
    const fits = [...totals].filter(([value]) => low <= value && value <= high);
    if (fits.length === 1) {
      const [value, others] = fits[0] as [number, string[]];
      return {
        ...base,
        value,
        status: 'repaired',
        reason: `a total typo: ${source} printed ${total}, out of order between ${span}; ${others.join(', ')} state${others.length === 1 ? 's' : ''} ${value}, which fits`,
        evidence: `${source} ${span}; cross-checked: ${others.join(', ')} state${others.length === 1 ? 's' : ''} ${value} on ${date}`,
      };
    }
    return {
      ...base,
      value: total,
      status: 'disputed',
      reason: `out of order between ${span}, and ${fits.length === 0 ? 'no other source states a total that fits' : 'other sources disagree on the total that fits'}`,
      evidence: `${source} ${span}`,
    };
  }

  /** A day whose line states no total: the day before plus its delta, checked by the next day. */
  function inferMissingTotal(pick: SeriesPick, prev: number | null, next: SourceFigure | undefined): CleanRow {
    const { date, source, delta } = pick;
    const base = { date, category, stated: null, source };
    const fromBefore = prev !== null && delta !== null ? prev + delta : null;
    const fromAfter = next?.total != null && next.delta != null ? next.total - next.delta : null;
    if (fromBefore !== null && fromAfter !== null && fromBefore === fromAfter) {
      return {
        ...base,
        value: fromBefore,
        status: 'inferred',
        reason: `the line states only the delta ${signed(delta as number)}: the day before's total plus it, and the next day's total less its delta, both give ${fromBefore}`,
        evidence: `${source} ${addDays(date, -1)}: total ${prev}; ${source} ${addDays(date, 1)}: total ${next?.total}, delta ${signed(next?.delta ?? 0)}`,
      };
    }
    return { ...base, value: null, status: 'disputed', reason: 'the line states no total, and its neighbours do not fix one', evidence: null };
  }
}

/**
 * Days with no figure of a category from any source, between two that have one: inferred from
 * the next day's total less its delta when that fits between the two.
 */
function inferGaps(category: string, rows: readonly CleanRow[], figures: readonly SourceFigure[]): CleanRow[] {
  const chains = chainsOf(figures);
  const inferred: CleanRow[] = [];
  for (let i = 1; i < rows.length; i++) {
    const before = rows[i - 1] as CleanRow;
    const after = rows[i] as CleanRow;
    if (addDays(before.date, 2) !== after.date || before.value === null || after.value === null) continue;
    const date = addDays(before.date, 1);
    const next = chains.get(after.source)?.get(after.date);
    if (after.status !== 'stated' || next?.delta == null || next.total === null) continue;
    const value = next.total - next.delta;
    if (value < before.value || value > after.value) continue;
    inferred.push({
      date,
      category,
      value,
      stated: null,
      status: 'inferred',
      reason: `no source reports this day: the next day's total less its delta gives ${value}, between the day before (${before.value}) and the next (${after.value})`,
      evidence: `${after.source} ${after.date}: total ${next.total}, delta ${signed(next.delta)}; ${before.source} ${before.date}: ${before.value}`,
      source: after.source,
    });
  }
  return inferred;
}

/**
 * The clean series of every category: `picks` are the rows of `series` (one per day and
 * category), `figures` every source's figures of those categories over the same days and a few
 * around them. Rows come in date order, categories in the order first met.
 */
export function cleanSeries(picks: readonly SeriesPick[], figures: readonly SourceFigure[]): CleanRow[] {
  const picksByCategory = new Map<string, SeriesPick[]>();
  for (const pick of picks) {
    const list = picksByCategory.get(pick.category);
    if (list) list.push(pick);
    else picksByCategory.set(pick.category, [pick]);
  }
  const figuresByCategory = new Map<string, SourceFigure[]>();
  for (const figure of figures) {
    const list = figuresByCategory.get(figure.category);
    if (list) list.push(figure);
    else figuresByCategory.set(figure.category, [figure]);
  }
  const rows: CleanRow[] = [];
  for (const [category, list] of picksByCategory) {
    const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : 1));
    const own = figuresByCategory.get(category) ?? [];
    const categoryRows = cleanCategory(category, sorted, own);
    rows.push(...categoryRows, ...inferGaps(category, categoryRows, own));
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
