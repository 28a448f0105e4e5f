/**
 * index.minfin.com.ua "Втрати Росії" (uk and en; the main page and the month archives): many
 * days per page, newest first. Each day is a `ul.see-also > li.gold` with the date in
 * `span.black` ("03.04.2022") and one `li` per category in `div.casualties ul` ("Танки&nbsp;&mdash;
 * 644", labels partly in `<abbr>`, the delta "(+6)" after the total, zero deltas left out). A
 * last `li.gold` says "Див. також:" instead of a date and is not a day. The text dump of these
 * pages has the same days as a `dd.mm.yyyy` line followed by "Label — total (+delta)" lines.
 *
 * Until April 2022 the personnel line also states prisoners of war ("близько 17800 осіб, 460
 * полонених"): that count is not a General Staff category, so it is a warning, never a figure.
 */
import { isoDate } from '../../dates.js';
import { parseReportLines, type ReportLines } from '../../report/report-lines.js';
import type { Figure, ParsedReport, ParseWarning, ReportLanguage } from '../../report/types.js';
import { blockLines, detectBlockPage, loadFragment, sliceBetween } from '../html.js';
import { reportsFor } from '../outcome.js';
import type { DocumentOutcome, ParseContext } from '../types.js';

const SOURCE = 'minfin';
const PAGE = 'index.minfin.com.ua page';
const TEXT = 'the minfin text';

const LIST_START = /<ul\b[^>]*\bclass=["'][^"']*\bsee-also\b/i;
// The day list ends with the article; the right-hand column and the footer follow it.
const LIST_END_MARKERS = ['</article>', "id='idx-media'", 'id="idx-media"'];

const DAY_DATE = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/u;

/** One day as the document lists it: the date as written, and its item lines. */
interface ListedDay {
  readonly dateText: string;
  readonly lines: readonly string[];
}

// "…, 460 полонених", "…, понад 200 полоненими", "…, близько 500 полонених (+7)"; the English
// wording is not evidenced and is guessed.
const PRISONERS =
  /,\s*(?:(?<qualifier>понад|більше|более|близько|over|more than|about|aprx\.)\s+)?(?<count>\d+)\s+(?:полонен\p{L}*|prisoners?(?:\s+of\s+war)?|POWs?)(?!\p{L})(?:\s*\(\s*\+\s*(?<delta>\d+)\s*\))?/iu;

const PRISONER_QUALIFIERS: Readonly<Record<string, string>> = {
  понад: 'more than ',
  більше: 'more than ',
  более: 'more than ',
  'more than': 'more than ',
  over: 'more than ',
  близько: 'about ',
  about: 'about ',
  'aprx.': 'about ',
};

type LineFigure = Pick<Figure, 'label' | 'total' | 'delta'>;

/** The figure a line states: the day's figure whose label starts the line, else the line's own. */
function figureOfLine(line: string, parsed: ReportLines): LineFigure | undefined {
  const own = [...parsed.figures, ...parsed.unmapped].find((figure) => line.startsWith(figure.label));
  if (own) return own;
  const alone = parseReportLines([line]);
  return alone.figures[0] ?? alone.unmapped[0];
}

/** A warning for each line that also states prisoners of war, with that line's figure. */
function prisonerWarnings(lines: readonly string[], parsed: ReportLines): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  for (const line of lines) {
    const match = PRISONERS.exec(line);
    if (!match?.groups) continue;
    const figure = figureOfLine(line, parsed);
    if (!figure) continue;
    const qualifier = PRISONER_QUALIFIERS[(match.groups['qualifier'] ?? '').toLowerCase()] ?? '';
    const delta = match.groups['delta'] === undefined ? '' : ` (+${match.groups['delta']})`;
    warnings.push({
      code: 'prisoners_of_war',
      message: `"${figure.label}": also states ${qualifier}${match.groups['count']}${delta} prisoners of war, which is not a General Staff category and is not stored`,
      label: figure.label,
      total: figure.total,
      delta: figure.delta,
    });
  }
  return warnings;
}

function toReport(date: string, lines: readonly string[], fallbackLanguage: ReportLanguage): ParsedReport | null {
  const parsed = parseReportLines(lines);
  if (parsed.figures.length === 0 && parsed.unmapped.length === 0) return null;
  return {
    source: SOURCE,
    reportDate: date,
    language: parsed.language ?? fallbackLanguage,
    figures: parsed.figures,
    warnings: [...parsed.warnings, ...prisonerWarnings(lines, parsed)],
    unmapped: parsed.unmapped,
  };
}

/**
 * The reports of the listed days, oldest first, narrowed to the caller's date; entries whose
 * date is not a date ("Див. також:") are not days. A day listed twice keeps its first listing.
 */
function reportsOfDays(what: string, days: readonly ListedDay[], context: ParseContext, fallbackLanguage: ReportLanguage): DocumentOutcome {
  const dated: { date: string; lines: readonly string[] }[] = [];
  const seen = new Set<string>();
  for (const day of days) {
    const match = DAY_DATE.exec(day.dateText);
    if (!match) continue;
    const date = isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
    if (date === null) return { status: 'parse_error', reason: `${what} lists an impossible date "${day.dateText.trim()}"` };
    if (seen.has(date)) continue;
    seen.add(date);
    dated.push({ date, lines: day.lines });
  }
  if (dated.length === 0) return { status: 'no_report', reason: `${what} lists no dated day; it is not a casualties page` };
  dated.sort((a, b) => a.date.localeCompare(b.date));

  const reports: ParsedReport[] = [];
  const empty: string[] = [];
  for (const day of dated) {
    const report = toReport(day.date, day.lines, fallbackLanguage);
    if (report) reports.push(report);
    else empty.push(day.date);
  }
  const span = (dates: readonly string[]) => (dates.length === 1 ? dates[0] : `${dates[0]} … ${dates[dates.length - 1]}`);
  if (reports.length === 0) {
    return { status: 'parse_error', reason: `${what} lists ${span(empty)} but no figure lines; the layout may have changed` };
  }
  if (context.date && empty.includes(context.date)) {
    return { status: 'parse_error', reason: `${what} lists ${context.date} but no figure lines for it; the layout may have changed` };
  }
  return reportsFor(what, reports, context.date);
}

/** The parts of a parsed DOM node the day walk reads. */
interface DomElement {
  readonly type: string;
  readonly name?: string;
  readonly attribs?: Readonly<Record<string, string>>;
  readonly children?: readonly DomElement[];
}

function isTag(node: DomElement, name: string, className: string): boolean {
  return node.type === 'tag' && node.name === name && (node.attribs?.['class'] ?? '').split(/\s+/u).includes(className);
}

/**
 * The `li` items of the lists inside a day's `div.casualties` (`div.casualties ul li`). The walk
 * is done by hand: a selector query per day costs more than the rest of the parse.
 */
function listItems(node: DomElement, insideList: boolean): DomElement[] {
  if (node.type !== 'tag') return [];
  if (insideList && node.name === 'li') return [node];
  const inside = insideList || node.name === 'ul' || node.name === 'ol';
  return (node.children ?? []).flatMap((child) => listItems(child, inside));
}

function isFigureLine(line: string): boolean {
  const parsed = parseReportLines([line]);
  return parsed.figures.length > 0 || parsed.unmapped.length > 0;
}

function pageLanguage(html: string): ReportLanguage {
  const lang = /<html\b[^>]*\blang=["']?([a-z]{2})/i.exec(html)?.[1]?.toLowerCase();
  return lang === 'en' ? 'en' : 'uk';
}

export function parseMinfinPage(html: string, context: ParseContext): DocumentOutcome {
  const fragment = sliceBetween(html, LIST_START, LIST_END_MARKERS);
  const $ = fragment === null ? null : loadFragment(fragment);
  const entries = $ ? $('ul.see-also li.gold').toArray() : [];
  if ($ === null || entries.length === 0) {
    const blocked = detectBlockPage(html);
    if (blocked) return { status: 'blocked', reason: blocked };
    return { status: 'no_report', reason: `${PAGE} has no day list (ul.see-also > li.gold); it is not a casualties page` };
  }
  const days = entries.map((entry) => {
    const children = (entry as DomElement).children ?? [];
    const date = children.find((child) => isTag(child, 'span', 'black'));
    const casualties = children.filter((child) => isTag(child, 'div', 'casualties'));
    return { dateText: date ? blockLines([date]).join(' ') : '', lines: blockLines(casualties.flatMap((div) => listItems(div, false))) };
  });
  return reportsOfDays(PAGE, days, context, pageLanguage(html));
}

export function parseMinfinText(text: string, context: ParseContext): DocumentOutcome {
  const lines = text
    .split(/\r\n|\r|\n|\u2028|\u2029/u)
    .map((line) => line.replace(/[\s\u00a0\u202f\u2009]+/gu, ' ').trim())
    .filter((line) => line !== '');
  const days: { dateText: string; lines: string[] }[] = [];
  for (const line of lines) {
    if (DAY_DATE.test(line)) {
      days.push({ dateText: line, lines: [] });
      continue;
    }
    const day = days[days.length - 1];
    if (day) {
      day.lines.push(line);
    } else if (isFigureLine(line)) {
      return { status: 'parse_error', reason: `${TEXT} has figure lines before its first date line (dd.mm.yyyy): "${line}"` };
    }
  }
  if (days.length === 0) {
    return { status: 'no_report', reason: `${TEXT} has no date line (dd.mm.yyyy); it is not the minfin day-by-day text` };
  }
  return reportsOfDays(TEXT, days, context, 'uk');
}
