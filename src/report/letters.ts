/**
 * The letters of the scripts reports are written in: Latin with its accented letters, Greek and
 * Cyrillic. Regular expressions use this class rather than \p{L}: a Unicode property class is
 * hundreds of ranges, and building the line grammar's patterns with it cost a command that
 * parses one page some 12 ms before its first line.
 */
// With U+02BC, the Ukrainian apostrophe inside words ("пʼять").
export const LETTERS = 'A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u02BC\\u0370-\\u03FF\\u0400-\\u052F';

/** Lower-case letters of those scripts (Latin Extended counted whole: its cases interleave). */
export const LOWERCASE_LETTERS = 'a-z\\u00B5\\u00DF-\\u00F6\\u00F8-\\u00FF\\u0100-\\u024F\\u03AC-\\u03CE\\u0430-\\u045F\\u0461-\\u052F';

/** Cyrillic letters. */
export const CYRILLIC_LETTERS = '\\u0400-\\u052F';

/** What comes before a label's first letter (bullets, numbering), a hyphen glued to the letter excepted: it marks a word cut at its start. */
export const LEADING_NON_LETTERS = new RegExp(`^[^${LETTERS}]*?(?=-[${LETTERS}]|[${LETTERS}])`, 'u');

/** Whether a character code is a letter of LETTERS. */
export function isLetterCode(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0xaa ||
    code === 0xb5 ||
    code === 0xba ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    code === 0x2bc ||
    (code >= 0x370 && code <= 0x52f)
  );
}
