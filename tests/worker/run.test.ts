/**
 * The worker's loop in both schedule modes, on clocks that run by themselves: the publication
 * window on a clock 1,200 times faster than real time and on the real clock, and a cron
 * schedule (node-cron) on the real clock.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { scaledClock, systemClock, type Clock } from '../../src/worker/clock.js';
import { createLogger } from '../../src/worker/log.js';
import { runWorker } from '../../src/worker/run.js';
import { Worker } from '../../src/worker/worker.js';

const MIN = 60_000;

/** A worker following mod, whose report of the day is out from `publishedAt` on. */
function fakeWorker(clock: Clock, policy: { start: number; end: number; everyMs: number }, publishedAt: Date | null) {
  const polls: Date[] = [];
  const stored = new Set<string>();
  const lines: string[] = [];
  const worker = new Worker(
    {
      now: () => clock.now(),
      lastStoredDate: async () => null,
      isStored: async (_source, date) => stored.has(date),
      fetchDay: async (_source, date) => {
        const at = clock.now();
        polls.push(at);
        if (publishedAt && at >= publishedAt) {
          stored.add(date);
          return { date, status: 'stored', message: 'stored', retryable: false };
        }
        return { date, status: 'not_published', message: 'not yet', retryable: true };
      },
      log: createLogger({ write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream, { json: true, now: () => clock.now() }),
    },
    { sources: ['mod'], policy: { ...policy, timeZone: 'Europe/Kyiv' }, maxCatchUpDays: 30 },
  );
  return { worker, polls, lines };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await sleep(10);
}

const minutesOf = (instant: Date) => (instant.getTime() - Date.parse('2026-07-31T03:30:00Z')) / MIN;

describe('runWorker', () => {
  it('in the window, wakes at each poll of a clock that moves by itself, then rests until tomorrow', async () => {
    // 06:20 in Kyiv; 20 minutes pass in each real second.
    const clock = scaledClock(new Date('2026-07-31T03:20:00Z'), 1200);
    const { worker, polls, lines } = fakeWorker(clock, { start: 390, end: 720, everyMs: 20 * MIN }, new Date('2026-07-31T04:05:00Z'));
    const stop = new AbortController();
    const running = runWorker(worker, { schedule: null, timeZone: 'Europe/Kyiv', log: createLogger({ write: () => true } as unknown as NodeJS.WritableStream, { json: true }), clock, stop: stop.signal, retryMs: 20 * MIN });
    await until(() => polls.length >= 3, 10_000);
    // Ten more minutes of the clock: no poll once the report is stored.
    await sleep(500);
    stop.abort();
    await running.finished;
    // At 06:30, 06:50 and 07:10 Kyiv time, each within two minutes of the clock (timers are not exact).
    const offsets = polls.map(minutesOf);
    expect(offsets).toHaveLength(3);
    offsets.forEach((offset, i) => expect(Math.abs(offset - 20 * i)).toBeLessThan(2));
    const last = JSON.parse(lines.at(-1) ?? '{}') as { event: string; next_poll: string };
    expect([last.event, last.next_poll]).toEqual(['cycle_done', '2026-08-01T03:30:00.000Z']);
  });

  it('in the window, polls at the interval on the real clock', async () => {
    const { worker, polls } = fakeWorker(systemClock, { start: 0, end: 1440, everyMs: 1000 }, null);
    const stop = new AbortController();
    const running = runWorker(worker, { schedule: null, timeZone: 'Europe/Kyiv', log: createLogger({ write: () => true } as unknown as NodeJS.WritableStream, { json: true }), clock: systemClock, stop: stop.signal, retryMs: 1000 });
    await sleep(2_600);
    stop.abort();
    await running.finished;
    // At 0, 1 and 2 s; a loaded machine may run the last one late.
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.length).toBeLessThanOrEqual(3);
    const gaps = polls.slice(1).map((at, i) => at.getTime() - (polls[i] as Date).getTime());
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
    for (const gap of gaps) expect(gap).toBeLessThan(1800);
  });

  it('on a cron schedule, polls at each of its times on the real clock, and stops at once', async () => {
    // node-cron ticks on the real clock; the worker's clock runs at real speed from 05:00 in
    // Kyiv, before the window, so that only the schedule makes it poll.
    const clock = scaledClock(new Date('2026-07-31T02:00:00Z'), 1);
    const { worker, polls } = fakeWorker(clock, { start: 390, end: 720, everyMs: 20 * MIN }, null);
    const stop = new AbortController();
    const running = runWorker(worker, { schedule: '* * * * * *', timeZone: 'Europe/Kyiv', log: createLogger({ write: () => true } as unknown as NodeJS.WritableStream, { json: true }), clock, stop: stop.signal, retryMs: 1000 });
    await sleep(3_300);
    const stoppedAt = Date.now();
    stop.abort();
    await running.finished;
    expect(Date.now() - stoppedAt).toBeLessThan(500);
    // Every second: three or four times in 3.3 s, never two in the same second.
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.length).toBeLessThanOrEqual(4);
    const seconds = polls.map((at) => Math.floor(at.getTime() / 1000));
    expect(new Set(seconds).size).toBe(seconds.length);
  });
});
