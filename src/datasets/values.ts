/**
 * Cell values of the datasets: dates, counts and the personnel qualifier. Datasets are machine
 * output, so the rules are narrower than the report grammar's: no thousands separators.
 */
import { isIsoDate, isoDate } from '../dates.js';
import type { Qualifier } from '../report/types.js';

const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
// pandas writes a column that has empty cells as floats: "100.0" is the count 100.
const COUNT = /^\d{1,15}(?:\.0+)?$/;
const SIGNED = /^[+-]?\d{1,15}(?:\.0+)?$/;

/** Phrase in the file for what a date cell must look like. */
export const DATE_FORMS = 'YYYY-MM-DD or d.mm.yyyy';

const DATES = new Map<string, string | null>();
const MAX_DATES = 20_000;

/** An ISO date ("2022-02-25") or a dotted day-first date ("25.02.2022", "9.04.2024"), as ISO; else null. */
export function readDate(text: string): string | null {
  const known = DATES.get(text);
  if (known !== undefined) return known;
  let date: string | null = null;
  if (isIsoDate(text)) {
    date = text;
  } else {
    const m = DOTTED_DATE.exec(text);
    if (m) date = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  }
  if (DATES.size < MAX_DATES) DATES.set(text, date);
  return date;
}

/** A cell holding a whole non-negative count ("2800", "100.0"); else null. */
export function readCount(text: string): number | null {
  if (!COUNT.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** A cell holding a whole number with an optional sign ("+12", "-1", "0"); else null. */
export function readSignedCount(text: string): number | null {
  if (!SIGNED.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** A JSON value that is a count: a non-negative whole number, or a string readCount accepts. */
export function countOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value === 'string') return readCount(value.trim());
  return null;
}

const QUALIFIERS: ReadonlyMap<string, Qualifier> = new Map([
  ['about', 'about'],
  ['more', 'more than'],
  ['more than', 'more than'],
  ['up to', 'up to'],
]);

/** PetroIvaniuk's `personnel*` ("about", "more") as a qualifier; undefined when it is another word. */
export function readPersonnelQualifier(text: string): Qualifier | undefined {
  return QUALIFIERS.get(text.trim().toLowerCase());
}
