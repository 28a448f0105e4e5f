/**
 * Number rules shared by every source. Reports write counts as plain digits ("849320") or
 * with thousands separators: space, no-break space, narrow no-break space, thin space, comma
 * or dot ("1 311 180", "849.320", "21,600"). A dot is never a decimal point here: every figure
 * is a whole count.
 */

const GROUP_SEPARATORS = ' \u00a0\u202f\u2009,.';

/**
 * Source text of a count: separated thousands groups first, so "1 311 180" is one number. A
 * count is never part of a longer run of digits, nor followed by a dot or comma and a digit
 * (that is a date such as "24.02.22"); digit runs are bounded so a long run cannot make a
 * pattern backtrack for long.
 */
export const COUNT_PATTERN = String.raw`(?<!\d)(?:\d{1,3}(?:[${GROUP_SEPARATORS}]\d{3})+|\d{1,10})(?![.,]?\d)`;

const WHOLE_COUNT = new RegExp(String.raw`^(?:${COUNT_PATTERN})$`, 'u');
const SEPARATORS = new RegExp(`[${GROUP_SEPARATORS}]`, 'gu');

/** Reads a count written in any of the report styles; null when the text is not one count. */
export function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (!WHOLE_COUNT.test(trimmed)) return null;
  const value = Number(trimmed.replace(SEPARATORS, ''));
  return Number.isSafeInteger(value) ? value : null;
}
