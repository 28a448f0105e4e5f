/**
 * The checks of one source's series of reports, day after day: pure functions over figures,
 * with no clock and no database. The same function serves the ingest of one day (over a window
 * of reports around it) and `check` (over the whole history), so both find the same things.
 */
import { daysBetween } from '../dates.js';
import { isCategoryCurrentOn, isCategoryKey } from '../report/categories.js';
import { finding, type Finding } from './findings.js';

export interface CheckedFigure {
  readonly category: string;
  readonly total: number | null;
  readonly delta: number | null;
}

export interface CheckedLine {
  readonly label: string;
  readonly total: number | null;
  readonly delta: number | null;
}

/** The latest revision of one source's report for one date. */
export interface CheckedReport {
  readonly date: string;
  readonly figures: readonly CheckedFigure[];
  /** Lines whose label maps to no category. */
  readonly unmapped: readonly CheckedLine[];
}

export interface SeriesCheckOptions {
  /** How many previous deltas the outlier check takes the median of. */
  readonly outlierWindow: number;
  /** The fewest previous deltas before the outlier check speaks at all. */
  readonly outlierMinHistory: number;
  /** A delta is an outlier above this many times the median of the window … */
  readonly outlierFactor: number;
  /** … and at least this large (tiny categories jump from 0 to 3 all the time). */
  readonly outlierMinDelta: number;
}

export const DEFAULT_SERIES_CHECK_OPTIONS: SeriesCheckOptions = {
  outlierWindow: 30,
  outlierMinHistory: 7,
  outlierFactor: 10,
  outlierMinDelta: 5,
};

/** What is known about one category just before the report being checked. */
interface CategoryState {
  /** The last stated total and its date. */
  lastTotal: number | null;
  lastTotalDate: string | null;
  /** Deltas of later reports that stated no total, to be added to `lastTotal`. */
  pendingDeltas: number;
  /** Dates of those reports, for messages. */
  pendingDates: string[];
  /** Whether every day since `lastTotalDate` had a report stating this category's delta. */
  chainIntact: boolean;
  /** The last deltas in the order stated, and the same kept sorted for the median. */
  recentDeltas: number[];
  sortedDeltas: number[];
}

/** Median of a window kept sorted (see `slide`). */
function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Index of the first element not below `value` in a sorted array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}

function newState(): CategoryState {
  return { lastTotal: null, lastTotalDate: null, pendingDeltas: 0, pendingDates: [], chainIntact: false, recentDeltas: [], sortedDeltas: [] };
}

function checkFigure(
  source: string,
  report: CheckedReport,
  figure: CheckedFigure,
  state: CategoryState,
  options: SeriesCheckOptions,
): Finding[] {
  const found: Finding[] = [];
  const { category, total, delta } = figure;
  const base = { date: report.date, source, category };

  if (total === null) {
    found.push(finding({ ...base, kind: 'total_missing', expected: null, actual: null, detail: `the line states only the delta ${signed(delta ?? 0)}, no total` }));
  }

  if (total !== null && state.lastTotal !== null && state.lastTotalDate !== null) {
    const previous = state.lastTotal;
    if (delta === null) {
      // A report that states no delta at all (early 2022, datasets of totals) has nothing
      // missing; sources that omit zero deltas write no "(+0)", and an unchanged total tells it.
      const reportStatesDeltas = report.figures.some((f) => f.delta !== null);
      // Across a gap the total may have moved on the missing days.
      if (reportStatesDeltas && state.chainIntact && total !== previous + state.pendingDeltas) {
        found.push(
          finding({ ...base, kind: 'delta_missing', expected: total - previous - state.pendingDeltas, actual: null, detail: `the total moved from ${previous} to ${total} but the line states no delta` }),
        );
      }
    } else if (state.chainIntact) {
      const expected = previous + state.pendingDeltas + delta;
      if (expected !== total) {
        const via = state.pendingDates.length > 0 ? ` plus ${signed(state.pendingDeltas)} stated without totals on ${state.pendingDates.join(', ')}` : '';
        found.push(
          finding({
            ...base,
            kind: 'delta_mismatch',
            expected,
            actual: total,
            detail: `${previous} on ${state.lastTotalDate}${via} plus the stated delta ${signed(delta)} gives ${expected}, the report says ${total} (${signed(total - expected)})`,
          }),
        );
      }
    }
    if (total < previous) {
      found.push(
        finding({ ...base, kind: 'total_decreased', expected: previous, actual: total, detail: `the total fell from ${previous} on ${state.lastTotalDate} to ${total} (${signed(total - previous)})` }),
      );
    }
  }

  if (delta !== null && state.recentDeltas.length >= options.outlierMinHistory) {
    const typical = median(state.sortedDeltas);
    const threshold = options.outlierFactor * Math.max(typical, 1);
    if (delta > threshold && delta >= options.outlierMinDelta) {
      found.push(
        finding({
          ...base,
          kind: 'outlier',
          expected: Math.round(typical),
          actual: delta,
          detail: `the delta ${signed(delta)} is more than ${options.outlierFactor}× the median ${typical} of the previous ${state.recentDeltas.length} reports`,
        }),
      );
    }
  }
  return found;
}

function advance(state: CategoryState, figure: CheckedFigure, date: string, window: number): void {
  if (figure.total !== null) {
    state.lastTotal = figure.total;
    state.lastTotalDate = date;
    state.pendingDeltas = 0;
    state.pendingDates = [];
    state.chainIntact = true;
  } else if (figure.delta !== null) {
    state.pendingDeltas += figure.delta;
    state.pendingDates.push(date);
  }
  if (figure.delta !== null) {
    state.recentDeltas.push(figure.delta);
    state.sortedDeltas.splice(lowerBound(state.sortedDeltas, figure.delta), 0, figure.delta);
    if (state.recentDeltas.length > window) {
      const dropped = state.recentDeltas.shift() as number;
      state.sortedDeltas.splice(lowerBound(state.sortedDeltas, dropped), 1);
    }
  }
}

/** What the checks knew of one category before a date, read back from the stored series. */
export interface CategorySeed {
  readonly category: string;
  /** The last total stated before the date, and its date. */
  readonly lastTotal: number | null;
  readonly lastTotalDate: string | null;
  /** The last deltas stated before the date, oldest first (at most the outlier window). */
  readonly recentDeltas: readonly number[];
}

/**
 * Where a checker resumes instead of reading a series from its first report: the categories
 * that appeared before the date, and what is known of each. Whether a category's chain of
 * deltas was intact on that date is not part of it: the reports after the date settle it.
 */
export interface SeriesSeed {
  readonly seen: readonly string[];
  readonly categories: readonly CategorySeed[];
}

export interface SeriesCheckScope {
  /** Findings for reports before this date are not returned: those reports are history only. */
  readonly checkFrom?: string;
  readonly options?: SeriesCheckOptions;
  /** Resume from what was known before the first report fed (see `settled`). */
  readonly seed?: SeriesSeed;
}

/**
 * The checks of one source's series, fed one report at a time in ascending date order. It holds
 * what the checks need of the past (a state per category and the report before), not the
 * series: a series read as it streams from the database is checked in the memory of one report.
 */
export class SeriesChecker {
  private readonly options: SeriesCheckOptions;
  private readonly checkFrom: string | undefined;
  private readonly states = new Map<string, CategoryState>();
  private readonly seen = new Set<string>();
  private previous: CheckedReport | null = null;
  /**
   * Seeded categories whose chain may have been intact when the seed was taken: their state is
   * that of a checker fed the whole series only once a report settles it (see `settled`).
   */
  private readonly unsettled = new Set<string>();

  constructor(
    private readonly source: string,
    scope: SeriesCheckScope = {},
  ) {
    this.options = scope.options ?? DEFAULT_SERIES_CHECK_OPTIONS;
    this.checkFrom = scope.checkFrom;
    for (const category of scope.seed?.seen ?? []) this.seen.add(category);
    for (const seed of scope.seed?.categories ?? []) {
      const state = newState();
      state.lastTotal = seed.lastTotal;
      state.lastTotalDate = seed.lastTotalDate;
      for (const delta of seed.recentDeltas.slice(-this.options.outlierWindow)) {
        state.recentDeltas.push(delta);
        state.sortedDeltas.splice(lowerBound(state.sortedDeltas, delta), 0, delta);
      }
      this.states.set(seed.category, state);
      // Without a total before, the chain was not intact: that is known already.
      if (seed.lastTotal !== null) this.unsettled.add(seed.category);
    }
  }

  /**
   * Whether this checker, resumed from a seed and fed the reports after it, now holds what a
   * checker fed the whole series would: it does once it has a report before it and each seeded
   * category's chain was settled by a report since (a total stated, the category missing from a
   * report, or a day without a report). The pending deltas of a chain that is not intact are
   * never read, and a total starts them anew.
   */
  get settled(): boolean {
    return this.previous !== null && this.unsettled.size === 0;
  }

  private settle(report: CheckedReport, afterGap: boolean): void {
    if (this.unsettled.size === 0) return;
    if (afterGap) {
      this.unsettled.clear();
      return;
    }
    const present = new Map(report.figures.map((f) => [f.category, f]));
    for (const category of this.unsettled) {
      const figure = present.get(category);
      if (!figure || figure.total !== null) this.unsettled.delete(category);
    }
  }

  /** The findings about this report (none for a report before `checkFrom`, which is history only). */
  check(report: CheckedReport): Finding[] {
    const { source, options, previous } = this;
    const out: Finding[] = [];
    let afterGap = false;
    if (previous) {
      const span = daysBetween(previous.date, report.date);
      if (span > 1) {
        afterGap = true;
        out.push(
          finding({ date: report.date, source, category: null, kind: 'gap', expected: null, actual: span - 1, detail: `no report from ${source} for the ${span - 1} day(s) after ${previous.date}; checks compare with ${previous.date}` }),
        );
        // A delta covers one day: across missing days it cannot be checked against totals.
        for (const state of this.states.values()) state.chainIntact = false;
      }
      const present = new Set(report.figures.map((f) => f.category));
      for (const before of previous.figures) {
        if (present.has(before.category)) continue;
        const state = this.states.get(before.category);
        if (state) state.chainIntact = false;
        const current = isCategoryKey(before.category) && isCategoryCurrentOn(before.category, report.date);
        if (current) {
          out.push(
            finding({ date: report.date, source, category: before.category, kind: 'category_missing', expected: null, actual: null, detail: `listed on ${previous.date}, missing from this report` }),
          );
        }
      }
    }
    for (const figure of report.figures) {
      let state = this.states.get(figure.category);
      if (!state) {
        state = newState();
        this.states.set(figure.category, state);
      }
      if (previous && !this.seen.has(figure.category)) {
        out.push(
          finding({ date: report.date, source, category: figure.category, kind: 'category_new', expected: null, actual: figure.total, detail: `first appearance in ${source}` }),
        );
      }
      out.push(...checkFigure(source, report, figure, state, options));
      advance(state, figure, report.date, options.outlierWindow);
      this.seen.add(figure.category);
    }
    for (const line of report.unmapped) {
      out.push(
        finding({
          date: report.date,
          source,
          category: null,
          kind: 'category_unknown',
          expected: null,
          actual: line.total,
          detail: `unknown label "${line.label}" (total ${line.total ?? 'none'}, delta ${line.delta === null ? 'none' : signed(line.delta)})`,
        }),
      );
    }
    this.settle(report, afterGap);
    this.previous = report;
    return this.checkFrom === undefined || report.date >= this.checkFrom ? out : [];
  }
}

/** Every finding about one source's reports, given in ascending date order. */
export function checkSourceSeries(source: string, reports: Iterable<CheckedReport>, scope: SeriesCheckScope = {}): Finding[] {
  const checker = new SeriesChecker(source, scope);
  const found: Finding[] = [];
  for (const report of reports) found.push(...checker.check(report));
  return found;
}
