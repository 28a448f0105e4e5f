import { describe, expect, it } from 'vitest';
import { findStatedDate, resolveStatedDate, type StatedDate } from '../../src/report/report-date.js';

describe('findStatedDate', () => {
  it('reads "з 24.02 по 21.08" as day and month with no year (2022 headings)', () => {
    expect(findStatedDate('🔥 Загальні бойові #втрати противника з 24.02 по 21.08 орієнтовно склали:')).toEqual({
      day: 21,
      month: 8,
      year: null,
      text: 'з 24.02 по 21.08',
    });
  });

  it('reads "from 24.02 to 12.04" in the 2022 English heading', () => {
    expect(findStatedDate('The total combat losses of the enemy from 24.02 to 12.04 were approximately:')).toEqual({
      day: 12,
      month: 4,
      year: null,
      text: 'from 24.02 to 12.04',
    });
  });

  it('reads two-digit years "from 24.02.22 to 01.05.23"', () => {
    expect(findStatedDate('The total combat losses of the enemy from 24.02.22 to 01.05.23 were approximately:')).toEqual({
      day: 1,
      month: 5,
      year: 2023,
      text: 'from 24.02.22 to 01.05.23',
    });
  });

  it('reads four-digit years "from 24.02.2022 to 13.09.2023"', () => {
    expect(findStatedDate('The total combat losses of the enemy from 24.02.2022 to 13.09.2023 were approximately:')).toEqual({
      day: 13,
      month: 9,
      year: 2023,
      text: 'from 24.02.2022 to 13.09.2023',
    });
  });

  it('reads the Ukrainian heading "з 24.02.22 по 19.02.24"', () => {
    expect(findStatedDate('Загальні бойові втрати противника з 24.02.22 по 19.02.24 орієнтовно склали:')).toEqual({
      day: 19,
      month: 2,
      year: 2024,
      text: 'з 24.02.22 по 19.02.24',
    });
  });

  it('reads the media wording "від 24.02 до 27.09"', () => {
    expect(findStatedDate('Загальні бойові втрати противника від 24.02 до 27.09 орієнтовно становлять:')).toEqual({
      day: 27,
      month: 9,
      year: null,
      text: 'від 24.02 до 27.09',
    });
  });

  it('reads the mod.gov.ua title "на 5 лютого 2026 року"', () => {
    expect(findStatedDate('Бойові втрати ворога на 5 лютого 2026 року')).toEqual({
      day: 5,
      month: 2,
      year: 2026,
      text: 'на 5 лютого 2026',
    });
  });

  it('reads every Ukrainian genitive month name', () => {
    const months = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
    expect(months.map((name) => findStatedDate(`Бойові втрати ворога на 1 ${name} 2026 року`)?.month)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it('reads "as of April 12, 2026"', () => {
    expect(findStatedDate('Total russian combat losses in Ukraine as of April 12, 2026')).toEqual({
      day: 12,
      month: 4,
      year: 2026,
      text: 'as of April 12, 2026',
    });
  });

  it('reads "as of 12 April 2026"', () => {
    expect(findStatedDate('Total russian combat losses in Ukraine as of 12 April 2026')).toEqual({
      day: 12,
      month: 4,
      year: 2026,
      text: 'as of 12 April 2026',
    });
  });

  it('reads the publication date, not the losses day named in the lead ("on April 11, 2026")', () => {
    expect(
      findStatedDate(
        'Total russian combat losses in Ukraine as of April 12, 2026. Total russian military losses on April 11, 2026: 1,070 personnel, 2,081 UAVs.',
      ),
    ).toEqual({ day: 12, month: 4, year: 2026, text: 'as of April 12, 2026' });
  });

  it('reads the title date, not the "за 27 липня" of the body', () => {
    expect(findStatedDate('Бойові втрати ворога на 28 липня 2026 року. Втрати ворога за 27 липня 2026 року: …')).toEqual({
      day: 28,
      month: 7,
      year: 2026,
      text: 'на 28 липня 2026',
    });
  });

  it('reads an impossible date as stated, leaving the calendar check to resolveStatedDate', () => {
    expect(findStatedDate('from 24.02.22 to 31.02.23')).toEqual({ day: 31, month: 2, year: 2023, text: 'from 24.02.22 to 31.02.23' });
  });

  it('returns null for text without a date', () => {
    expect(findStatedDate('Data are being updated.')).toBe(null);
    expect(findStatedDate('')).toBe(null);
  });

  it('returns null for a period that does not start on 24.02', () => {
    expect(findStatedDate('from 23.02 to 12.04')).toBe(null);
  });

  it('returns null for a date with an unknown month name', () => {
    expect(findStatedDate('as of Smarch 12, 2026')).toBe(null);
  });
});

describe('resolveStatedDate', () => {
  const stated = (day: number, month: number, year: number | null): StatedDate => ({ day, month, year, text: '' });
  /** Finds the date in the text and resolves it; 'no date found' when the text has none. */
  const resolveText = (text: string, contextYear: number | null): string | null => {
    const date = findStatedDate(text);
    return date === null ? 'no date found' : resolveStatedDate(date, contextYear);
  };

  it('takes the year from the context when the heading has none ("з 24.02 по 21.08", 2022)', () => {
    expect(resolveText('з 24.02 по 21.08', 2022)).toBe('2022-08-21');
  });

  it('resolves "від 24.02 до 27.09" with the context year', () => {
    expect(resolveText('від 24.02 до 27.09', 2022)).toBe('2022-09-27');
  });

  it('returns null when neither the text nor the context gives a year', () => {
    expect(resolveStatedDate(stated(21, 8, null), null)).toBe(null);
  });

  it('resolves two-digit years to 20YY ("from 24.02.22 to 01.05.23")', () => {
    expect(resolveText('from 24.02.22 to 01.05.23', null)).toBe('2023-05-01');
  });

  it('resolves four-digit years ("from 24.02.2022 to 13.09.2023")', () => {
    expect(resolveText('from 24.02.2022 to 13.09.2023', null)).toBe('2023-09-13');
  });

  it('prefers the stated year over the context year', () => {
    expect(resolveStatedDate(stated(1, 5, 2023), 2022)).toBe('2023-05-01');
  });

  it('resolves "на 5 лютого 2026 року" to 2026-02-05', () => {
    expect(resolveText('Бойові втрати ворога на 5 лютого 2026 року', null)).toBe('2026-02-05');
  });

  it('resolves "as of April 12, 2026" and "as of 12 April 2026" to 2026-04-12', () => {
    expect(resolveText('as of April 12, 2026', null)).toBe('2026-04-12');
    expect(resolveText('as of 12 April 2026', null)).toBe('2026-04-12');
  });

  it('resolves 29 February only in a leap year', () => {
    expect(resolveText('з 24.02.22 по 29.02.24', null)).toBe('2024-02-29');
    expect(resolveText('з 24.02.22 по 29.02.23', null)).toBe(null);
  });

  it('returns null for impossible dates', () => {
    expect(resolveText('from 24.02.22 to 31.02.23', null)).toBe(null);
    expect(resolveStatedDate(stated(31, 4, 2026), null)).toBe(null);
    expect(resolveStatedDate(stated(1, 13, 2023), null)).toBe(null);
    expect(resolveStatedDate(stated(0, 5, 2023), null)).toBe(null);
    expect(resolveStatedDate(stated(30, 2, null), 2022)).toBe(null);
  });

  it('returns null for "на 31 квітня 2026 року"', () => {
    expect(resolveText('Бойові втрати ворога на 31 квітня 2026 року', null)).toBe(null);
  });
});
