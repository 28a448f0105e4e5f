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
  /**
   * Words that name a category only in prose, after a count ("знищено 1 560 окупантів"), never
   * as the label of a report line: "Втрати окупантів за добу: 1 200" is a sentence, not a line.
   */
  readonly proseTerms?: Partial<Record<CategoryKey, readonly string[]>>;
  /**
   * Words for people in general ("осіб", "человек", "casualties"): after a count they name the
   * enemy's personnel, unless their sentence speaks of the victims of an attack (`victims`).
   */
  readonly people?: readonly string[];
  /**
   * Words of a sentence about the victims of an attack, the dead and wounded of a strike, freed
   * prisoners, civilians: "внаслідок обстрілу загинули 5 осіб" is no loss of the russian army.
   */
  readonly victims?: readonly string[];
  /** Words that may stand between a count and its category in prose ("2 887 російських танків"). */
  readonly modifiers: readonly string[];
  /** Words before a total that qualify it ("близько" 1 226 420 → about). */
  readonly qualifiers: Partial<Record<Qualifier, readonly string[]>>;
  /**
   * Words of a count that rose to its total, after which the "up to" word means "to" ("зросли до
   * 1 178 610 осіб": rose to, not up to); for languages whose "up to" word is also their "to".
   */
  readonly risenTo?: readonly string[];
  /** Numbers written as words: small counts ("one submarine") … */
  readonly numerals: Readonly<Record<string, number>>;
  /** … and the scale words that multiply the number before them ("519 тис. 750", "1.2 million"). */
  readonly scales: Readonly<Record<string, number>>;
  /**
   * Phrases that make a count without a delta of its own the day's change, not a total, when its
   * own words say them or its sentence does before it ("за добу", "over the past day"); "{d}"
   * stands for a day of the month and "{month}" for a word ("losses on {month} {d}"). A phrase
   * right after another count ("1.460 am vergangenen Tag") speaks of that count only.
   */
  readonly perDay: readonly string[];
  /** Words after which a sentence counts from the start of the war again ("а загалом", "in total"). */
  readonly sinceStart: readonly string[];
  /**
   * Words after which a four-digit number is a year, not a count ("24 лютого 2022", "since
   * 2022"): month names as stems (any ending follows) and the prepositions of years.
   */
  readonly beforeYear: readonly string[];
  /** Words that may stand between a number and its category ("4 035 одиниць спеціальної техніки"). */
  readonly units: readonly string[];
  /** The words joining the last two items of a list ("… 36.529 (+127) Fahrzeuge und 3.739 (+1) …"). */
  readonly conjunctions: readonly string[];
}
