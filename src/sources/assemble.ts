/**
 * The last step every source shares: from the report's text lines and the date its heading
 * states to a parsed report, or to the outcome that explains why there is none.
 */
import { findStatedDate, resolveStatedDate, type StatedDate } from '../report/report-date.js';
import { parseReportLines } from '../report/report-lines.js';
import type { ReportLanguage } from '../report/types.js';
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
  readonly context: ParseContext;
  readonly defaultLanguage: ReportLanguage;
  /** Outcome when the lines hold no figure at all. */
  readonly whenEmpty: ParseOutcome;
}

function yearOf(date: string | undefined): number | null {
  return date ? Number(date.slice(0, 4)) : null;
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

  const stated = input.stated === undefined ? findInLines(lines) : input.stated;
  let reportDate: string;
  if (stated) {
    const resolved = resolveStatedDate(stated, stated.year === null ? (input.contextYear ?? yearOf(context.date)) : null);
    if (resolved === null) {
      return stated.year === null
        ? { status: 'undated', reason: `${input.what} states "${stated.text}" without a year; pass --date YYYY-MM-DD` }
        : { status: 'parse_error', reason: `${input.what} states an impossible date "${stated.text}"` };
    }
    if (context.date && resolved !== context.date) {
      return { status: 'no_report', reason: `${input.what} holds the report for ${resolved}, not ${context.date}`, otherDays: true };
    }
    reportDate = resolved;
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
      warnings: parsed.warnings,
      unmapped: parsed.unmapped,
    },
  };
}
