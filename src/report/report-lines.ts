/**
 * Turns the text lines of one report into figures: every source hands its lines here, so the
 * grammar, the lexicon and the warnings are the same whatever the page looked like.
 */
import type { CategoryKey } from './categories.js';
import { BARE_COUNT, isYear, MAX_LINE_LENGTH, parseFigureLine, sentenceBeforeOf, type FigureLine, type Vocabulary } from './grammar.js';
import { LANGUAGES } from './languages/index.js';
import { labelScripts, normaliseLabel } from './label-text.js';
import { labelLanguages, matchLabel, matchNonCategory, termAtStart, type LabelLanguage, type TermAtStart } from './lexicon.js';
import { LETTERS } from './letters.js';
import { escapeRegExp } from './regexp.js';
import { parseCount } from './numbers.js';
import { spellOutNumbers } from './number-words.js';
import { readQualifier } from './qualifiers.js';
import type { Figure, ParseWarning, ReportLanguage, UnmappedLine } from './types.js';

export interface ReportLines {
  readonly figures: readonly Figure[];
  readonly warnings: readonly ParseWarning[];
  readonly unmapped: readonly UnmappedLine[];
  readonly language: ReportLanguage | null;
}

function describeValues(total: number | null, delta: number | null): string {
  const parts = [total === null ? 'no total' : `total ${total}`, delta === null ? 'no delta' : `delta ${delta}`];
  return parts.join(', ');
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}

/**
 * The language of a text: bilingual when it has Ukrainian or Russian labels and English ones, else
 * the language most of its labels are in. A phrase in several tables votes for each ("танк*" for
 * Ukrainian and Russian, "dron*" for Polish and Italian), so the words of one language alone
 * decide; on a tie the earlier table wins (Ukrainian before Russian).
 */
function reportLanguage(counts: ReadonlyMap<LabelLanguage, number>, bilingual: boolean): ReportLanguage | null {
  const votes = (code: LabelLanguage) => counts.get(code) ?? 0;
  if (bilingual || ((votes('uk') > 0 || votes('ru') > 0) && votes('en') > 0)) return 'uk+en';
  let best: LabelLanguage | null = null;
  for (const table of LANGUAGES) if (votes(table.code) > (best === null ? 0 : votes(best))) best = table.code;
  return best;
}

/** The language tables' phrases as one pattern, "{d}" a day of the month and "{month}" a word. */
function phrasesPattern(phrases: readonly string[], notAfterCount: boolean): RegExp {
  const escape = (text: string) => escapeRegExp(text).replace(/\\\{d\\\}/g, '\\d{1,2}').replace(/\\\{month\\\}/g, `[${LETTERS}]+`);
  const after = notAfterCount ? String.raw`(?<!\d[\s\u00a0,]*)` : '';
  return new RegExp(`${after}(?<![${LETTERS}\\d])(?:${phrases.map(escape).join('|')})(?![${LETTERS}])`, 'gu');
}

/** Words of the language tables as alternatives of a pattern, a stem ("росі*") with any ending. */
function wordsAlternation(words: readonly string[]): string {
  return words.map((word) => escapeRegExp(word).replace(/\\\*$/u, `[${LETTERS}]*`)).join('|');
}

let perDay: RegExp | undefined;
let sinceStart: RegExp | undefined;
let beforeYear: RegExp | undefined;

/** Where the last match of a pattern in a text ends, or -1. */
function lastMatchEnd(pattern: RegExp, text: string): number {
  let end = -1;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

let victims: RegExp | undefined;

/**
 * The category term a text after a count starts with, or null; a word for people in general
 * ("осіб", "casualties") is none after words of the victims of an attack in the count's sentence
 * ("внаслідок обстрілу загинули 5 осіб"; but "1 240 осіб убитими та пораненими" are losses).
 */
function termOfCount(after: string, saidBefore: string | (() => string)): TermAtStart | null {
  const term = termAtStart(after);
  if (!term?.people) return term;
  victims ??= new RegExp(`(?<![${LETTERS}])(?:${wordsAlternation(LANGUAGES.flatMap((table) => table.victims ?? []))})(?![${LETTERS}])`, 'u');
  return victims.test((typeof saidBefore === 'string' ? saidBefore : saidBefore()).toLowerCase()) ? null : term;
}

const VOCABULARY: Vocabulary = {
  isKnownLabel: (label) => matchLabel(label) !== null,
  termLabel: (label, saidBefore) => termOfCount(label, saidBefore)?.label ?? null,
  saysPerDay: (text) => {
    perDay ??= phrasesPattern(LANGUAGES.flatMap((table) => table.perDay), true);
    sinceStart ??= phrasesPattern(LANGUAGES.flatMap((table) => table.sinceStart), false);
    const lower = text.toLowerCase();
    const said = lastMatchEnd(perDay, lower);
    // "За добу … 1 200 осіб, а загалом … 8 568 танків": counting from the start again.
    return said >= 0 && said > lastMatchEnd(sinceStart, lower);
  },
  endsBeforeYear: (text) => {
    beforeYear ??= new RegExp(`(?<![${LETTERS}])(?:${wordsAlternation(LANGUAGES.flatMap((table) => table.beforeYear))})\\.?[\\s,]+$`, 'u');
    return beforeYear.test(text.toLowerCase());
  },
};

const COUNTS = new RegExp(BARE_COUNT, 'gu');
/** The words right after a count, past a delta in parentheses. */
const WORDS_AFTER_COUNT = new RegExp(`^\\s*(?:\\([^()]*\\)\\s*)?(?=[${LETTERS}])(.*)$`, 'u');

/**
 * Numbers of a line right before a category's term ("… 7,902 tanks …") that none of the line's
 * figures of that category states: the line says more than the rules read.
 */
function unreadNumbers(line: string, read: readonly FigureLine[]): string[] {
  // How many times the line's figures state each value of each category: a count of it beyond
  // that many is unread ("Танки — 7902 (+23), а також 7902 бойових броньованих машин").
  const key = (category: string | undefined, value: number) => `${category ?? ''}:${value}`;
  const stated = new Map<string, number>();
  for (const item of read) {
    const category = matchLabel(item.label)?.category ?? termAtStart(item.label)?.category;
    for (const value of [item.total, item.delta]) if (value !== null) stated.set(key(category, value), (stated.get(key(category, value)) ?? 0) + 1);
  }
  const unread: string[] = [];
  const saidBefore = sentenceBeforeOf(line);
  for (const match of line.matchAll(COUNTS)) {
    const value = parseCount(match[0]);
    if (value === null || isYear(match[0], line.slice(0, match.index), VOCABULARY)) continue;
    // Only words right after the count (past a delta in parentheses): "11, 2026: 1,070 personnel" is a date.
    const end = match.index + match[0].length;
    const after = WORDS_AFTER_COUNT.exec(line.slice(end, end + 200))?.[1];
    const term = after === undefined ? null : termOfCount(after, () => saidBefore(match.index));
    if (!term) continue;
    const left = stated.get(key(term.category, value)) ?? 0;
    if (left > 0) stated.set(key(term.category, value), left - 1);
    else unread.push(`${match[0]} ${term.label}`);
  }
  return unread;
}

// "Personnel:" on a line of its own, its value on the next ("approximately 1 311 180 (+1 070)
// persons."): the English mod.gov.ua posts of 2026 give every category this way.
const HEADER_LINE = /^[^\d:()]{2,80}:$/u;
const VALUE_LINE = new RegExp(`^(?:[${LETTERS}.]+\\s+){0,2}\\d`, 'u');

function joinHeaderLines(lines: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const next = (lines[i + 1] ?? '').trim();
    if (HEADER_LINE.test(line) && VALUE_LINE.test(next)) {
      joined.push(`${line} ${next}`);
      i += 1;
    } else {
      joined.push(line);
    }
  }
  return joined;
}

/** A figure kept so far, with what decides between it and a later line for its category. */
interface Kept {
  readonly index: number;
  readonly rank: number;
}

/** How much a reading of a figure is the report's own: a report line, an enumeration, a mention. */
function rankOf(item: FigureLine): number {
  return item.form === 'mention' ? 0 : item.form === 'enumeration' ? 1 : 2;
}

/** Two readings of one category that say nothing against each other, as one; null when they disagree. */
function together(a: Figure, b: Figure): Figure | null {
  const agree = (x: number | null, y: number | null) => x === null || y === null || x === y;
  if (!agree(a.total, b.total) || !agree(a.delta, b.delta)) return null;
  return { ...a, total: a.total ?? b.total, delta: a.delta ?? b.delta, qualifier: a.qualifier ?? b.qualifier };
}

/**
 * A count mentioned in passing that is the list's day's change for its category ("знищено 1 560
 * окупантів" beside "військовослужбовці ‒ близько 1 442 140 (+1 560) осіб"): the sentence retold
 * the change, so it agrees with the list.
 */
function retellsChange(listed: Figure, mentioned: Figure): boolean {
  return mentioned.delta === null && mentioned.total !== null && mentioned.total === listed.delta;
}

export function parseReportLines(lines: readonly string[]): ReportLines {
  const figures: Figure[] = [];
  const warnings: ParseWarning[] = [];
  const unmapped: UnmappedLine[] = [];
  const kept = new Map<CategoryKey, Kept>();
  // Where each figure stands: where its best reading was (the list's line, not a lead's mention).
  const places: number[] = [];
  let place = 0;
  const languages = new Map<LabelLanguage, number>();
  let bilingualLabels = 0;

  for (const written of joinHeaderLines(lines)) {
    // Longer than any report line: prose or markup, which the grammar does not read either.
    if (written.length > MAX_LINE_LENGTH) continue;
    const spelled = spellOutNumbers(written);
    const line = spelled.text;
    for (const note of spelled.notes) warnings.push({ code: 'number_words', message: note, label: written.slice(0, 80) });
    const items = parseFigureLine(line, VOCABULARY);
    const unread = unreadNumbers(line, items);
    if (unread.length > 0) {
      warnings.push({ code: 'unread_figure', message: `numbers next to a category that no rule read: ${unread.map((u) => `"${u}"`).join(', ')} in "${written.slice(0, 120)}"`, label: written.slice(0, 80) });
    }
    for (const parsed of items) {
      place += 1;
      const { label, total, delta } = parsed;
      const reading = readQualifier(parsed.qualifierText);
      const qualifier = reading.kind === 'known' ? reading.qualifier : null;
      // The words after a count in a sentence may be prose's own ('окупантів'); a line's label may not.
      const prose = parsed.form !== undefined;
      const match = matchLabel(label, prose);
      // A colon, then neither a known label nor a qualifier before the number: a sentence
      // ("Втрати ворога за добу: знищено 1 590 окупантів"), not a figure line.
      const afterLabel = line.slice(line.indexOf(label) + label.length).trimStart();
      if (!match && reading.kind === 'unknown' && afterLabel.startsWith(':')) continue;
      if (reading.kind === 'unknown') {
        warnings.push({
          code: 'unknown_qualifier',
          message: `"${label}": words before the total not understood: "${reading.text}"`,
          label,
          total,
          delta,
        });
      }
      if (parsed.emptyDelta) {
        warnings.push({ code: 'empty_delta', message: `"${label}": the delta is printed empty "(+)"`, label, total, delta });
      }
      if (!match) {
        const other = matchNonCategory(label);
        if (other) {
          warnings.push({ code: 'not_a_category', message: `"${label}" (${describeValues(total, delta)}): ${other}; not a category of the report, not stored`, label, total, delta });
          continue;
        }
        unmapped.push({ label, total, delta, qualifier });
        warnings.push({
          code: 'unknown_label',
          message: `unknown label "${label}" (${describeValues(total, delta)}); no category takes it`,
          label,
          total,
          delta,
        });
        continue;
      }
      if (parsed.negativeTotal && total !== null) {
        warnings.push({
          code: 'negative_total',
          message: `"${label}": the total is printed as -${total}; no count of losses is negative, so the line is not a figure`,
          label,
          total: -total,
          delta,
        });
        continue;
      }
      if (parsed.unreadDelta) {
        warnings.push({ code: 'unread_delta', message: `"${label}": "${parsed.unreadDelta}" after the total is not a delta; the figure has none`, label, total, delta });
      }
      const figure: Figure = { category: match.category, total, delta, qualifier, label };
      const before = kept.get(match.category);
      if (before) {
        const earlier = figures[before.index] as Figure;
        const rank = rankOf(parsed);
        // A total in one sentence and the day's change in another ("… lost 520,850 troops …
        // This number includes 1,100 casualties … over the past day"), or a lead's day's change
        // beside the list's line: one figure, labelled as its better reading.
        const merged = rank > before.rank ? together(figure, earlier) : together(earlier, figure);
        // The same reading twice ("танків ‒ 4635 (+7)", then "tanks ‒ 4635 (+7)") is a duplicate line.
        const addsNothing = rank === before.rank && merged !== null && merged.total === earlier.total && merged.delta === earlier.delta;
        if (merged && !addsNothing) {
          figures[before.index] = merged;
          if (rank > before.rank) places[before.index] = place;
          kept.set(match.category, { index: before.index, rank: Math.max(rank, before.rank) });
          continue;
        }
        if (!merged && rank !== before.rank && (rank > before.rank ? retellsChange(figure, earlier) : retellsChange(earlier, figure))) {
          if (rank > before.rank) {
            figures[before.index] = { ...figure, qualifier: figure.qualifier ?? earlier.qualifier };
            places[before.index] = place;
            kept.set(match.category, { index: before.index, rank });
          }
          continue;
        }
        if (!merged && rank !== before.rank) {
          // A headline or a sentence says one figure, the list another: the list is the report.
          const [listed, mentioned] = rank > before.rank ? [figure, earlier] : [earlier, figure];
          warnings.push({
            code: 'mention_disagrees',
            message: `"${mentioned.label}" gives ${match.category} as ${describeValues(mentioned.total, mentioned.delta)}, the list's "${listed.label}" as ${describeValues(listed.total, listed.delta)}; the list's figure is kept`,
            label: mentioned.label,
            total: mentioned.total,
            delta: mentioned.delta,
          });
          if (rank > before.rank) {
            figures[before.index] = figure;
            places[before.index] = place;
            kept.set(match.category, { index: before.index, rank });
          }
          continue;
        }
        // A figure mentioned twice in passing (a headline and its article) is said once.
        if (rank === 0 && addsNothing) continue;
        warnings.push({
          code: 'duplicate_category',
          message: `"${label}" names ${match.category} a second time (${describeValues(total, delta)}); the first line is kept`,
          label,
          total,
          delta,
        });
        continue;
      }
      kept.set(match.category, { index: figures.length, rank: rankOf(parsed) });
      places.push(place);
      for (const language of labelLanguages(label, prose)) languages.set(language, (languages.get(language) ?? 0) + 1);
      const scripts = labelScripts(normaliseLabel(label));
      if (scripts.cyrillic && scripts.latin) bilingualLabels += 1;
      figures.push(figure);
    }
  }
  const ordered = figures.map((figure, index) => ({ figure, place: places[index] ?? 0 })).sort((a, b) => a.place - b.place).map((entry) => entry.figure);
  // Said once a category's figure is settled: a day's change in one sentence may meet its total in another.
  for (const figure of ordered) {
    if (figure.total === null && figure.delta !== null) {
      warnings.push({ code: 'delta_only', message: `"${figure.label}": the line states only the day's change (${signed(figure.delta)}), no total`, label: figure.label, total: null, delta: figure.delta });
    }
  }
  return { figures: ordered, warnings, unmapped, language: reportLanguage(languages, bilingualLabels > 0) };
}
