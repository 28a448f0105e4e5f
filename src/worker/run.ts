/**
 * Runs a Worker on a node-cron schedule in the worker's time zone: by default a tick every
 * minute that runs a cycle when one is due; with an operator's cron expression, a cycle (that
 * polls for today's report) at each of its times. Cycles never overlap; `stop` lets the running
 * cycle finish its transaction.
 */
import cron from 'node-cron';
import { UsageError } from '../errors.js';
import type { Logger } from './log.js';
import type { Worker } from './worker.js';

export interface RunningWorker {
  /** Stops scheduling and resolves when the cycle in progress, if any, has finished. */
  stop(): Promise<void>;
}

export function validateSchedule(expression: string): void {
  if (!cron.validate(expression)) throw new UsageError(`--schedule "${expression}" is not a cron expression (for example "*/20 6-11 * * *")`);
}

export function runWorker(worker: Worker, options: { schedule: string | null; timeZone: string; log: Logger; now: () => Date }): RunningWorker {
  let current: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopping = false;
  const cycle = (force: boolean) => {
    if (busy || stopping) return;
    busy = true;
    current = worker
      .runCycle({ force })
      .catch((error: unknown) => options.log.log('error', 'cycle_failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        busy = false;
      });
  };

  const task = cron.schedule(
    options.schedule ?? '* * * * *',
    () => {
      // Without a schedule of its own the worker ticks every minute and polls when due.
      if (options.schedule !== null) cycle(true);
      else if (worker.nextPollAt() <= options.now()) cycle(false);
    },
    { timezone: options.timeZone, noOverlap: true, name: 'losstally-worker' },
  );
  options.log.log('info', 'worker_started', { schedule: options.schedule ?? 'window', time_zone: options.timeZone });
  // Catch up at once: node-cron does not replay the runs a stopped worker missed.
  cycle(false);

  return {
    async stop() {
      stopping = true;
      await task.stop();
      await task.destroy();
      await current;
      options.log.log('info', 'worker_stopped', {});
    },
  };
}
