/**
 * A pasted report: a Telegram post, a news article or the bare list of lines. The report date
 * comes from the text when it states one ("з 24.02.22 по 19.02.24"), else from the caller.
 */
import { findPostedDate } from '../../report/report-date.js';
import { assembleReport } from '../assemble.js';
import type { ParseContext, ParseOutcome } from '../types.js';

export function parseReportText(text: string, context: ParseContext): ParseOutcome {
  const lines = text
    .split(/\r\n|\r|\n|\u2028|\u2029/u)
    .map((line) => line.replace(/[\s\u00a0\u202f\u2009]+/gu, ' ').trim())
    .filter((line) => line !== '');
  // A news page's date line ("15 жовтня 2022, 09:12") gives the year a 2022 heading leaves out.
  const posted = lines.map(findPostedDate).find((date) => date !== null) ?? null;
  return assembleReport({
    source: 'text',
    what: 'the text',
    lines,
    contextYear: posted ? Number(posted.slice(0, 4)) : null,
    context,
    defaultLanguage: 'uk',
    changesOnlyIsReport: true,
    whenEmpty: { status: 'no_report', reason: 'the text holds no report lines ("<label> – <total> (+<delta>)")' },
  });
}
