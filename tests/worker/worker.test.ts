/**
 * The worker's cycle over in-memory storage, on a clock that moves with every reading (and
 * that the tests move further): what it fetches, in which order, and when it wakes next.
 */
import { describe, expect, it } from 'vitest';
import { NetworkError, StoppedError } from '../../src/errors.js';
import { createLogger } from '../../src/worker/log.js';
import { Worker, type DayOutcome, type HistoryStep } from '../../src/worker/worker.js';
import { movingClock } from '../helpers/clock.js';

const MIN = 60_000;
const POLICY = { start: 390, end: 720, everyMs: 20 * MIN, timeZone: 'Europe/Kyiv' };
type Answer = DayOutcome['status'] | 'down' | 'stop';

interface Setup {
  stored?: Record<string, string[]>;
  /** By "source date"; a day without an answer is stored. */
  answers?: Record<string, Answer>;
  sources?: string[];
  history?: HistoryStep;
  onFetch?: (key: string) => void;
}

function setup(options: Setup = {}) {
  const sources = options.sources ?? ['mod'];
  const stored: Record<string, string[]> = { ...Object.fromEntries(sources.map((s) => [s, []])), ...options.stored };
  const answers = options.answers ?? {};
  // 05:00 in Kyiv, before the window opens.
  const clock = movingClock('2026-07-31T02:00:00Z');
  const fetched: string[] = [];
  const lines: string[] = [];
  let heartbeats = 0;
  const worker = new Worker(
    {
      now: () => clock.now(),
      lastStoredDate: async (source, today) => (stored[source] ?? []).filter((d) => d <= today).sort().at(-1) ?? null,
      isStored: async (source, date) => (stored[source] ?? []).includes(date),
      fetchDay: async (source, date) => {
        const key = `${source} ${date}`;
        fetched.push(key);
        options.onFetch?.(key);
        const answer = answers[key] ?? 'stored';
        if (answer === 'stop') throw new StoppedError();
        if (answer === 'stored') (stored[source] ??= []).push(date);
        // 'failed' is a failure for good (a 404 for a past day); 'down' a site that may come back.
        const status = answer === 'down' ? 'failed' : answer;
        return { date, status, message: answer, retryable: answer === 'down' || answer === 'not_published' };
      },
      ...(options.history ? { history: options.history } : {}),
      log: createLogger({ write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream, { json: true, now: () => clock.peek() }),
      heartbeat: async () => {
        heartbeats += 1;
      },
    },
    { sources, policy: POLICY, maxCatchUpDays: 30 },
  );
  const events = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).map(({ time, ...rest }) => (expect(time).toMatch(/^2026-\d\d-\d\dT/), rest));
  return { worker, clock, fetched, stored, answers, events, heartbeats: () => heartbeats };
}

describe('Worker', () => {
  it('after a three-day outage fetches exactly the three missing days, oldest first, then waits for the window', async () => {
    const { worker, clock, fetched } = setup({ stored: { mod: ['2026-07-27'] } });
    const cycle = await worker.runCycle();
    expect(fetched).toEqual(['mod 2026-07-28', 'mod 2026-07-29', 'mod 2026-07-30']);
    expect(cycle.nextWakeAt.toISOString()).toBe('2026-07-31T03:30:00.000Z');

    clock.set('2026-07-31T03:00:00Z');
    await worker.runCycle();
    expect(fetched).toHaveLength(3);

    clock.set('2026-07-31T03:30:00Z');
    const polled = await worker.runCycle();
    expect(fetched.slice(3)).toEqual(['mod 2026-07-31']);
    expect(polled.nextWakeAt.toISOString()).toBe('2026-08-01T03:30:00.000Z');
  });

  it('polls at every interval in the window until the report is published', async () => {
    const { worker, clock, fetched, answers } = setup({ stored: { mod: ['2026-07-30'] }, answers: { 'mod 2026-07-31': 'not_published' } });
    clock.set('2026-07-31T03:30:00Z');
    expect((await worker.runCycle()).nextWakeAt.toISOString()).toBe('2026-07-31T03:50:00.000Z');
    clock.set('2026-07-31T03:49:00Z');
    await worker.runCycle();
    expect(fetched).toEqual(['mod 2026-07-31']);
    clock.set('2026-07-31T03:50:00Z');
    expect((await worker.runCycle()).nextWakeAt.toISOString()).toBe('2026-07-31T04:10:00.000Z');
    delete answers['mod 2026-07-31'];
    clock.set('2026-07-31T04:10:30Z');
    const stored = await worker.runCycle();
    expect(fetched).toEqual(['mod 2026-07-31', 'mod 2026-07-31', 'mod 2026-07-31']);
    expect(stored.nextWakeAt.toISOString()).toBe('2026-08-01T03:30:00.000Z');
    clock.set('2026-07-31T05:00:00Z');
    await worker.runCycle();
    expect(fetched).toHaveLength(3);
  });

  it('asks a past day that answered 404 again only the next day', async () => {
    const { worker, clock, fetched } = setup({ stored: { mod: ['2026-07-27'] }, answers: { 'mod 2026-07-30': 'failed' } });
    await worker.runCycle();
    expect(fetched).toEqual(['mod 2026-07-28', 'mod 2026-07-29', 'mod 2026-07-30']);
    clock.set('2026-07-31T02:05:00Z');
    await worker.runCycle();
    expect(fetched).toHaveLength(3);
    clock.set('2026-08-01T02:00:00Z');
    await worker.runCycle();
    expect(fetched.slice(3)).toEqual(['mod 2026-07-30', 'mod 2026-07-31']);
  });

  it('stops catching up while the site is down and tries again after the interval', async () => {
    const { worker, clock, fetched, answers } = setup({ stored: { mod: ['2026-07-27'] }, answers: { 'mod 2026-07-28': 'down' } });
    expect((await worker.runCycle()).nextWakeAt.toISOString()).toBe('2026-07-31T02:20:00.000Z');
    expect(fetched).toEqual(['mod 2026-07-28']);
    clock.set('2026-07-31T02:10:00Z');
    await worker.runCycle();
    expect(fetched).toHaveLength(1);
    delete answers['mod 2026-07-28'];
    clock.set('2026-07-31T02:20:00Z');
    await worker.runCycle();
    expect(fetched).toEqual(['mod 2026-07-28', 'mod 2026-07-28', 'mod 2026-07-29', 'mod 2026-07-30']);
  });

  it('follows each source until each has today\'s report', async () => {
    const { worker, clock, fetched, answers } = setup({
      sources: ['mod', 'russianwarship'],
      stored: { mod: ['2026-07-30'], russianwarship: ['2026-07-30'] },
      answers: { 'mod 2026-07-31': 'down' },
    });
    clock.set('2026-07-31T03:30:00Z');
    await worker.runCycle();
    expect(fetched).toEqual(['mod 2026-07-31', 'russianwarship 2026-07-31']);
    clock.set('2026-07-31T03:50:00Z');
    answers['mod 2026-07-31'] = 'not_published';
    await worker.runCycle();
    delete answers['mod 2026-07-31'];
    clock.set('2026-07-31T04:10:00Z');
    const last = await worker.runCycle();
    expect(fetched).toEqual(['mod 2026-07-31', 'russianwarship 2026-07-31', 'mod 2026-07-31', 'mod 2026-07-31']);
    expect(last.nextWakeAt.toISOString()).toBe('2026-08-01T03:30:00.000Z');
  });

  it('polls every source not stored today at each time of a cron schedule, in the window or not', async () => {
    const { worker, fetched } = setup({ sources: ['mod', 'russianwarship'], stored: { mod: ['2026-07-30'], russianwarship: ['2026-07-30', '2026-07-31'] } });
    const cycle = await worker.runCycle({ force: true });
    expect(fetched).toEqual(['mod 2026-07-31']);
    expect(cycle.outcomes.map((o) => [o.source, o.date, o.status])).toEqual([['mod', '2026-07-31', 'stored']]);
  });

  it('brings in the history first, and tries again after the interval when it fails', async () => {
    let pending = true;
    const runs: string[] = [];
    const state = { stored: { mod: [] as string[], russianwarship: [] as string[] } };
    const history: HistoryStep = {
      pending: async () => pending,
      run: async (through) => {
        runs.push(through);
        if (runs.length === 1) throw new NetworkError('russianwarship.rip could not be reached: the connection was refused (ECONNREFUSED)');
        state.stored.russianwarship.push('2026-07-29', '2026-07-30');
        pending = false;
        return { message: '2 day(s) stored', fields: { stored: 2 } };
      },
    };
    const { worker, clock, fetched, events } = setup({ sources: ['mod', 'russianwarship'], stored: state.stored, history });
    expect((await worker.runCycle()).nextWakeAt.toISOString()).toBe('2026-07-31T02:20:00.000Z');
    clock.set('2026-07-31T02:20:00Z');
    await worker.runCycle();
    clock.set('2026-07-31T02:40:00Z');
    await worker.runCycle();
    expect(runs).toEqual(['2026-07-30', '2026-07-30']);
    expect(fetched).toEqual([]);
    expect(events()).toEqual([
      { level: 'error', event: 'history_failed', message: 'russianwarship.rip could not be reached: the connection was refused (ECONNREFUSED)', retry_at: '2026-07-31T02:20:00.000Z' },
      { level: 'info', event: 'cycle_done', fetched: 0, next_poll: '2026-07-31T02:20:00.000Z' },
      { level: 'info', event: 'history_stored', stored: 2, message: '2 day(s) stored' },
      { level: 'info', event: 'cycle_done', fetched: 0, next_poll: '2026-07-31T03:30:00.000Z' },
      { level: 'info', event: 'cycle_done', fetched: 0, next_poll: '2026-07-31T03:30:00.000Z' },
    ]);
  });

  it('ends a cycle before its next fetch once stopped, and calls no heartbeat', async () => {
    const stop = new AbortController();
    const { worker, fetched, heartbeats, events } = setup({ stored: { mod: ['2026-07-27'] }, onFetch: (key) => key === 'mod 2026-07-28' && stop.abort() });
    const cycle = await worker.runCycle({ stop: stop.signal });
    expect(fetched).toEqual(['mod 2026-07-28']);
    expect(cycle.stopped).toBe(true);
    expect(heartbeats()).toBe(0);
    expect(events().at(-1)).toEqual({ level: 'info', event: 'cycle_done', fetched: 1, next_poll: '2026-07-31T03:30:00.000Z', stopped: true });
  });

  it('treats a fetch cut short by a stop as the end of the cycle, not a failure', async () => {
    const { worker, fetched, events } = setup({ stored: { mod: ['2026-07-27'] }, answers: { 'mod 2026-07-29': 'stop' } });
    const cycle = await worker.runCycle();
    expect(fetched).toEqual(['mod 2026-07-28', 'mod 2026-07-29']);
    expect(cycle.stopped).toBe(true);
    expect(events().filter((e) => e['level'] === 'error')).toEqual([]);
  });

  it('calls the heartbeat after a cycle in which nothing failed, and logs one JSON line per event', async () => {
    const { worker, heartbeats, events } = setup({ stored: { mod: ['2026-07-29'] } });
    await worker.runCycle();
    expect(heartbeats()).toBe(1);
    expect(events()).toEqual([
      { level: 'info', event: 'catch_up', source: 'mod', dates: '2026-07-30' },
      { level: 'info', event: 'report_stored', source: 'mod', date: '2026-07-30', message: 'stored' },
      { level: 'info', event: 'cycle_done', fetched: 1, next_poll: '2026-07-31T03:30:00.000Z' },
    ]);
  });
});
