/**
 * The worker's cycle, with every input injected (clock, storage, fetching, logs), so a test can
 * set the clock after an outage and see exactly what it fetches. Each cycle first fetches the
 * days an outage left missing since the last stored report, then today's report when a poll is
 * due in the publication window.
 */
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

export interface WorkerDeps {
  readonly now: () => Date;
  /** The latest report date stored for the worker's source. */
  readonly lastStoredDate: () => Promise<string | null>;
  readonly isStored: (date: string) => Promise<boolean>;
  /** Fetches and stores one day; expected failures are outcomes, not exceptions. */
  readonly fetchDay: (date: string) => Promise<DayOutcome>;
  readonly log: Logger;
  /** Called after a cycle in which nothing failed (a dead-man's-switch monitor). */
  readonly heartbeat?: () => Promise<void>;
}

export interface WorkerSettings {
  readonly source: string;
  readonly policy: PollPolicy;
  /** The most missing days one cycle catches up (older ones are left to `backfill`). */
  readonly maxCatchUpDays: number;
}

export interface CycleResult {
  readonly outcomes: readonly DayOutcome[];
  readonly nextPollAt: Date;
}

export class Worker {
  readonly #deps: WorkerDeps;
  readonly #settings: WorkerSettings;
  #today: string | null = null;
  #lastPollAt: Date | null = null;
  #storedToday = false;
  /** Past days that failed for good today (a 404, no report), with the day they were given up on. */
  readonly #givenUp = new Map<string, string>();

  constructor(deps: WorkerDeps, settings: WorkerSettings) {
    this.#deps = deps;
    this.#settings = settings;
  }

  /** When the next cycle has something to do for today's report. */
  nextPollAt(): Date {
    return nextPollAt(this.#deps.now(), this.#lastPollAt, this.#storedToday, this.#settings.policy);
  }

  /**
   * One cycle. `force` polls for today's report whatever the window and interval say (a
   * cron schedule given by the operator decides the times instead).
   */
  async runCycle(options: { force?: boolean } = {}): Promise<CycleResult> {
    const { deps, settings } = { deps: this.#deps, settings: this.#settings };
    const now = deps.now();
    const today = localTime(now, settings.policy.timeZone).date;
    if (today !== this.#today) {
      this.#today = today;
      this.#lastPollAt = null;
      this.#storedToday = false;
    }
    const outcomes: DayOutcome[] = [];

    const missing = missingDates(await deps.lastStoredDate(), today, settings.maxCatchUpDays).filter((d) => this.#givenUp.get(d) !== today);
    if (missing.length > 0) deps.log.log('info', 'catch_up', { source: settings.source, dates: missing.join(',') });
    for (const date of missing) {
      const outcome = await this.#fetch(date);
      outcomes.push(outcome);
      if (outcome.status === 'failed' && !outcome.retryable) this.#givenUp.set(date, today);
      // A site that is down now is down for the other days too: try them next cycle.
      if (outcome.status === 'failed' && outcome.retryable) break;
    }

    this.#storedToday = this.#storedToday || (await deps.isStored(today));
    if (!this.#storedToday && (options.force || this.nextPollAt() <= now)) {
      this.#lastPollAt = now;
      const outcome = await this.#fetch(today);
      outcomes.push(outcome);
      this.#storedToday = outcome.status === 'stored' || outcome.status === 'unchanged';
    }

    const next = this.nextPollAt();
    deps.log.log('info', 'cycle_done', { source: settings.source, fetched: outcomes.length, next_poll: next.toISOString() });
    if (deps.heartbeat && outcomes.every((o) => o.status !== 'failed')) {
      try {
        await deps.heartbeat();
      } catch (error) {
        deps.log.log('warn', 'heartbeat_failed', { error: (error as Error).message });
      }
    }
    return { outcomes, nextPollAt: next };
  }

  async #fetch(date: string): Promise<DayOutcome> {
    const outcome = await this.#deps.fetchDay(date);
    const level = outcome.status === 'failed' ? 'error' : 'info';
    this.#deps.log.log(level, `report_${outcome.status}`, { source: this.#settings.source, date, message: outcome.message });
    return outcome;
  }
}
