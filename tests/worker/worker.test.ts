import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/worker/log.js';
import { Worker, type DayOutcome } from '../../src/worker/worker.js';

const POLICY = { start: 390, end: 720, everyMinutes: 20, timeZone: 'Europe/Kyiv' };

/** A worker over an in-memory store, with a clock the test moves. */
function setup(stored: string[], answers: Record<string, DayOutcome['status'] | 'down'> = {}) {
  const clock = { now: new Date('2026-07-31T02:00:00Z') };
  const fetched: string[] = [];
  const lines: string[] = [];
  let heartbeats = 0;
  const worker = new Worker(
    {
      now: () => clock.now,
      lastStoredDate: async () => [...stored].sort().at(-1) ?? null,
      isStored: async (date) => stored.includes(date),
      fetchDay: async (date) => {
        fetched.push(date);
        const answer = answers[date] ?? 'stored';
        if (answer === 'stored') stored.push(date);
        // 'failed' is a failure for good (a 404 for a past day); 'down' a site that may come back.
        const status = answer === 'down' ? 'failed' : answer;
        return { date, status, message: answer, retryable: answer === 'down' || answer === 'not_published' };
      },
      log: createLogger({ write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream, { json: true, now: () => clock.now }),
      heartbeat: async () => {
        heartbeats += 1;
      },
    },
    { source: 'mod', policy: POLICY, maxCatchUpDays: 30 },
  );
  return { worker, clock, fetched, lines, heartbeats: () => heartbeats };
}

describe('Worker', () => {
  it('after a three-day outage fetches exactly the three missing days, then waits for the next window', async () => {
    const { worker, clock, fetched } = setup(['2026-07-27']);
    const cycle = await worker.runCycle();
    expect(fetched).toEqual(['2026-07-28', '2026-07-29', '2026-07-30']);
    expect(cycle.nextPollAt.toISOString()).toBe('2026-07-31T03:30:00.000Z');

    clock.now = new Date('2026-07-31T03:00:00Z');
    await worker.runCycle();
    expect(fetched).toHaveLength(3);

    clock.now = new Date('2026-07-31T03:30:00Z');
    await worker.runCycle();
    expect(fetched).toEqual(['2026-07-28', '2026-07-29', '2026-07-30', '2026-07-31']);
    expect(worker.nextPollAt().toISOString()).toBe('2026-08-01T03:30:00.000Z');
  });

  it('polls every 20 minutes in the window until the report is published', async () => {
    const answers: Record<string, DayOutcome['status']> = { '2026-07-31': 'not_published' };
    const { worker, clock, fetched } = setup(['2026-07-30'], answers);
    clock.now = new Date('2026-07-31T03:30:00Z');
    await worker.runCycle();
    clock.now = new Date('2026-07-31T03:40:00Z');
    await worker.runCycle();
    clock.now = new Date('2026-07-31T03:50:00Z');
    answers['2026-07-31'] = 'stored';
    const cycle = await worker.runCycle();
    expect(fetched).toEqual(['2026-07-31', '2026-07-31']);
    expect(cycle.nextPollAt.toISOString()).toBe('2026-08-01T03:30:00.000Z');
  });

  it('gives up on a missing past day until tomorrow', async () => {
    const { worker, clock, fetched } = setup(['2026-07-27'], { '2026-07-30': 'failed' });
    await worker.runCycle();
    expect(fetched).toEqual(['2026-07-28', '2026-07-29', '2026-07-30']);
    clock.now = new Date('2026-07-31T02:05:00Z');
    await worker.runCycle();
    expect(fetched).toHaveLength(3);
    clock.now = new Date('2026-08-01T02:00:00Z');
    await worker.runCycle();
    expect(fetched).toEqual(['2026-07-28', '2026-07-29', '2026-07-30', '2026-07-30', '2026-07-31']);
  });

  it('stops catching up while the site is down, and tries again next cycle', async () => {
    const answers: Record<string, DayOutcome['status'] | 'down'> = { '2026-07-28': 'down' };
    const { worker, clock, fetched } = setup(['2026-07-27'], answers);
    await worker.runCycle();
    expect(fetched).toEqual(['2026-07-28']);
    delete answers['2026-07-28'];
    clock.now = new Date('2026-07-31T02:05:00Z');
    await worker.runCycle();
    expect(fetched).toEqual(['2026-07-28', '2026-07-28', '2026-07-29', '2026-07-30']);
  });

  it('calls the heartbeat after a cycle in which nothing failed, and logs one JSON line per event', async () => {
    const { worker, lines, heartbeats } = setup(['2026-07-29']);
    await worker.runCycle();
    expect(heartbeats()).toBe(1);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: '2026-07-31T02:00:00.000Z', level: 'info', event: 'catch_up', source: 'mod', dates: '2026-07-30' },
      { time: '2026-07-31T02:00:00.000Z', level: 'info', event: 'report_stored', source: 'mod', date: '2026-07-30', message: 'stored' },
      { time: '2026-07-31T02:00:00.000Z', level: 'info', event: 'cycle_done', source: 'mod', fetched: 1, next_poll: '2026-07-31T03:30:00.000Z' },
    ]);
  });
});
