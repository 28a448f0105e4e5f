/**
 * Label lexicon: maps the label text of a report line, in any language, case and number, to a
 * category key. A label maps to the lexicon phrase that covers the longest part of it at word
 * boundaries, so "vehicles and fuel tanks" beats "tanks", "anti-aircraft warfare systems" beats
 * "aircraft" and "gepanzerte Fahrzeuge" beats "Fahrzeuge". Bilingual labels ("танків / tanks")
 * match either half.
 *
 * The phrases are the registry's labels and the terms of each language's table
 * (languages/*.ts). Words change their endings with the sentence around them ("спеціальна
 * техніка", "спеціальну техніку", "czołgów", "carri armati"), so terms are written as stems: a
 * word ending in "*" takes any ending of its language's table, or none.
 */
import { CATEGORIES, type CategoryKey } from './categories.js';
import { isLetterCode } from './letters.js';
import { normaliseLabel } from './label-text.js';
import { languageTable, LANGUAGES, type LabelLanguage } from './languages/index.js';

export type { LabelLanguage } from './languages/index.js';

/** Words to match: literal parts, an ending of `endings` allowed after each but the last. */
interface Stem {
  readonly parts: readonly string[];
  /** The language's endings, longest first. */
  readonly endings: readonly string[];
}

interface Phrase extends Stem {
  readonly text: string;
  readonly category: CategoryKey;
  readonly language: LabelLanguage;
  /** Every language whose table has the phrase ("dron*" is Polish and Italian): each is a vote for it. */
  readonly languages: LabelLanguage[];
  /** A word of prose only ("окупантів"): it names a category after a count, never as a line's label. */
  readonly prose: boolean;
  /** A word for people in general ("осіб"): the enemy's personnel only where its sentence speaks of the enemy. */
  readonly people: boolean;
}

/**
 * Whether a character code is a letter, digit or hyphen of the scripts reports are written in
 * (Latin with its accented letters, Greek, Cyrillic): a phrase matches only between characters
 * that are not, so "aircraft" is not found inside "anti-aircraft", nor "panzer" inside
 * "gepanzerte", nor "танк" inside "танкістів".
 */
function isWordCharacter(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2d || isLetterCode(code);
}

/**
 * Whether `word` occurs in `text` (both lower case) as whole words: not inside a longer word;
 * with `accept`, only an occurrence at an index it accepts counts.
 */
export function containsWord(text: string, word: string, accept?: (at: number) => boolean): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    const startsWord = at === 0 || !isWordCharacter(text.charCodeAt(at - 1)) || !isWordCharacter(word.charCodeAt(0));
    const endsWord = end === text.length || !isWordCharacter(text.charCodeAt(end)) || !isWordCharacter(word.charCodeAt(word.length - 1));
    if (startsWord && endsWord && (accept === undefined || accept(at))) return true;
  }
  return false;
}

/**
 * The end of the phrase's match starting at `start`, or -1: each part in turn, a stem ending
 * (longest first) or none after each but the last, then a boundary. Plain code rather than a
 * regular expression per phrase: compiling a few hundred of them cost a command 150 ms before
 * its first line.
 */
function matchAt(phrase: Stem, text: string, start: number, index = 0): number {
  const { parts, endings } = phrase;
  const part = parts[index] as string;
  if (!text.startsWith(part, start)) return -1;
  const end = start + part.length;
  if (index === parts.length - 1) return end === text.length || !isWordCharacter(text.charCodeAt(end)) ? end : -1;
  for (const ending of endings) {
    if (!text.startsWith(ending, end)) continue;
    const found = matchAt(phrase, text, end + ending.length, index + 1);
    if (found >= 0) return found;
  }
  return matchAt(phrase, text, end, index + 1);
}

/** The first (leftmost) match of a phrase in a normalised label, as [start, end), or null. */
function phraseMatch(phrase: Phrase, text: string): readonly [number, number] | null {
  const first = phrase.parts[0] as string;
  for (let at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
    if (at > 0 && isWordCharacter(text.charCodeAt(at - 1))) continue;
    const end = matchAt(phrase, text, at);
    if (end >= 0) return [at, end];
  }
  return null;
}

/** The language's endings, longest first: a stem tries the longest before its shorter ones. */
const endingsOf = (code: LabelLanguage) => [...languageTable(code).endings].sort((a, b) => b.length - a.length);

function buildPhrases(): Phrase[] {
  const seen = new Set<string>();
  const phrases: Phrase[] = [];
  const add = (raw: string, category: CategoryKey, language: LabelLanguage, prose = false, people = false) => {
    const text = normaliseLabel(raw);
    if (seen.has(text)) {
      // Two categories sharing a phrase would make the mapping depend on list order.
      const other = phrases.find((p) => p.text === text);
      if (other && other.category !== category) {
        throw new Error(`lexicon phrase "${text}" maps to both ${other.category} and ${category}`);
      }
      if (other && !other.languages.includes(language)) other.languages.push(language);
      return;
    }
    seen.add(text);
    phrases.push({ text, category, language, languages: [language], prose, people, parts: text.split('*'), endings: endingsOf(language) });
  };
  for (const category of CATEGORIES) {
    const key = category.key as CategoryKey;
    add(category.labels.uk, key, 'uk');
    add(category.labels.en, key, 'en');
    add(category.labels.de, key, 'de');
  }
  for (const table of LANGUAGES) {
    for (const [key, terms] of Object.entries(table.terms)) {
      for (const term of terms ?? []) add(term, key as CategoryKey, table.code);
    }
    for (const [key, terms] of Object.entries(table.proseTerms ?? {})) {
      for (const term of terms ?? []) add(term, key as CategoryKey, table.code, true);
    }
    for (const word of table.people ?? []) add(word, 'personnel', table.code, true, true);
  }
  return phrases.sort((a, b) => b.text.length - a.text.length);
}

const PHRASES = buildPhrases();

export interface LabelMatch {
  readonly category: CategoryKey;
  readonly language: LabelLanguage;
}

// Reports repeat the same few dozen labels day after day: remember each answer (for report
// lines, and for prose, which also knows the words of prose).
const MATCHES = { line: new Map<string, Phrase | null>(), prose: new Map<string, Phrase | null>() };
const MAX_REMEMBERED = 10_000;

/** The phrase covering the longest part of the label; among equals, the longer phrase. */
function scanPhrases(normalised: string, prose: boolean): Phrase | null {
  let best: { phrase: Phrase; length: number } | null = null;
  for (const phrase of PHRASES) {
    if (phrase.prose && !prose) continue;
    const match = phraseMatch(phrase, normalised);
    if (!match) continue;
    const length = match[1] - match[0];
    if (!best || length > best.length) best = { phrase, length };
  }
  return best?.phrase ?? null;
}

/**
 * A label that starts with a hyphen glued to a letter. When it is the end of a longer phrase
 * ("-aircraft warfare systems" of "anti-aircraft warfare systems"), its first word was cut at
 * its start and that phrase is meant, never a shorter one inside the cut word ("aircraft");
 * otherwise the hyphen was a bullet ("-танки").
 */
function scanHyphenated(normalised: string, prose: boolean): Phrase | null {
  let tail: Phrase | null = null;
  for (const phrase of PHRASES) {
    if (phrase.prose && !prose) continue;
    if (phrase.text.length > normalised.length && phrase.text.endsWith(normalised) && (!tail || phrase.text.length > tail.text.length)) tail = phrase;
  }
  return tail ?? scanPhrases(normalised.slice(1), prose);
}

/** The phrase a label is read by, or null. */
function phraseOf(label: string, prose: boolean): Phrase | null {
  const remembered = prose ? MATCHES.prose : MATCHES.line;
  const known = remembered.get(label);
  if (known !== undefined) return known;
  const normalised = normaliseLabel(label);
  const phrase = normalised === '' ? null : normalised.startsWith('-') ? scanHyphenated(normalised, prose) : scanPhrases(normalised, prose);
  if (remembered.size < MAX_REMEMBERED) remembered.set(label, phrase);
  return phrase;
}

/**
 * The category a label names, or null when no lexicon phrase fits. `prose`: the label is the
 * words after a count in a sentence, which may also be a word of prose ("окупантів").
 */
export function matchLabel(label: string, prose = false): LabelMatch | null {
  const phrase = phraseOf(label, prose);
  return phrase ? { category: phrase.category, language: phrase.language } : null;
}

/** The languages whose tables have the phrase a label is read by: a text's language is the one most of its labels are in. */
export function labelLanguages(label: string, prose = false): readonly LabelLanguage[] {
  return phraseOf(label, prose)?.languages ?? [];
}

const UNIT_WORDS = LANGUAGES.flatMap((table) => table.units.map((unit) => normaliseLabel(unit)));

/** The words that may stand between a count and its category, as stems of their language. */
const MODIFIERS: readonly Stem[] = LANGUAGES.flatMap((table) => table.modifiers.map((word) => ({ parts: normaliseLabel(word).split('*'), endings: endingsOf(table.code) })));

/** What a text starts with: a category's term, after a unit word ("одиниць спеціальної техніки"). */
export interface TermAtStart {
  readonly category: CategoryKey;
  readonly language: LabelLanguage;
  /** The words of the text that the term (with its unit word) takes, as written. */
  readonly label: string;
  /** Whether the term is a word for people in general ("осіб"), not the enemy's by itself. */
  readonly people: boolean;
}

/** The longest phrase starting at `start` of a normalised text, or null. */
function longestAt(normalised: string, start: number): { phrase: Phrase; end: number } | null {
  let best: { phrase: Phrase; end: number } | null = null;
  for (const phrase of PHRASES) {
    const end = matchAt(phrase, normalised, start);
    if (end >= 0 && (!best || end > best.end)) best = { phrase, end };
  }
  return best;
}

/** Terms are a few words: more of the text is never needed to find one (and a long line costs nothing). */
const MAX_TERM_TEXT = 120;

/**
 * The longest category term a text of prose starts with, or null: right at its start, after a
 * unit word ("одиниць спеціальної техніки"), or after a word of the tables' modifiers
 * ("2 887 російських танків", "7,902 Russian tanks"), never after any other word.
 */
export function termAtStart(text: string): TermAtStart | null {
  const normalised = normaliseLabel(text.slice(0, MAX_TERM_TEXT));
  const unit = UNIT_WORDS.find((word) => normalised.startsWith(`${word} `));
  let start = unit === undefined ? 0 : unit.length + 1;
  const modifier = MODIFIERS.map((phrase) => matchAt(phrase, normalised, start)).find((end) => end > 0 && normalised[end] === ' ');
  if (modifier !== undefined && !longestAt(normalised, start)) start = modifier + 1;
  const best = longestAt(normalised, start);
  if (!best) return null;
  // The shortest run of the text's own words that normalises to the whole term.
  const words = text.slice(0, MAX_TERM_TEXT).trim().split(/\s+/u);
  let label = words[0] ?? '';
  for (let count = 2; count <= words.length && normaliseLabel(label).length < best.end; count++) label = words.slice(0, count).join(' ');
  return { category: best.phrase.category, language: best.phrase.language, label: label.replace(/[\s:;,.]+$/u, ''), people: best.phrase.people };
}

/** Whether the text starts with a category's term. */
export function startsWithTerm(text: string): boolean {
  return termAtStart(text) !== null;
}

/**
 * Lines the first days' reports gave that are no category of the registry, with what they
 * counted: the reference series keeps them out (a Buk system was not added to air defence).
 */
const NON_CATEGORIES: ReadonlyArray<readonly [RegExp, string]> = [[/^зрк бук$/u, 'a Buk surface-to-air missile system, counted apart in the first days of the war']];

/** What a label counts when it is a known line that is no category, else null. */
export function matchNonCategory(label: string): string | null {
  const normalised = normaliseLabel(label);
  return NON_CATEGORIES.find(([pattern]) => pattern.test(normalised))?.[1] ?? null;
}
