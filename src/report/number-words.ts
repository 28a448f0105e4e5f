/**
 * Numbers as journalists write them, rewritten as digits before the line grammar reads a line:
 * a scale word after a count ("519 тис. 750" → 519750, "1 мільйон 144 830" → 1144830, "+1 тис.
 * 100" → +1100), a decimal count of a scale ("29,2 тисячі", "1.2 million": rounded, so read as
 * about that many), and a small count written as a word before a category ("one submarine").
 * The words come from the language tables. A full count followed by a scale word ("34 100 тис.")
 * is an outlet's slip, read as the count and said.
 */
import { LANGUAGES } from './languages/index.js';
import { LETTERS } from './letters.js';
import { escapeRegExp } from './regexp.js';
import { startsWithTerm } from './lexicon.js';

export interface SpelledOut {
  readonly text: string;
  /** What was read in a way the text did not literally say. */
  readonly notes: readonly string[];
}

const SCALES = new Map<string, number>();
const NUMERALS = new Map<string, number>();
for (const table of LANGUAGES) {
  for (const [word, value] of Object.entries(table.scales)) SCALES.set(word, value);
  for (const [word, value] of Object.entries(table.numerals)) NUMERALS.set(word, value);
}
// Longest first, so "тисячі" is tried before "тис" and "mln." before "mln".
const SCALE_WORDS = [...SCALES.keys()].sort((a, b) => b.length - a.length);
const WORD_END = String.raw`(?![${LETTERS}\d])`;
const GROUPS = String.raw`[ \u00a0\u202f\u2009,.]`;
const SCALE = `(?<scale>${SCALE_WORDS.map(escapeRegExp).join('|')})`;

const SPACE = String.raw`[ \u00a0\u202f\u2009]+`;
const COUNT = String.raw`\d{1,3}(?:${GROUPS}\d{3})+|\d+`;
/** One "<count> <scale>" piece: "1 млн", "178 тис.", "29,2 тисячі". */
const PIECE = String.raw`(?:${COUNT})(?:[.,]\d{1,3})?${SPACE}${SCALE.replace('?<scale>', '?:')}${WORD_END}`;
/** Pieces in a row, then a remainder below the last scale: "1 млн 178 тис. 610", "519 тис. 750". */
const CHAIN_SOURCE = String.raw`(?<![${LETTERS}\d.,])(?:${PIECE}(?:${SPACE}|(?=[^\d])|$))+(?:${COUNT})?(?![.,]?\d)`;
const PIECE_SOURCE = String.raw`^(?<count>${COUNT})(?:[.,](?<decimal>\d{1,3}))?${SPACE}${SCALE}${WORD_END}\s*`;
let chain: RegExp | undefined;
let piece: RegExp | undefined;

const digits = (text: string) => Number(text.replace(/\D/g, ''));

/** The value of a chain of pieces and its remainder (as text, with what follows a slip), or null when it reads as no one count. */
function chainValue(text: string, notes: string[]): { value: number | string; about: boolean } | null {
  piece ??= new RegExp(PIECE_SOURCE, 'iu');
  let rest = text.trim();
  let value = 0;
  let lastScale = Number.POSITIVE_INFINITY;
  let pieces = 0;
  for (let found = piece.exec(rest); found?.groups; found = piece.exec(rest)) {
    const countText = found.groups['count'] as string;
    const scaleWord = found.groups['scale'] as string;
    const scale = SCALES.get(scaleWord.toLowerCase()) as number;
    const count = digits(countText);
    pieces += 1;
    if (found.groups['decimal'] !== undefined) {
      // "29,2 тисячі": a rounded number, so about that many; nothing may come with it.
      if (pieces > 1 || rest.length > found[0].length) return null;
      const rounded = Math.round(Number(`${count}.${found.groups['decimal']}`) * scale);
      notes.push(`"${text.trim()}" is a rounded number: read as about ${rounded}`);
      return { value: rounded, about: true };
    }
    // "1,178 млн": one group after a comma or dot before millions is a decimal part (34.100 тис.
    // is the same number either way).
    if (/^\d{1,3}[.,]\d{3}$/u.test(countText) && scale >= 1_000_000 && pieces === 1 && rest.length === found[0].length) {
      const rounded = Math.round(Number(countText.replace(',', '.')) * scale);
      notes.push(`"${text.trim()}" is a rounded number: read as about ${rounded}`);
      return { value: rounded, about: true };
    }
    if (/\D/.test(countText) && count >= 1000 && pieces === 1) {
      // "34 100 тис.": the count is already whole; the scale word is a slip.
      notes.push(`"${text.trim()}": a whole count followed by "${scaleWord}"; read as ${count}`);
      const after = rest.slice(found[0].length);
      return { value: `${count}${after === '' ? '' : ` ${after}`}`, about: false };
    }
    if (scale >= lastScale || count * scale >= lastScale) return null;
    value += count * scale;
    lastScale = scale;
    rest = rest.slice(found[0].length);
  }
  if (rest !== '') {
    const remainder = digits(rest);
    if (remainder >= lastScale) return null;
    value += remainder;
  }
  return { value, about: false };
}

function spellScaled(line: string, notes: string[]): string {
  const lower = line.toLowerCase();
  // Most lines hold no scale word: the patterns need not even be built for them.
  if (!SCALE_WORDS.some((word) => lower.includes(word))) return line;
  chain ??= new RegExp(CHAIN_SOURCE, 'giu');
  return line.replace(chain, (whole, at: number) => {
    const read = chainValue(whole, notes);
    if (read === null) return whole;
    // A rounded count is about that many, said before it where a qualifier stands; inside a
    // delta's parentheses there is no room for one.
    const inDelta = /[(+\u2212-]\s*$/u.test(line.slice(Math.max(0, at - 3), at));
    // Keep the spacing that followed the chain: the label or delta after it.
    return `${read.about && !inDelta ? 'about ' : ''}${read.value}${/\s$/u.test(whole) ? ' ' : ''}`;
  });
}

/** A word of the line and where it starts. */
const WORDS = /[^\s,;:()]+/gu;

function spellNumerals(line: string): string {
  let out = '';
  let from = 0;
  for (const match of line.matchAll(WORDS)) {
    const value = NUMERALS.get(match[0].toLowerCase());
    const at = match.index;
    if (value === undefined) continue;
    // A numeral counts only when a category, or a scale word, follows it ("one submarine", "дві
    // тисячі танків"; not "one of them").
    const next = line.slice(at + match[0].length, at + match[0].length + 120).trimStart();
    const scaleNext = SCALE_WORDS.some((word) => next.toLowerCase().startsWith(`${word} `));
    if (!scaleNext && !startsWithTerm(next)) continue;
    out += `${line.slice(from, at)}${value}`;
    from = at + match[0].length;
  }
  return from === 0 ? line : out + line.slice(from);
}

/** The line with its numbers in words written as digits, and notes on what was read loosely. */
export function spellOutNumbers(line: string): SpelledOut {
  const notes: string[] = [];
  const text = spellScaled(spellNumerals(line), notes);
  return { text, notes };
}
