/**
 * The last step every source shares: from the report's text lines and the date its heading
 * states to a parsed report, or to the outcome that explains why there is none.
 */
import { findStatedDate, resolveStatedDate, type StatedDate } from '../report/report-date.js';
import { parseReportLines } from '../report/report-lines.js';
import type { ParseWarning, ReportLanguage } from '../report/types.js';
import { addDays } from '../dates.js';
import type { ParseContext, ParseOutcome, SourceId } from './types.js';

export interface AssembleInput {
  readonly source: SourceId;
  /** What the document is, for messages ("mil.gov.ua page"). */
  readonly what: string;
  readonly lines: readonly string[];
  /** The date the document states, or null to search the lines for it. */
  readonly stated?: StatedDate | null;
  /** Year from the document's metadata, for headings without one ("from 24.02 to 12.04"). */
  readonly contextYear?: number | null;
  /** The date the page was posted (ISO), when its metadata says. */
  readonly posted?: string | null;
  readonly context: ParseContext;
  readonly defaultLanguage: ReportLanguage;
  /** Outcome when the lines hold no figure at all. */
  readonly whenEmpty: ParseOutcome;
  /**
   * Whether figures that state only the day's change make a report: a pasted text may retell
   * only them ("за добу знищили 5 танків, …"); on a source's own page they are its lead sentence,
   * and without the list there is no report.
   */
  readonly changesOnlyIsReport?: boolean;
}

function yearOf(date: string | undefined): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

/**
 * The report date when the date a page states and the date it was posted disagree. Reports
 * come out in the morning of their date, and copies are posted the same morning: a page posted
 * the day after the date its heading states is that day's report with a heading typo (a kmu.gov.ua
 * page says "to 28.12.23", was posted on 29 December and holds the 29th's figures). Any other
 * disagreement keeps the stated date. Either way the page says both, and so does the warning.
 */
function byEvidence(stated: string, statedDate: StatedDate, posted: string | null): { date: string; warning: ParseWarning | null } {
  if (posted === null || posted === stated) return { date: stated, warning: null };
  const postedNextDay = addDays(stated, 1) === posted;
  const date = postedNextDay ? posted : stated;
  const why = postedNextDay ? 'a page posted the morning after its stated date holds that morning\'s report' : 'dated by what it states';
  return {
    date,
    warning: {
      code: 'date_conflict',
      message: `the page states "${statedDate.text}" (${stated}) but was posted on ${posted}; ${why}: report date ${date}`,
      label: statedDate.text,
    },
  };
}

function findInLines(lines: readonly string[]): StatedDate | null {
  for (const line of lines) {
    const stated = findStatedDate(line);
    if (stated) return stated;
  }
  return null;
}

export function assembleReport(input: AssembleInput): ParseOutcome {
  const { lines, context } = input;
  const parsed = parseReportLines(lines);
  if (parsed.figures.length === 0 && parsed.unmapped.length === 0) return input.whenEmpty;
  if (!input.changesOnlyIsReport && parsed.figures.length > 0 && parsed.figures.every((figure) => figure.total === null)) return input.whenEmpty;
  // Lines shaped like figures whose labels are mostly unknown are something else (a table of
  // other numbers, random bytes), not a report with a few odd lines.
  if (parsed.unmapped.length > parsed.figures.length) {
    const count = parsed.figures.length + parsed.unmapped.length;
    const example = (parsed.unmapped[0]?.label ?? '').slice(0, 40);
    return { status: 'no_report', reason: `${input.what} is not a loss report: ${parsed.unmapped.length} of its ${count} figure-like lines name no category (such as "${example}")` };
  }

  const stated = input.stated === undefined ? findInLines(lines) : input.stated;
  let reportDate: string;
  const warnings: ParseWarning[] = [];
  if (stated) {
    const resolved = resolveStatedDate(stated, stated.year === null ? (input.contextYear ?? yearOf(context.date)) : null);
    if (resolved === null) {
      return stated.year === null
        ? { status: 'undated', reason: `${input.what} states "${stated.text}" without a year; pass --date YYYY-MM-DD` }
        : { status: 'parse_error', reason: `${input.what} states an impossible date "${stated.text}"` };
    }
    const dated = byEvidence(resolved, stated, input.posted ?? null);
    if (dated.warning) warnings.push(dated.warning);
    if (context.date && dated.date !== context.date) {
      return { status: 'no_report', reason: `${input.what} holds the report for ${dated.date}, not ${context.date}`, otherDays: true };
    }
    reportDate = dated.date;
  } else if (context.date) {
    reportDate = context.date;
  } else {
    return { status: 'undated', reason: `${input.what} does not say which day it reports; pass --date YYYY-MM-DD` };
  }

  return {
    status: 'report',
    report: {
      source: input.source,
      reportDate,
      language: parsed.language ?? input.defaultLanguage,
      figures: parsed.figures,
      warnings: [...warnings, ...parsed.warnings],
      unmapped: parsed.unmapped,
    },
  };
}
