/**
 * Calendar dates as ISO text (YYYY-MM-DD), the only date type stored or passed around. All
 * arithmetic is done in UTC on whole days, so it never depends on the machine's time zone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

/**
 * Days since 1970-01-01 of an ISO date, by the proleptic Gregorian count (days_from_civil):
 * plain arithmetic, because the clean series and the checks shift dates tens of thousands of
 * times a run, and parsing and formatting a Date each time was most of their cost.
 */
function toEpochDay(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-' || !(m >= 1 && m <= 12 && d >= 1 && d <= 31) || !Number.isInteger(y)) {
    throw new RangeError(`not a date YYYY-MM-DD: "${date}"`);
  }
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The ISO date of a day count since 1970-01-01 (civil_from_days), the inverse of toEpochDay. */
function fromEpochDay(epochDay: number): string {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** One formatter per zone: building one costs far more than using it, and the worker asks every minute. */
const WALL_CLOCK_FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = WALL_CLOCK_FORMATTERS.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    WALL_CLOCK_FORMATTERS.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * What a clock in a time zone shows at an instant: the date, the minutes after midnight, and the
 * wall time read as if it were UTC (its difference from the instant is the zone's offset).
 */
export function wallClock(instant: Date, timeZone: string): { date: string; minutes: number; wallMs: number } {
  const parts = wallClockFormatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const date = `${String(get('year')).padStart(4, '0')}-${String(get('month')).padStart(2, '0')}-${String(get('day')).padStart(2, '0')}`;
  const wallMs = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return { date, minutes: get('hour') * 60 + get('minute'), wallMs };
}

/** The calendar date in a time zone at an instant (reports are dated in Kyiv time). */
export function dateInZone(instant: Date, timeZone: string): string {
  return wallClock(instant, timeZone).date;
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

/**
 * The date in Kyiv at an instant. Kyiv is two hours ahead of UTC in winter and three in summer
 * (and would keep one of the two if daylight saving time ended), so only in the hour when the two
 * give different dates is the time zone asked: loading its data costs a command about 10 ms, and
 * storing a report asks for the date every time.
 */
export function kyivDate(instant: Date): string {
  const winter = new Date(instant.getTime() + 2 * 3_600_000).toISOString().slice(0, 10);
  const summer = new Date(instant.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
  return winter === summer ? winter : dateInZone(instant, KYIV_TIME_ZONE);
}
