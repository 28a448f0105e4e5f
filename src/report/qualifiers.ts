/**
 * Qualifier words before a total ("близько", "about", "понад", "około", "circa"), from the
 * language tables, matched as whole words so "до" never matches inside "додатково".
 */
import { LANGUAGES } from './languages/index.js';
import { LETTERS } from './letters.js';
import { containsWord } from './lexicon.js';
import type { Qualifier } from './types.js';

const QUALIFIERS: readonly Qualifier[] = ['about', 'more than', 'up to'];

export type QualifierReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'known'; readonly qualifier: Qualifier }
  | { readonly kind: 'unknown'; readonly text: string };

const LETTER = new RegExp(`[${LETTERS}]`, 'u');

/** Reads the words between a line's separator and its total ("ліквідовано близько" → about). */
export function readQualifier(text: string): QualifierReading {
  const trimmed = text.trim();
  // The words before a total are read only when there are some.
  if (!LETTER.test(trimmed)) return { kind: 'none' };
  const lower = trimmed.toLowerCase();
  for (const qualifier of QUALIFIERS) {
    for (const table of LANGUAGES) {
      if ((table.qualifiers[qualifier] ?? []).some((word) => containsWord(lower, word))) return { kind: 'known', qualifier };
    }
  }
  return { kind: 'unknown', text: trimmed };
}
