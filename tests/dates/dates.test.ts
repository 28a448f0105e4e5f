import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, warDateProblemAt, warDay } from '../../src/dates.js';

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

describe('warDateProblemAt', () => {
  it('takes tomorrow in Kyiv, which is already the day after in UTC late in the evening', () => {
    const lateEvening = new Date('2026-11-27T22:30:00Z'); // 00:30 on the 28th in Kyiv
    expect(warDateProblemAt('2026-11-29', lateEvening)).toBeNull();
    expect(warDateProblemAt('2026-11-30', lateEvening)).toBe('2026-11-30 is after tomorrow (2026-11-29); no report is dated later');
    const morning = new Date('2026-11-27T08:00:00Z');
    expect(warDateProblemAt('2026-11-28', morning)).toBeNull();
    expect(warDateProblemAt('2026-11-29', morning)).toBe('2026-11-29 is after tomorrow (2026-11-28); no report is dated later');
    expect(warDateProblemAt('2022-02-23', morning)).toBe('2022-02-23 is before the war began on 2022-02-24; no report is dated earlier');
    expect(warDateProblemAt('2022-02-24', morning)).toBeNull();
  });
});
