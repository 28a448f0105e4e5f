import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { describeEvery, formatWindow, localTime, missingDates, nextPollAt, parseEvery, parseWindow, zonedInstant } from '../../src/worker/schedule.js';

const KYIV = { start: 6 * 60 + 30, end: 12 * 60, everyMs: 20 * 60_000, timeZone: 'Europe/Kyiv' };

describe('parseWindow', () => {
  it('reads HH:MM-HH:MM', () => {
    expect(parseWindow('06:30-12:00')).toEqual({ start: 390, end: 720 });
  });

  it('rejects a malformed or empty window with a clear message', () => {
    expect(() => parseWindow('6.30-12')).toThrow(new UsageError('--window must be HH:MM-HH:MM in local time, such as 06:30-12:00; got "6.30-12"'));
    expect(() => parseWindow('12:00-06:30')).toThrow(new UsageError('--window must end after it starts; got "12:00-06:30"'));
  });
});

describe('parseEvery', () => {
  it('reads minutes, or a number with a unit', () => {
    expect(parseEvery('20')).toBe(1_200_000);
    expect(parseEvery('2s')).toBe(2_000);
    expect(parseEvery('15m')).toBe(900_000);
    expect(parseEvery('1h')).toBe(3_600_000);
    expect([describeEvery(1_200_000), describeEvery(2_000), describeEvery(5_400_000)]).toEqual(['20 min', '2 s', '1 h 30 min']);
    expect(formatWindow(parseWindow('00:00-24:00'))).toBe('00:00-24:00');
  });

  it('refuses anything else with the forms it takes', () => {
    const reason = (text: string) => `--every must be a time between polls of up to a day: minutes (20), or with a unit (30s, 20m, 1h); got "${text}"`;
    for (const text of ['0', '2 seconds', '-5', '1.5', '25h', '']) expect(() => parseEvery(text)).toThrow(new UsageError(reason(text)));
  });
});

describe('Kyiv local time', () => {
  it('converts both ways in summer and in winter time', () => {
    expect(localTime(new Date('2026-07-31T03:30:00Z'), 'Europe/Kyiv')).toEqual({ date: '2026-07-31', minutes: 390 });
    expect(zonedInstant('2026-07-31', 390, 'Europe/Kyiv').toISOString()).toBe('2026-07-31T03:30:00.000Z');
    expect(zonedInstant('2026-01-15', 390, 'Europe/Kyiv').toISOString()).toBe('2026-01-15T04:30:00.000Z');
    expect(localTime(new Date('2026-01-14T22:30:00Z'), 'Europe/Kyiv')).toEqual({ date: '2026-01-15', minutes: 30 });
  });
});

describe('nextPollAt', () => {
  it('waits for the window to open', () => {
    expect(nextPollAt(new Date('2026-07-31T02:00:00Z'), null, false, KYIV).toISOString()).toBe('2026-07-31T03:30:00.000Z');
  });

  it('polls now inside the window, then every 20 minutes', () => {
    const now = new Date('2026-07-31T05:00:00Z');
    expect(nextPollAt(now, null, false, KYIV)).toEqual(now);
    expect(nextPollAt(now, new Date('2026-07-31T04:50:00Z'), false, KYIV).toISOString()).toBe('2026-07-31T05:10:00.000Z');
  });

  it('rests until tomorrow once the report is stored or the window is over', () => {
    expect(nextPollAt(new Date('2026-07-31T05:00:00Z'), null, true, KYIV).toISOString()).toBe('2026-08-01T03:30:00.000Z');
    expect(nextPollAt(new Date('2026-07-31T09:00:00Z'), new Date('2026-07-31T08:50:00Z'), false, KYIV).toISOString()).toBe('2026-08-01T03:30:00.000Z');
    expect(nextPollAt(new Date('2026-07-31T08:50:00Z'), new Date('2026-07-31T08:45:00Z'), false, KYIV).toISOString()).toBe('2026-08-01T03:30:00.000Z');
  });

  it('polls once at once when started after the window with today not polled yet', () => {
    const late = new Date('2026-07-31T14:00:00Z');
    expect(nextPollAt(late, null, false, KYIV)).toEqual(late);
    expect(nextPollAt(new Date('2026-07-31T14:30:00Z'), late, false, KYIV).toISOString()).toBe('2026-08-01T03:30:00.000Z');
  });
});

describe('missingDates', () => {
  it('lists the days after the last stored one up to yesterday', () => {
    expect(missingDates('2026-07-27', '2026-07-31', 30)).toEqual(['2026-07-28', '2026-07-29', '2026-07-30']);
    expect(missingDates('2026-07-30', '2026-07-31', 30)).toEqual([]);
    expect(missingDates(null, '2026-07-31', 30)).toEqual([]);
  });

  it('keeps only the most recent days of a long outage', () => {
    expect(missingDates('2026-06-01', '2026-07-31', 2)).toEqual(['2026-07-29', '2026-07-30']);
  });
});
