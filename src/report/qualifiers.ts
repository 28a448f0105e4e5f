/**
 * Qualifier words before a total ("близько", "about", "понад", "około", "circa"), from the
 * language tables, matched as whole words so "до" never matches inside "додатково".
 */
import { LANGUAGES } from './languages/index.js';
import { LETTERS } from './letters.js';
import { containsWord } from './lexicon.js';
import type { Qualifier } from './types.js';

/** Every qualifier word of the tables, with what it means: "about" words first, then "more than", then "up to" (a word in two keeps the first). */
const QUALIFIER_WORDS: ReadonlyMap<string, Qualifier> = (() => {
  const words = new Map<string, Qualifier>();
  for (const qualifier of ['about', 'more than', 'up to'] as const) {
    for (const table of LANGUAGES) for (const word of table.qualifiers[qualifier] ?? []) if (!words.has(word)) words.set(word, qualifier);
  }
  return words;
})();

export type QualifierReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'known'; readonly qualifier: Qualifier }
  | { readonly kind: 'unknown'; readonly text: string };

const LETTER = new RegExp(`[${LETTERS}]`, 'u');

/**
 * Reads the words between a line's separator and its total ("ліквідовано близько" → about);
 * `before`, the words before those, can make an "up to" word plain "to" ("зросли" before "до").
 */
export function readQualifier(text: string, before = ''): QualifierReading {
  const trimmed = text.trim();
  // The words before a total are read only when there are some.
  if (!LETTER.test(trimmed)) return { kind: 'none' };
  const lower = trimmed.toLowerCase();
  for (const [word, qualifier] of QUALIFIER_WORDS) if (qualifies(lower, before, word, qualifier)) return { kind: 'known', qualifier };
  return { kind: 'unknown', text: trimmed };
}

/**
 * The words right before a count in prose that qualify it, or '': its last word ("близько") or
 * its last two ("more than", "bis zu") when they are a qualifier of the tables, nothing else
 * ("до сьогодні 1 178 610", "around Bakhmut 300" qualify nothing); `before` as for readQualifier.
 */
export function qualifierEnding(words: string, before = ''): string {
  const parts = words.trim().split(/\s+/u);
  for (const take of [2, 1]) {
    if (parts.length < take) continue;
    const candidate = parts.slice(-take).join(' ');
    const qualifier = QUALIFIER_WORDS.get(candidate.toLowerCase());
    if (qualifier !== undefined && (qualifier !== 'up to' || !risenBefore(`${before} ${parts.slice(0, -take).join(' ')}`))) return candidate;
  }
  return '';
}

/** Whether `text` ends with `phrase` as whole words. */
function endsWithWords(text: string, phrase: string): boolean {
  return text.endsWith(phrase) && containsWord(text.slice(-phrase.length - 1), phrase);
}

/** The words of a count that rose to its total, of every language: "до" is Ukrainian and Russian alike. */
const RISEN_TO = LANGUAGES.flatMap((table) => table.risenTo ?? []);
/** A short word between the rise and its "to" ("зросли вже до", "wzrosły już do"). */
const SHORT_LAST_WORD = new RegExp(`\\s+[${LETTERS}]{1,5}$`, 'u');

/**
 * Whether the words before an "up to" word make it plain "to": a count that rose to its total
 * ("зросли до", "зросли вже до"), or a range ("з 1 000 до 1 240").
 */
function risenBefore(text: string): boolean {
  const words = text.toLowerCase().replace(/\s+/gu, ' ').trimEnd();
  if (/\d$/u.test(words)) return true;
  const risen = (end: string) => RISEN_TO.some((phrase) => endsWithWords(end, phrase));
  return risen(words) || risen(words.replace(SHORT_LAST_WORD, ''));
}

/**
 * Whether a qualifier's word is in the words before a total: as whole words, and, for "up to",
 * not as the "to" of a count that rose to its total ("зросли до 1 178 610 осіб").
 */
function qualifies(lower: string, before: string, word: string, qualifier: Qualifier): boolean {
  if (qualifier !== 'up to') return containsWord(lower, word);
  return containsWord(lower, word, (at) => !risenBefore(`${before} ${lower.slice(0, at)}`));
}
