/**
 * Finds the report date a text states about itself. The official heading gives it as the end
 * of the period "з 24.02.22 по 19.02.24" / "from 24.02 to 12.04" (no year in 2022), mod.gov.ua
 * titles as "на 5 лютого 2026 року", English 2026 posts as "as of April 12, 2026".
 */
import { isoDate } from '../dates.js';
import { LETTERS } from './letters.js';

export interface StatedDate {
  readonly day: number;
  readonly month: number;
  /** Null when the text gives day and month only (2022 headings). */
  readonly year: number | null;
  /** The words the date was read from, for messages. */
  readonly text: string;
}

// Ukrainian, English and Russian-language copies ("с 24.02.22 по 11.06.24").
const PERIOD = new RegExp(String.raw`(?<![${LETTERS}])(?:з|від|from|с|от)\s+24\.02(?:\.(?:20)?22)?\s+(?:по|до|to)\s+(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?!\d)`, 'iu');

const UK_MONTHS = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const UK_AS_OF = new RegExp(String.raw`(?<![${LETTERS}])на\s+(\d{1,2})\s+(${UK_MONTHS.join('|')})\s+(\d{4})`, 'iu');
const EN_AS_OF = new RegExp(String.raw`as\s+of\s+(?:(${EN_MONTHS.join('|')})\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+(${EN_MONTHS.join('|')}),?\s+(\d{4}))`, 'iu');

function expandYear(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

export function findStatedDate(text: string): StatedDate | null {
  const period = PERIOD.exec(text);
  if (period) {
    return { day: Number(period[1]), month: Number(period[2]), year: expandYear(period[3]), text: period[0] };
  }
  const uk = UK_AS_OF.exec(text);
  if (uk) {
    return { day: Number(uk[1]), month: UK_MONTHS.indexOf((uk[2] ?? '').toLowerCase()) + 1, year: Number(uk[3]), text: uk[0] };
  }
  const en = EN_AS_OF.exec(text);
  if (en) {
    const monthName = (en[1] ?? en[5] ?? '').toLowerCase();
    const day = Number(en[2] ?? en[4]);
    const year = Number(en[3] ?? en[6]);
    return { day, month: EN_MONTHS.indexOf(monthName) + 1, year, text: en[0] };
  }
  return null;
}

const ISO_POSTED = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/u;
const UK_POSTED = new RegExp(String.raw`(?<!\d)(\d{1,2})\s+(${UK_MONTHS.join('|')})\s+(\d{4})`, 'iu');
const EN_POSTED = new RegExp(String.raw`(?<!\d)(\d{1,2})\s+(${EN_MONTHS.join('|')})\s+(\d{4})`, 'iu');

/**
 * The date a page was posted, from its publication line: "2022-07-08 09:25:00",
 * "08 липня 2022, 09:25" (mil.gov.ua's Ukrainian pages), "posted 29 December 2023 07:58".
 */
export function findPostedDate(text: string): string | null {
  const iso = ISO_POSTED.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK_POSTED.exec(text);
  if (uk) return isoDate(Number(uk[3]), UK_MONTHS.indexOf((uk[2] ?? '').toLowerCase()) + 1, Number(uk[1]));
  const en = EN_POSTED.exec(text);
  if (en) return isoDate(Number(en[3]), EN_MONTHS.indexOf((en[2] ?? '').toLowerCase()) + 1, Number(en[1]));
  return null;
}

/** The ISO date of a stated date, taking the year from context when the text omits it. */
export function resolveStatedDate(stated: StatedDate, contextYear: number | null): string | null {
  const year = stated.year ?? contextYear;
  if (year === null) return null;
  return isoDate(year, stated.month, stated.day);
}
