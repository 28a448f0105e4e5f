/**
 * Calendar dates as ISO text (YYYY-MM-DD), the only date type stored or passed around. All
 * arithmetic is done in UTC on whole days, so it never depends on the machine's time zone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function isoDate(year: number, month: number, day: number): string | null {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(text) ? text : null;
}

function toEpochDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function addDays(date: string, days: number): string {
  return new Date((toEpochDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The calendar date in a time zone at an instant (reports are dated in Kyiv time). */
/** One formatter per zone: building one costs far more than using it, and imports ask once a report. */
const DATE_FORMATTERS = new Map<string, Intl.DateTimeFormat>();

export function dateInZone(instant: Date, timeZone: string): string {
  let formatter = DATE_FORMATTERS.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DATE_FORMATTERS.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export const KYIV_TIME_ZONE = 'Europe/Kyiv';

/** The first day of the full-scale invasion: day 1 of the war. */
export const WAR_START_DATE = '2022-02-24';

/** The day of the war a date is (2022-02-24 is day 1), as the `day` column of the `series` view counts. */
export function warDay(date: string): number {
  return daysBetween(WAR_START_DATE, date) + 1;
}

/** The date of the first daily report of the war (its day 2): where a whole history starts. */
export const FIRST_REPORT_DATE = '2022-02-25';

/** The first day of the war: no report is dated before it. */
export const WAR_START = '2022-02-24';

/**
 * Why a report date cannot be one, or null: before the war began, or after tomorrow in Kyiv
 * (a report of today comes out in the morning; tomorrow's is the furthest a clock or zone
 * difference can reach). `today` is the date in Kyiv.
 */
export function warDateProblem(date: string, today: string): string | null {
  if (date < WAR_START) return `${date} is before the war began on ${WAR_START}; no report is dated earlier`;
  const tomorrow = addDays(today, 1);
  if (date > tomorrow) return `${date} is after tomorrow (${tomorrow}); no report is dated later`;
  return null;
}
