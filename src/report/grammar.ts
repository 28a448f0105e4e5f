/**
 * The line grammar of the daily report, shared by every source.
 *
 * Label first (official text, all years, uk and en):
 *   <bullet> <label> <separator> [qualifier] <total> [unit] [(+<delta>)] [unit][,;.]
 * Number first (Ukrinform German):
 *   <total> (+<delta> [am vergangenen Tag]) <label>, <total> (+<delta>) <label>, …
 *
 * Separators vary within one report: U+2012 ‒, U+2013 –, U+2014 —, U+2212 −, an ASCII hyphen
 * with spaces on both sides (hyphens inside labels such as "Anti-aircraft" have none), and a
 * colon ("personnel: about 1 226 420 (+830) persons;").
 */
import { COUNT_PATTERN, parseCount } from './numbers.js';

/** A line that has the shape of a figure; its label is not interpreted yet. */
export interface FigureLine {
  readonly label: string;
  /** Words between the separator and the total ("about", "близько", "ліквідовано близько"). */
  readonly qualifierText: string;
  readonly total: number | null;
  readonly delta: number | null;
  /** The line printed "(+)" with no number. */
  readonly emptyDelta: boolean;
}

const NUM = COUNT_PATTERN;
const DASHES = '\u2012\u2013\u2014\u2015\u2212';
// A dash glued to letters on both sides ("оперативно–тактичного") is part of the label.
const SEPARATOR = String.raw`(?:\s+[-${DASHES}]\s*|\s*[${DASHES}]\s+|[${DASHES}](?!\p{L})|\s*:\s*)`;
// Labels may hold parentheses ("Кораблі (катери)") but never the "(+" or "(1" of a delta.
const LABEL = String.raw`(?:[^\d(]|\((?![\s+\-\u2212\d]))+?`;
const delta = (suffix: string) =>
  String.raw`\(\s*(?<sign${suffix}>[+\-\u2212])?\s*(?<delta${suffix}>${NUM})?[^\d()]*\)`;
const UNIT = String.raw`[\p{L}.]+(?:\s+[\p{L}.]+){0,2}`;

// Either a total (with optional unit and delta) or a delta alone must follow the qualifier;
// the qualifier is lazy, so it stops at the first number.
const LABEL_FIRST = new RegExp(
  String.raw`^\s*(?<label>${LABEL})${SEPARATOR}(?<qualifier>[^\d(]*?)\s*(?:(?<total>${NUM})\s*(?:${UNIT})?\s*(?:${delta('')})?|${delta('Only')})`,
  'u',
);

const NUMBER_FIRST = new RegExp(
  String.raw`(?<total>${NUM})\s*${delta('')}\s*(?<label>[^,;.\d()]+)`,
  'gu',
);

function readDelta(groups: Record<string, string | undefined>): { delta: number | null; emptyDelta: boolean } {
  const sign = groups['sign'] ?? groups['signOnly'];
  const text = groups['delta'] ?? groups['deltaOnly'];
  if (text === undefined) return { delta: null, emptyDelta: sign !== undefined };
  const value = parseCount(text);
  if (value === null) return { delta: null, emptyDelta: false };
  const negative = sign === '-' || sign === '\u2212';
  return { delta: negative ? -value : value, emptyDelta: false };
}

function cleanLabel(label: string): string {
  return label
    .replace(/[\s\u00a0\u202f\u2009]+/gu, ' ')
    .replace(/^[^\p{L}]+/u, '')
    .trim();
}

function parseLabelFirst(line: string): FigureLine | null {
  const match = LABEL_FIRST.exec(line);
  if (!match?.groups) return null;
  const groups = match.groups;
  const total = groups['total'] === undefined ? null : parseCount(groups['total']);
  const { delta, emptyDelta } = readDelta(groups);
  if (total === null && delta === null) return null;
  const label = cleanLabel(groups['label'] ?? '');
  if (label === '') return null;
  return { label, qualifierText: (groups['qualifier'] ?? '').trim(), total, delta, emptyDelta };
}

// The word joining the last two items of a number-first sentence ("… Treibstoffzisternen und
// 3.739 (+1) spezielle Fahrzeuge") belongs to neither label.
const TRAILING_CONJUNCTION = /\s+(?:und|sowie|and|та|і|й)$/iu;

function parseNumberFirst(line: string): FigureLine[] {
  const lines: FigureLine[] = [];
  for (const match of line.matchAll(NUMBER_FIRST)) {
    const groups = match.groups ?? {};
    const label = cleanLabel(groups['label'] ?? '').replace(TRAILING_CONJUNCTION, '');
    const total = groups['total'] === undefined ? null : parseCount(groups['total']);
    if (label === '' || total === null) continue;
    lines.push({ label, qualifierText: '', total, ...readDelta(groups) });
  }
  return lines;
}

/**
 * The figures one line of text states: one for a label-first line, several for a number-first
 * sentence, none for prose. A line with neither a total nor a delta is not a figure.
 */
export function parseFigureLine(line: string): FigureLine[] {
  const numberFirst = parseNumberFirst(line);
  // Two or more "N (+d) label" items on one line is a number-first sentence, even when a
  // word before the first number happens to look like a label.
  if (numberFirst.length >= 2) return numberFirst;
  const labelFirst = parseLabelFirst(line);
  if (labelFirst) return [labelFirst];
  return numberFirst;
}
