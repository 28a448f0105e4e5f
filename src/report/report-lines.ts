/**
 * Turns the text lines of one report into figures: every source hands its lines here, so the
 * grammar, the lexicon and the warnings are the same whatever the page looked like.
 */
import type { CategoryKey } from './categories.js';
import { parseFigureLine } from './grammar.js';
import { labelScripts, matchLabel, matchNonCategory, normaliseLabel, type LabelLanguage } from './lexicon.js';
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

function reportLanguage(languages: Set<LabelLanguage>, bilingual: boolean): ReportLanguage | null {
  if (bilingual || ((languages.has('uk') || languages.has('ru')) && languages.has('en'))) return 'uk+en';
  if (languages.has('de')) return 'de';
  // Russian-language copies share many words with Ukrainian ("танки", "ББМ"): any Russian-only word decides.
  if (languages.has('ru')) return 'ru';
  if (languages.has('uk')) return 'uk';
  if (languages.has('en')) return 'en';
  return null;
}

const isKnownLabel = (label: string) => matchLabel(label) !== null;

// "Personnel:" on a line of its own, its value on the next ("approximately 1 311 180 (+1 070)
// persons."): the English mod.gov.ua posts of 2026 give every category this way.
const HEADER_LINE = /^[^\d:()]{2,80}:$/u;
const VALUE_LINE = /^(?:[\p{L}.]+\s+){0,2}\d/u;

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

export function parseReportLines(lines: readonly string[]): ReportLines {
  const figures: Figure[] = [];
  const warnings: ParseWarning[] = [];
  const unmapped: UnmappedLine[] = [];
  const seen = new Set<CategoryKey>();
  const languages = new Set<LabelLanguage>();
  let bilingualLabels = 0;

  for (const line of joinHeaderLines(lines)) {
    for (const parsed of parseFigureLine(line, isKnownLabel)) {
      const { label, total, delta } = parsed;
      const reading = readQualifier(parsed.qualifierText);
      const qualifier = reading.kind === 'known' ? reading.qualifier : null;
      const match = matchLabel(label);
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
      if (total === null && delta !== null) {
        warnings.push({ code: 'delta_only', message: `"${label}": the line states only the day's change (${signed(delta)}), no total`, label, total, delta });
      }
      if (seen.has(match.category)) {
        warnings.push({
          code: 'duplicate_category',
          message: `"${label}" names ${match.category} a second time (${describeValues(total, delta)}); the first line is kept`,
          label,
          total,
          delta,
        });
        continue;
      }
      seen.add(match.category);
      languages.add(match.language);
      const scripts = labelScripts(normaliseLabel(label));
      if (scripts.cyrillic && scripts.latin) bilingualLabels += 1;
      figures.push({ category: match.category, total, delta, qualifier, label });
    }
  }
  return { figures, warnings, unmapped, language: reportLanguage(languages, bilingualLabels > 0) };
}
