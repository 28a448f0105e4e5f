/**
 * The text of a label as the lexicon and the checks compare it: one spelling for the many ways
 * a report types the same words. Kept apart from the lexicon, whose tables a check of stored
 * figures does not need.
 */
import { CYRILLIC_LETTERS, LEADING_NON_LETTERS, LETTERS } from './letters.js';

const LATIN_TO_CYRILLIC: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', x: 'х', y: 'у' };
const CYRILLIC = new RegExp(`[${CYRILLIC_LETTERS}]`, 'u');
const LATIN = /[A-Za-z\u00C0-\u024F]/u;
const WORDS = new RegExp(`[${LETTERS}-]+`, 'gu');

/**
 * Lower-cases a label and removes the differences that carry no meaning: bullets, spacing,
 * spacing around "/", trailing punctuation, and Latin look-alike letters typed inside
 * Cyrillic words ("лiтаків" with a Latin i).
 */
export function normaliseLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[\s\u00a0\u202f\u2009]+/gu, ' ')
    .replace(/\s*\/\s*/gu, '/')
    // A hyphen glued to the first letter is kept: it marks a word cut at its start ("-aircraft").
    .replace(LEADING_NON_LETTERS, '')
    .replace(/[\s:;,.]+$/u, '')
    .replace(/ё/gu, 'е')
    // Word by word (a "/" separates the halves of a bilingual label), so an English word next
    // to a Ukrainian one keeps its Latin letters.
    .replace(WORDS, (word) => (CYRILLIC.test(word) ? word.replace(/[aceiopxy]/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch) : word));
}

/** The languages whose script a label is written in: a bilingual "uk / en" label has both. */
export function labelScripts(label: string): { cyrillic: boolean; latin: boolean } {
  return { cyrillic: CYRILLIC.test(label), latin: LATIN.test(label) };
}
