import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, kyivDate, warDay } from '../../src/dates.js';

const DAY_MS = 86_400_000;
const byDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

describe('addDays and daysBetween', () => {
  it('agree with the Date of JavaScript on every day from 1899 to 2101, across leap days and centuries', () => {
    let date = '1899-01-01';
    let count = 0;
    while (date < '2101-12-31') {
      for (const shift of [-1, 1, 7, -366, 400]) expect(addDays(date, shift)).toBe(byDate(date, shift));
      date = addDays(date, 1);
      count++;
    }
    expect(count).toBe(daysBetween('1899-01-01', '2101-12-31'));
    expect(count).toBe(Math.round((Date.parse('2101-12-31') - Date.parse('1899-01-01')) / DAY_MS));
  });

  it('counts the leap days and the days of the war', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2022-02-24', 0)).toBe('2022-02-24');
    expect(daysBetween('2026-07-28', '2022-02-24')).toBe(-1615);
    expect(warDay('2026-07-28')).toBe(1616);
  });

  it('refuses what is not a date YYYY-MM-DD', () => {
    expect(() => addDays('2026-7-28', 1)).toThrow(new RangeError('not a date YYYY-MM-DD: "2026-7-28"'));
    expect(() => addDays('2026-13-01', 1)).toThrow(new RangeError('not a date YYYY-MM-DD: "2026-13-01"'));
    expect(() => daysBetween('yesterday', '2026-07-28')).toThrow(new RangeError('not a date YYYY-MM-DD: "yesterday"'));
  });
});

describe('kyivDate', () => {
  it('is the date in Kyiv, asking the time zone only in the hour when winter and summer time disagree', () => {
    expect(kyivDate(new Date('2026-11-27T08:00:00Z'))).toBe('2026-11-27');
    expect(kyivDate(new Date('2026-11-27T21:30:00Z'))).toBe('2026-11-27'); // 23:30, winter time
    expect(kyivDate(new Date('2026-11-27T22:30:00Z'))).toBe('2026-11-28');
    expect(kyivDate(new Date('2026-07-27T21:30:00Z'))).toBe('2026-07-28'); // 00:30, summer time
    expect(kyivDate(new Date('2026-07-27T20:59:59Z'))).toBe('2026-07-27');
    // The nights the clocks change: 01:00 UTC on the last Sundays of March and October.
    expect(kyivDate(new Date('2026-03-28T21:30:00Z'))).toBe('2026-03-28');
    expect(kyivDate(new Date('2026-10-24T21:30:00Z'))).toBe('2026-10-25');
  });

  it('agrees with the time zone every 20 minutes of 2022 to 2026', () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.parse('2022-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 20 * 60_000) {
      const instant = new Date(t);
      if (kyivDate(instant) !== zone.format(instant)) expect(kyivDate(instant), instant.toISOString()).toBe(zone.format(instant));
    }
  });
});
