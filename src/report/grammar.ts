/**
 * The line grammar of the daily report, shared by every source.
 *
 * Label first (official text, all years, uk and en):
 *   <bullet> <label> <separator> [qualifier] <total> [unit] [(+<delta>)] [unit][,;.]
 * Number first (Ukrinform German, outlets' lists and prose in every language):
 *   <total> (+<delta> [am vergangenen Tag]) <label>, <total> (+<delta>) <label>, …
 *   <total> <label> (+<delta> за добу), …          ("11 321 танк (+5 за добу)")
 *   … lost 7,902 tanks, 15,176 armored fighting vehicles … (prose: the label starts with a term)
 *   за добу знищено 5 танків, 6 ББМ, …               (the day's changes: a per-day phrase before)
 *
 * Separators vary within one report: U+2012 ‒, U+2013 –, U+2014 —, U+2212 −, an ASCII hyphen
 * with spaces on both sides (hyphens inside labels such as "Anti-aircraft" have none), and a
 * colon ("personnel: about 1 226 420 (+830) persons;").
 */
import { LANGUAGES } from './languages/index.js';
import { LEADING_NON_LETTERS, LETTERS, LOWERCASE_LETTERS } from './letters.js';
import { COUNT_PATTERN, parseCount } from './numbers.js';
import { qualifierEnding } from './qualifiers.js';

/** A line that has the shape of a figure; its label is not interpreted yet. */
export interface FigureLine {
  readonly label: string;
  /** Words between the separator and the total ("about", "близько", "ліквідовано близько"). */
  readonly qualifierText: string;
  readonly total: number | null;
  readonly delta: number | null;
  /** The line printed "(+)" with no number. */
  readonly emptyDelta: boolean;
  /** The total was printed with a minus sign ("РСЗВ ‒ -5"): no count of losses is negative. */
  readonly negativeTotal?: true;
  /** Parentheses after the total that are not a delta ("(+-1)"), as printed. */
  readonly unreadDelta?: string;
  /**
   * How a number-first item was written: in an enumeration (counts with their deltas, or three
   * counts or more in a line), or mentioned in passing (a headline, a sentence with a count or
   * two and no delta). Absent for a label-first line, the report's own form. Where two readings
   * of a category disagree, the report's form wins over an enumeration, and that over a mention.
   */
  readonly form?: 'enumeration' | 'mention';
}

/** What the grammar asks of the words around numbers (the lexicon and the language tables). */
export interface Vocabulary {
  /** Whether a label names a category. */
  readonly isKnownLabel: (label: string) => boolean;
  /**
   * The words a number-first label starts with that name a category, as written, or null;
   * `saidBefore` is what the count's sentence says before it (a word for people in general is
   * none after words of the victims of an attack).
   */
  readonly termLabel: (label: string, saidBefore: string) => string | null;
  /** Whether a text says that its numbers are the day's change ("за добу", "over the past day"). */
  readonly saysPerDay: (text: string) => boolean;
  /** Whether a text ends with words after which a four-digit number is a year ("24 лютого", "since"). */
  readonly endsBeforeYear: (text: string) => boolean;
}

/** Without a lexicon: every label is a label, no count without a delta is a figure, and none is the day's change. */
const ANY_LABEL: Vocabulary = { isKnownLabel: () => true, termLabel: () => null, saysPerDay: () => false, endsBeforeYear: () => false };

const NUM = COUNT_PATTERN;
const DASHES = '\u2012\u2013\u2014\u2015\u2212';
// A dash glued to letters on both sides ("оперативно–тактичного") is part of the label.
const SEPARATOR = String.raw`(?:\s+[-${DASHES}]\s*|\s*[${DASHES}]\s+|[${DASHES}](?![${LETTERS}])|\s*:\s*)`;
// Labels may hold parentheses ("Кораблі (катери)") but never the "(+" or "(1" of a delta.
// Labels and qualifiers are bounded, so a long line of prose cannot make the pattern backtrack
// for long.
const LABEL = String.raw`(?:[^\d(]|\((?![\s+\-\u2212\d])){1,120}?`;
// After the delta's count, words may follow, and digits once a word has ("(+1.090 nelle ultime 24
// ore)"); parentheses without a count hold no digit ("(+)", "(з них 400 за добу)" is no delta).
// A delta after its label must be signed: "11 924 танки (2026)" holds a year.
const delta = (suffix: string, signed = false) =>
  String.raw`\(\s*(?<sign${suffix}>[+\-\u2212])${signed ? '' : '?'}\s*(?:(?<delta${suffix}>${NUM})[^\d()]{0,40}(?:[${LETTERS}][^()]{0,40})?|[^\d()]{0,40})\)`;
const UNIT = String.raw`[${LETTERS}.]+(?:\s+[${LETTERS}.]+){0,2}`;

// Either a total (with optional unit and delta) or a delta alone must follow the qualifier;
// the qualifier is lazy, so it stops at the first number. A total is never glued to a letter,
// a slash or a dot ("bit.ly/3oDqc8U" holds no count). The total is taken whole or not at all
// (a lookahead does not backtrack): "2 282A1" is no count, and not the count 2 either.
const LABEL_FIRST = new RegExp(
  String.raw`^\s*(?<label>${LABEL})${SEPARATOR}(?<qualifier>[^\d(]{0,60}?)\s*(?:(?<![${LETTERS}/.])(?=(?<total>${NUM}))\k<total>(?![${LETTERS}])\s*(?:${UNIT})?\s*(?:${delta('')})?|${delta('Only')})`,
  'u',
);

/** Parentheses with a digit right after a figure that the delta pattern did not take ("(+-1)"). */
const UNREAD_DELTA = /^\s*(\([^()]{0,40}\d[^()]{0,40}\))/u;
/** A minus sign right before the total, after the qualifier words. */
const MINUS_BEFORE_TOTAL = /[-\u2212]\s*$/u;

/**
 * A count standing on its own in prose: not right after a letter, hyphen or slash (a name or a
 * fraction: "Su-34", "1/3"), nor the end of a longer count ("871" of "-39 871"), nor before "%".
 */
export const BARE_COUNT = String.raw`(?<![${LETTERS}/\-])(?<!\d[ \u00a0\u202f\u2009,.])(?<total>${NUM})(?!\s*%)`;

/** Whether a count of prose is a year: a four-digit number after a month or a preposition of years. */
export function isYear(count: string, textBefore: string, vocabulary: Vocabulary): boolean {
  return /^(?:19|20)\d\d$/u.test(count) && vocabulary.endsBeforeYear(textBefore.slice(-40));
}

// The one or two words before a count, which may qualify it ("близько", "more than", "bis zu").
const NUMBER_FIRST = new RegExp(
  String.raw`(?:(?<qualifier>[${LETTERS}]+\.?(?:\s+[${LETTERS}]+)?)\s+)?${BARE_COUNT}\s*(?:${delta('')})?\s*(?<label>[^,;.\d()]{1,120})(?:${delta('After', true)})?`,
  'dgu',
);

/** Where a sentence ends: the per-day phrase of one sentence says nothing of the next. */
const SENTENCE_END = new RegExp(`[.!?…]\\s+(?![${LOWERCASE_LETTERS}])`, 'gu');
/** Parenthesised text: a delta's "(+1 460 am vergangenen Tag)" speaks of that delta only. */
const PARENTHESISED = /\([^()]*\)/gu;

/** The rest of an item after its figure: unit words up to the comma or semicolon that ends it. */
const ITEM_END = /^[^,;]*[,;]\s*/u;

/** Lines longer than this are prose or markup, never one report line. */
export const MAX_LINE_LENGTH = 20_000;

/** Where a lead-in before the items may end: a colon further into the line is inside the items. */
const MAX_LEAD_IN = 400;

/** Words before a total that are more than a qualifier make the line prose ("за добу знищено …"). */
const MAX_QUALIFIER_WORDS = 3;

function readDelta(groups: Record<string, string | undefined>): { delta: number | null; emptyDelta: boolean } {
  const sign = groups['sign'] ?? groups['signOnly'] ?? groups['signAfter'];
  const text = groups['delta'] ?? groups['deltaOnly'] ?? groups['deltaAfter'];
  if (text === undefined) return { delta: null, emptyDelta: sign !== undefined };
  const value = parseCount(text);
  if (value === null) return { delta: null, emptyDelta: false };
  const negative = sign === '-' || sign === '\u2212';
  return { delta: negative ? -value : value, emptyDelta: false };
}

/** Bullets before a label's first letter, a hyphen glued to it excepted; a label without letters. */
const NO_LETTER = new RegExp(`^[^${LETTERS}]*$`, 'u');

function cleanLabel(label: string): string {
  return (
    label
      .replace(/[\s\u00a0\u202f\u2009]+/gu, ' ')
      // Bullets go; a hyphen glued to the first letter stays: it marks a word cut at its start.
      .replace(LEADING_NON_LETTERS, '')
      .replace(NO_LETTER, '')
      .trim()
  );
}

function labelFirstItem(groups: Record<string, string | undefined>, after: string): FigureLine | null {
  const total = groups['total'] === undefined ? null : parseCount(groups['total']);
  const { delta, emptyDelta } = readDelta(groups);
  if (total === null && delta === null) return null;
  const label = cleanLabel(groups['label'] ?? '');
  if (label === '') return null;
  let qualifierText = (groups['qualifier'] ?? '').trim();
  const negative = total !== null && MINUS_BEFORE_TOTAL.test(qualifierText);
  if (negative) qualifierText = qualifierText.replace(MINUS_BEFORE_TOTAL, '').trim();
  if (qualifierText !== '' && qualifierText.split(/\s+/u).length > MAX_QUALIFIER_WORDS) return null;
  const unread = total !== null && delta === null && !emptyDelta ? UNREAD_DELTA.exec(after)?.[1] : undefined;
  return { label, qualifierText, total, delta, emptyDelta, ...(negative ? { negativeTotal: true as const } : {}), ...(unread ? { unreadDelta: unread } : {}) };
}

/**
 * Label-first items from the start of a line: one for a report line, several when a text runs
 * the items together ("танків ‒ 4635 (+7) од, бойових броньованих машин ‒ 8868 (+17) од, …").
 */
function parseLabelFirst(line: string): FigureLine[] {
  const items: FigureLine[] = [];
  let rest = line;
  while (rest !== '') {
    const match = LABEL_FIRST.exec(rest);
    const item = match?.groups ? labelFirstItem(match.groups, rest.slice(match[0].length)) : null;
    if (!match || !item) break;
    items.push(item);
    const end = ITEM_END.exec(rest.slice(match[0].length));
    if (!end) break;
    rest = rest.slice(match[0].length + end[0].length);
  }
  return items;
}

// The word joining the last two items of a number-first sentence ("… Treibstoffzisternen und
// 3.739 (+1) spezielle Fahrzeuge") belongs to neither label.
const TRAILING_CONJUNCTION = new RegExp(`\\s+(?:${LANGUAGES.flatMap((table) => table.conjunctions).join('|')})$`, 'iu');

/** Where each sentence of a line starts, in order. */
function sentenceStarts(line: string): number[] {
  const starts = [0];
  for (const end of line.matchAll(SENTENCE_END)) starts.push(end.index + end[0].length);
  return starts;
}

/** How much of its sentence before a count is read for what it says of the count. */
const MAX_SENTENCE_BEFORE = 300;

/** The sentences of a line, found once: what the one of the character at `at` says before it, up to MAX_SENTENCE_BEFORE. */
export function sentenceBeforeOf(line: string): (at: number) => string {
  const starts = sentenceStarts(line);
  return (at) => {
    // The last start at or before `at`, by bisection: a long line has many sentences and counts.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= at) low = middle;
      else high = middle - 1;
    }
    return line.slice(Math.max(starts[low] as number, at - MAX_SENTENCE_BEFORE), at);
  };
}

/**
 * Number-first items: a count, then its label (and the delta before or after it). In a list
 * every label is one; in prose only a count whose next words are a category's term is a figure
 * ("7,902 tanks"), not "2022, the General Staff …". A count without a delta of its own is the
 * day's change when its words or its sentence before it say so ("1,100 casualties … over the past
 * day", "за минулу добу знищили 5 танків, …").
 */
function parseNumberFirst(line: string, vocabulary: Vocabulary): FigureLine[] {
  const lines: FigureLine[] = [];
  const pattern = new RegExp(NUMBER_FIRST);
  const sentenceBefore = sentenceBeforeOf(line);
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    const groups = match.groups ?? {};
    const countAt = match.index + match[0].search(/\d/u);
    // A count that is no item gives back the words after it: they may be the next item's
    // qualifier ("… 5 грудня становлять близько 1178610 (+1240) осіб").
    const skip = () => {
      pattern.lastIndex = countAt + (groups['total'] ?? ' ').length;
    };
    const written = cleanLabel(groups['label'] ?? '').replace(TRAILING_CONJUNCTION, '');
    const total = groups['total'] === undefined ? null : parseCount(groups['total']);
    if (written === '' || total === null) {
      skip();
      continue;
    }
    const stated = readDelta(groups);
    const hasDelta = stated.delta !== null || stated.emptyDelta;
    // A count with its delta is an item of a list, whatever its label; a bare count is one only
    // when a category's term follows it, and its label is that term. A year is never one ("On
    // 24 February 2022 Russian tanks …").
    const year = !hasDelta && isYear(groups['total'] ?? '', line.slice(Math.max(0, countAt - 40), countAt), vocabulary);
    // What the sentence says before the count, the word taken as a qualifier included ("an einem Tag 1.460 …").
    const saidBefore = sentenceBefore(countAt);
    const label = hasDelta ? written : year ? null : vocabulary.termLabel(written, saidBefore);
    if (label === null) {
      skip();
      continue;
    }
    // The words before the number qualify it only when they are a qualifier ("etwa 910.750 …").
    const qualifierText = qualifierEnding(groups['qualifier'] ?? '', line.slice(Math.max(0, match.index - 40), match.index));
    const before = saidBefore.replace(PARENTHESISED, ' ');
    const perDay = !hasDelta && (vocabulary.saysPerDay(written) || vocabulary.saysPerDay(before));
    const figure = perDay ? { total: null, delta: total, emptyDelta: false } : { total, ...stated };
    lines.push({ label, qualifierText, ...figure, form: hasDelta ? 'enumeration' : 'mention' });
    // A mention's label is its term: the words after it are given back, for they may be the
    // next count's qualifier ("… 11,321 tanks and over 20,000 armored vehicles").
    const labelAt = match.indices?.groups?.['label']?.[0];
    const termAt = (groups['label'] ?? '').indexOf(label);
    if (!hasDelta && labelAt !== undefined && termAt >= 0) pattern.lastIndex = labelAt + termAt + label.length;
  }
  // Three items or more in one line are an enumeration, not a passing mention.
  return lines.length >= 3 ? lines.map((item) => ({ ...item, form: 'enumeration' })) : lines;
}

/**
 * The figures one line of text states: label-first items, or number-first items, or none for
 * prose. A line with neither a total nor a delta is not a figure. When a line reads both ways
 * ("Verluste: 10.455 (+17) Panzer, 21.762 (+61) …"), the reading with more labels that
 * `isKnownLabel` accepts wins, label-first on a tie.
 */
export function parseFigureLine(line: string, vocabulary: Vocabulary = ANY_LABEL): FigureLine[] {
  if (line.length > MAX_LINE_LENGTH) return [];
  const { isKnownLabel } = vocabulary;
  const labelFirst = parseLabelFirst(line);
  // The common case, a report line with a known label, needs no second reading.
  if (labelFirst.length > 0 && labelFirst.every((item) => isKnownLabel(item.label))) return labelFirst;
  // A count of prose was taken for the term after it: its label is known in prose's words too.
  // An item read number-first was taken in its sentence already: its term is asked without one.
  const known = (items: readonly FigureLine[]) => items.filter((item) => isKnownLabel(item.label) || (item.form !== undefined && vocabulary.termLabel(item.label, '') !== null)).length;
  let best = labelFirst;
  // A lead-in that ends with a colon ("… орієнтовно становлять: особового складу — близько
  // 64700 (+400) осіб, танків — 2524 (+3) од., …"): the items start after it.
  for (let colon = line.indexOf(':'); colon >= 0 && colon < MAX_LEAD_IN; colon = line.indexOf(':', colon + 1)) {
    const afterLeadIn = parseLabelFirst(line.slice(colon + 1));
    if (known(afterLeadIn) > known(best)) best = afterLeadIn;
  }
  const numberFirst = parseNumberFirst(line, vocabulary);
  if (best.length === 0) return numberFirst;
  return known(numberFirst) > known(best) ? numberFirst : best;
}
