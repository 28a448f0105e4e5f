/**
 * The worker's clock: what time it is and how to wait. The system clock in normal use; a clock
 * that runs faster than real time (LOSSTALLY_TEST_CLOCK) for soak tests, so that days of
 * schedule pass in minutes while the process, the network and the database stay real.
 */
import { setTimeout as wait } from 'node:timers/promises';
import { ConfigError } from '../errors.js';

export interface Clock {
  now(): Date;
  /** Resolves after `ms` of this clock's time, or as soon as `stop` is aborted (never rejects). */
  sleep(ms: number, stop?: AbortSignal): Promise<void>;
  /** How many times faster than real time this clock runs (1 for the system clock). */
  readonly speed: number;
}

async function wallSleep(ms: number, stop?: AbortSignal): Promise<void> {
  if (stop?.aborted) return;
  try {
    await wait(Math.max(0, ms), undefined, stop ? { signal: stop } : {});
  } catch (error) {
    if (!stop?.aborted) throw error;
  }
}

export const systemClock: Clock = { now: () => new Date(), sleep: wallSleep, speed: 1 };

/** A clock that reads `start` at the wall instant `wallStart` and runs `speed` times faster. */
export function scaledClock(start: Date, speed: number, wallStart: number = Date.now()): Clock {
  const origin = start.getTime();
  return {
    now: () => new Date(origin + (Date.now() - wallStart) * speed),
    sleep: (ms, stop) => wallSleep(ms / speed, stop),
    speed,
  };
}

/** The settings of LOSSTALLY_TEST_CLOCK: "START,SPEED[,WALL_START_MS]". */
export interface TestClockSpec {
  readonly start: Date;
  readonly speed: number;
  /** The wall time (ms since the epoch) at which the clock reads `start`; default: when the process starts it. */
  readonly wallStart: number | null;
}

const SPEC = /^\s*([^,]+?)\s*,\s*(\d+(?:\.\d+)?)\s*(?:,\s*(\d+)\s*)?$/;

export function parseTestClock(text: string): TestClockSpec {
  const match = SPEC.exec(text);
  const start = match?.[1] !== undefined ? new Date(match[1]) : null;
  const speed = Number(match?.[2]);
  if (!match || !start || Number.isNaN(start.getTime()) || !(speed > 0)) {
    throw new ConfigError(
      `environment variable LOSSTALLY_TEST_CLOCK="${text}" must be START,SPEED[,WALL_START_MS], such as 2026-07-27T00:00:00Z,720 (a test seam: leave it unset)`,
    );
  }
  return { start, speed, wallStart: match[3] !== undefined ? Number(match[3]) : null };
}

export function clockFor(spec: TestClockSpec | null): Clock {
  return spec ? scaledClock(spec.start, spec.speed, spec.wallStart ?? Date.now()) : systemClock;
}
