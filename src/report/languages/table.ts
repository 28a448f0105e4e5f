/**
 * What the parser knows of one language, as data: adding a language is a new table (and its
 * entry in index.ts), not code. Terms are written as stems where words change their endings: a
 * word ending in "*" takes any of the table's `endings` or none, so one entry reads every case
 * and number ("танк*": танк, танки, танків, танками). A word whose stem itself changes
 * ("човен", "човни"; "wóz", "wozów") is written in both forms.
 */
import type { CategoryKey } from '../categories.js';
import type { Qualifier } from '../types.js';

export type LabelLanguage = 'uk' | 'ru' | 'en' | 'de' | 'pl' | 'it';

export interface LanguageTable {
  readonly code: LabelLanguage;
  /** The endings a word marked "*" takes in any case and number (nouns and adjectives). */
  readonly endings: readonly string[];
  /** The words of each category, beyond the registry's own labels. */
  readonly terms: Partial<Record<CategoryKey, readonly string[]>>;
  /** Words before a total that qualify it ("близько" 1 226 420 → about). */
  readonly qualifiers: Partial<Record<Qualifier, readonly string[]>>;
  /** Numbers written as words: small counts ("one submarine") … */
  readonly numerals: Readonly<Record<string, number>>;
  /** … and the scale words that multiply the number before them ("519 тис. 750", "1.2 million"). */
  readonly scales: Readonly<Record<string, number>>;
  /**
   * Words that make a count without a delta of its own the day's change, not a total, when its
   * sentence says them before it or its own words do ("за добу", "over the past day", "ще 400").
   */
  readonly perDay: readonly string[];
  /** Words that may stand between a number and its category ("4 035 одиниць спеціальної техніки"). */
  readonly units: readonly string[];
}
