import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { localTime, missingDates, nextPollAt, parseWindow, zonedInstant } from '../../src/worker/schedule.js';

const KYIV = { start: 6 * 60 + 30, end: 12 * 60, everyMinutes: 20, timeZone: 'Europe/Kyiv' };

describe('parseWindow', () => {
  it('reads HH:MM-HH:MM', () => {
    expect(parseWindow('06:30-12:00')).toEqual({ start: 390, end: 720 });
  });

  it('rejects a malformed or empty window with a clear message', () => {
    expect(() => parseWindow('6.30-12')).toThrow(new UsageError('--window must be HH:MM-HH:MM in local time, such as 06:30-12:00; got "6.30-12"'));
    expect(() => parseWindow('12:00-06:30')).toThrow(new UsageError('--window must end after it starts; got "12:00-06:30"'));
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
    expect(nextPollAt(new Date('2026-07-31T09:00:00Z'), null, false, KYIV).toISOString()).toBe('2026-08-01T03:30:00.000Z');
    expect(nextPollAt(new Date('2026-07-31T08:50:00Z'), new Date('2026-07-31T08:45:00Z'), false, KYIV).toISOString()).toBe('2026-08-01T03:30:00.000Z');
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
