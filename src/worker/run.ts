/**
 * Runs a Worker until it is stopped. In the publication window (the default) it sleeps on its
 * clock until the worker next has something to do, re-reading the clock at least once a minute
 * so that a suspended machine or a changed system time is noticed; with an operator's cron
 * expression, node-cron runs a cycle (that polls every source not stored today) at each of its
 * times, in the worker's time zone. Cycles never overlap. When `stop` is aborted the cycle in
 * progress ends before its next fetch and `finished` resolves.
 */
import cron from 'node-cron';
import { isStopped, UsageError } from '../errors.js';
import type { Clock } from './clock.js';
import type { Logger } from './log.js';
import type { Worker } from './worker.js';

export interface RunningWorker {
  /** Resolves once the worker has stopped and its last cycle has finished. */
  readonly finished: Promise<void>;
}

export interface RunOptions {
  /** A cron expression, or null for the publication window. */
  readonly schedule: string | null;
  readonly timeZone: string;
  readonly log: Logger;
  readonly clock: Clock;
  readonly stop: AbortSignal;
  /** The least time between two cycles, and the wait after a cycle that failed unexpectedly. */
  readonly retryMs: number;
}

/** Longest sleep between two readings of the clock, in the clock's time. */
const MAX_NAP_MS = 60_000;
/** Least time between the starts of two cycles, whatever the worker says is due. */
const MIN_CYCLE_GAP_MS = 1_000;

export function validateSchedule(expression: string): void {
  if (!cron.validate(expression)) throw new UsageError(`--schedule "${expression}" is not a cron expression (for example "*/20 6-11 * * *")`);
}

export function runWorker(worker: Worker, options: RunOptions): RunningWorker {
  const { clock, stop, log } = options;
  /** No cycle starts before this instant (after an unexpected failure: no tight loop of failures). */
  let notBefore = Number.NEGATIVE_INFINITY;

  const cycle = async (force: boolean): Promise<void> => {
    notBefore = Math.max(notBefore, clock.now().getTime() + MIN_CYCLE_GAP_MS);
    try {
      await worker.runCycle({ force, stop });
    } catch (error) {
      if (isStopped(error)) return;
      notBefore = clock.now().getTime() + options.retryMs;
      log.log('error', 'cycle_failed', { error: error instanceof Error ? error.message : String(error), retry_at: new Date(notBefore).toISOString() });
    }
  };

  if (options.schedule !== null) return { finished: runOnSchedule(options.schedule, options, cycle) };

  const loop = async () => {
    // The first cycle runs at once: it catches up what the worker missed while it was not running.
    await cycle(false);
    while (!stop.aborted) {
      const now = clock.now();
      const due = Math.max(worker.nextWakeAt(now).getTime(), notBefore);
      if (due <= now.getTime()) {
        await cycle(false);
        continue;
      }
      await clock.sleep(Math.min(due - now.getTime(), MAX_NAP_MS), stop);
    }
  };
  return { finished: loop() };
}

async function runOnSchedule(expression: string, options: RunOptions, cycle: (force: boolean) => Promise<void>): Promise<void> {
  let current: Promise<void> = cycle(false);
  let busy = true;
  void current.finally(() => (busy = false));
  const task = cron.schedule(
    expression,
    () => {
      if (busy || options.stop.aborted) return;
      busy = true;
      current = cycle(true).finally(() => (busy = false));
    },
    { timezone: options.timeZone, noOverlap: true, name: 'losstally-worker' },
  );
  if (!options.stop.aborted) await new Promise<void>((resolve) => options.stop.addEventListener('abort', () => resolve(), { once: true }));
  await task.stop();
  await task.destroy();
  await current;
}
