/**
 * The worker's cycle over the sources it follows, with every input injected (clock reading,
 * storage, fetching, logs), so a test can move the clock and see exactly what it fetches.
 *
 * A cycle, for each source in turn: the days an outage left missing since the source's last
 * stored report (oldest first), then today's report when a poll of that source is due in the
 * publication window. On an empty database the first cycles bring in the whole history first.
 * Every decision of a cycle is taken against the one clock reading the cycle started with.
 */
import { addDays } from '../dates.js';
import { isStopped } from '../errors.js';
import type { Logger } from './log.js';
import { localTime, missingDates, nextPollAt, type PollPolicy } from './schedule.js';

export type DayStatus = 'stored' | 'unchanged' | 'not_published' | 'failed';

export interface DayOutcome {
  readonly date: string;
  readonly status: DayStatus;
  readonly message: string;
  /** Whether trying again later the same day can help (a network error, a 503, not published yet). */
  readonly retryable: boolean;
}

export interface SourceDayOutcome extends DayOutcome {
  readonly source: string;
}

/** The history brought in on an empty database, by the cheapest path. */
export interface HistoryStep {
  /** Whether the history is still to be brought in. */
  pending(): Promise<boolean>;
  /** Brings it in up to `through`; throws a typed error when it could not (it is tried again later). */
  run(through: string): Promise<{ readonly message: string; readonly fields: Readonly<Record<string, unknown>> }>;
}

export interface WorkerDeps {
  readonly now: () => Date;
  /** The latest report date a source has stored, not after `today` (a future-dated row is no report of the past). */
  readonly lastStoredDate: (source: string, today: string) => Promise<string | null>;
  readonly isStored: (source: string, date: string) => Promise<boolean>;
  /** Fetches and stores one day of one source; expected failures are outcomes, a stop is a StoppedError. */
  readonly fetchDay: (source: string, date: string) => Promise<DayOutcome>;
  readonly history?: HistoryStep;
  readonly log: Logger;
  /** Called after a cycle in which nothing failed (a dead-man's-switch monitor). */
  readonly heartbeat?: () => Promise<void>;
  /** Called after every cycle with its outcome (the worker's state for `status`). */
  readonly afterCycle?: (result: CycleResult) => Promise<void>;
}

export interface WorkerSettings {
  /** Source ids, in the order each cycle visits them. */
  readonly sources: readonly string[];
  readonly policy: PollPolicy;
  /** The most missing days one cycle catches up per source (older ones are left to `backfill`). */
  readonly maxCatchUpDays: number;
}

export interface CycleResult {
  readonly startedAt: Date;
  readonly outcomes: readonly SourceDayOutcome[];
  /** When the worker next has something to do. */
  readonly nextWakeAt: Date;
  /** Whether the cycle was cut short by a stop. */
  readonly stopped: boolean;
}

interface SourceState {
  lastPollAt: Date | null;
  storedToday: boolean;
  /** A catch-up day failed in a way that may pass: try again at this instant. */
  retryAt: Date | null;
  /** Past days that failed for good (a 404, no report), with the day they were given up on. */
  readonly givenUp: Map<string, string>;
}

export class Worker {
  readonly #deps: WorkerDeps;
  readonly #settings: WorkerSettings;
  readonly #states = new Map<string, SourceState>();
  #today: string | null = null;
  #historyRetryAt: Date | null = null;
  #historyDone = false;

  constructor(deps: WorkerDeps, settings: WorkerSettings) {
    if (settings.sources.length === 0) throw new RangeError('a worker follows at least one source');
    this.#deps = deps;
    this.#settings = settings;
    for (const source of settings.sources) this.#states.set(source, { lastPollAt: null, storedToday: false, retryAt: null, givenUp: new Map() });
  }

  /** The next poll of today's report for one source, as of `now`. */
  nextPollAt(source: string, now: Date): Date {
    const state = this.#state(source);
    const today = localTime(now, this.#settings.policy.timeZone).date;
    // A new day starts with nothing known about it.
    const fresh = today !== this.#today;
    return nextPollAt(now, fresh ? null : state.lastPollAt, fresh ? false : state.storedToday, this.#settings.policy);
  }

  /** When the worker next has something to do, as of `now`: a poll, or a retry of a catch-up or of the history. */
  nextWakeAt(now: Date): Date {
    let next = Number.POSITIVE_INFINITY;
    for (const source of this.#settings.sources) {
      next = Math.min(next, this.nextPollAt(source, now).getTime());
      const retryAt = this.#state(source).retryAt;
      if (retryAt) next = Math.min(next, retryAt.getTime());
    }
    if (this.#historyRetryAt) next = Math.min(next, this.#historyRetryAt.getTime());
    return new Date(Math.max(next, now.getTime()));
  }

  /**
   * One cycle. `force` polls for today's report of every source not stored yet, whatever the
   * window and interval say (a cron schedule given by the operator decides the times instead).
   * `stop`, once aborted, ends the cycle before its next fetch.
   */
  async runCycle(options: { force?: boolean; stop?: AbortSignal } = {}): Promise<CycleResult> {
    const { deps, settings } = { deps: this.#deps, settings: this.#settings };
    const now = deps.now();
    const today = localTime(now, settings.policy.timeZone).date;
    if (today !== this.#today) {
      this.#today = today;
      for (const state of this.#states.values()) Object.assign(state, { lastPollAt: null, storedToday: false });
    }
    const outcomes: SourceDayOutcome[] = [];
    let stopped = false;
    try {
      await this.#history(now, today);
      for (const source of settings.sources) {
        if (options.stop?.aborted) break;
        await this.#catchUp(source, now, today, outcomes, options.stop);
        if (options.stop?.aborted) break;
        await this.#pollToday(source, now, today, Boolean(options.force), outcomes);
      }
    } catch (error) {
      if (!isStopped(error)) throw error;
      stopped = true;
    }
    stopped = stopped || Boolean(options.stop?.aborted);

    const result: CycleResult = { startedAt: now, outcomes, nextWakeAt: this.nextWakeAt(deps.now()), stopped };
    deps.log.log('info', 'cycle_done', { fetched: outcomes.length, next_poll: result.nextWakeAt.toISOString(), ...(stopped ? { stopped: true } : {}) });
    if (!stopped && deps.heartbeat && outcomes.every((o) => o.status !== 'failed')) {
      try {
        await deps.heartbeat();
      } catch (error) {
        if (!isStopped(error)) deps.log.log('warn', 'heartbeat_failed', { error: (error as Error).message });
      }
    }
    await deps.afterCycle?.(result);
    return result;
  }

  #state(source: string): SourceState {
    const state = this.#states.get(source);
    if (!state) throw new RangeError(`the worker does not follow ${source}`);
    return state;
  }

  async #history(now: Date, today: string): Promise<void> {
    const step = this.#deps.history;
    if (!step || this.#historyDone) return;
    if (this.#historyRetryAt && this.#historyRetryAt > now) return;
    if (!(await step.pending())) {
      this.#historyDone = true;
      return;
    }
    const through = addDays(today, -1);
    try {
      const done = await step.run(through);
      this.#historyDone = true;
      this.#historyRetryAt = null;
      this.#deps.log.log('info', 'history_stored', { ...done.fields, message: done.message });
    } catch (error) {
      if (isStopped(error)) throw error;
      this.#historyRetryAt = new Date(now.getTime() + this.#settings.policy.everyMs);
      this.#deps.log.log('error', 'history_failed', { message: (error as Error).message, retry_at: this.#historyRetryAt.toISOString() });
    }
  }

  async #catchUp(source: string, now: Date, today: string, outcomes: SourceDayOutcome[], stop: AbortSignal | undefined): Promise<void> {
    const state = this.#state(source);
    if (state.retryAt && state.retryAt > now) return;
    state.retryAt = null;
    const last = await this.#deps.lastStoredDate(source, today);
    const missing = missingDates(last, today, this.#settings.maxCatchUpDays).filter((d) => state.givenUp.get(d) !== today);
    if (missing.length === 0) return;
    this.#deps.log.log('info', 'catch_up', { source, dates: missing.join(',') });
    for (const date of missing) {
      if (stop?.aborted) return;
      const outcome = await this.#fetch(source, date);
      outcomes.push(outcome);
      if (outcome.status !== 'failed') continue;
      if (!outcome.retryable) {
        state.givenUp.set(date, today);
        continue;
      }
      // A site that is down now is down for the other days too: try them after the interval.
      state.retryAt = new Date(now.getTime() + this.#settings.policy.everyMs);
      return;
    }
  }

  async #pollToday(source: string, now: Date, today: string, force: boolean, outcomes: SourceDayOutcome[]): Promise<void> {
    const state = this.#state(source);
    state.storedToday = state.storedToday || (await this.#deps.isStored(source, today));
    if (state.storedToday) return;
    if (!force && this.nextPollAt(source, now) > now) return;
    state.lastPollAt = now;
    const outcome = await this.#fetch(source, today);
    outcomes.push(outcome);
    state.storedToday = outcome.status === 'stored' || outcome.status === 'unchanged';
  }

  async #fetch(source: string, date: string): Promise<SourceDayOutcome> {
    const outcome = { ...(await this.#deps.fetchDay(source, date)), source };
    const level = outcome.status === 'failed' ? 'error' : 'info';
    this.#deps.log.log(level, `report_${outcome.status}`, { source, date, message: outcome.message });
    return outcome;
  }
}
