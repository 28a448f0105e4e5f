/**
 * `losstally parse FILE...|-`: parses documents and prints their figures; stores nothing. One
 * file prints its report, or fails with the reason; many files (or a folder) print an outcome
 * per file and go on after a file without a report.
 */
import { kyivDate, warDateProblem } from '../../dates.js';
import { BlockedError, excerpt, firstLine, isLossTallyError, NoReportError, ParseError, UsageError, type LossTallyError } from '../../errors.js';
import { documentLimit, type InputLimit } from '../../input/limits.js';
import type { ParsedReport } from '../../report/types.js';
import { detectSource } from '../../sources/detect.js';
import { detectBlockPage } from '../../sources/html.js';
import { isSourceId, SOURCES } from '../../sources/registry.js';
import type { NotAReport, SourceId } from '../../sources/types.js';
import type { CommandContext } from '../context.js';
import { listDocuments, readDocument, STDIN, type DocumentEntry } from '../documents.js';
import { EXIT } from '../exit-codes.js';
import { parseReportDateOption } from '../options.js';
import { formatTable } from '../output.js';

export interface ParseOptions {
  readonly source: string;
  readonly date?: string;
  readonly json?: boolean;
  readonly ndjson?: boolean;
}

interface ParseSettings {
  readonly source: SourceId | 'auto';
  readonly date?: string;
  /** How much of one document is read before it is refused (LOSSTALLY_MAX_DOCUMENT_BYTES). */
  readonly limit: InputLimit;
  /** Now: a document dated after tomorrow in Kyiv holds no report. */
  readonly now: Date;
}

/** What one document gave: its reports, or the error that says why it has none. */
export type DocumentOutcome = { readonly file: string; readonly reports: readonly ParsedReport[] } | { readonly file: string; readonly error: LossTallyError };

/** The contract shape of `parse --json`. */
export function reportJson(report: ParsedReport): object {
  return {
    source: report.source,
    reportDate: report.reportDate,
    language: report.language,
    figures: report.figures.map((f) => ({ category: f.category, total: f.total, delta: f.delta, qualifier: f.qualifier, label: f.label })),
    warnings: report.warnings,
  };
}

function failure(file: string, outcome: NotAReport): LossTallyError {
  const name = file === STDIN ? 'standard input' : file;
  switch (outcome.status) {
    case 'no_report':
      return new NoReportError(`no report in ${name}: ${outcome.reason}`);
    case 'blocked':
      return new BlockedError(`no report in ${name}: ${outcome.reason}`);
    case 'parse_error':
      return new ParseError(`cannot read the report in ${name}: ${outcome.reason}`);
    case 'undated':
      return new UsageError(`${name}: ${outcome.reason}`);
  }
}

function settingsOf(options: ParseOptions, limit: InputLimit, now: Date): ParseSettings {
  const date = options.date === undefined ? undefined : parseReportDateOption(options.date, '--date', kyivDate(now));
  if (options.source !== 'auto' && !isSourceId(options.source)) {
    throw new UsageError(`--source must be auto or one of ${Object.keys(SOURCES).join(', ')}, got "${excerpt(options.source)}"`);
  }
  return date ? { source: options.source, date, limit, now } : { source: options.source, limit, now };
}

function reportsIn(file: string, document: string, settings: ParseSettings): readonly ParsedReport[] {
  const sourceId = settings.source === 'auto' ? detectSource(document) : settings.source;
  if (sourceId === null || !isSourceId(sourceId)) {
    const blocked = detectBlockPage(document);
    if (blocked) throw new BlockedError(`no report in ${file}: ${blocked}`);
    throw new NoReportError(`no report in ${file}: an HTML page from a site losstally has no parser for; pass --source if it is one of ${Object.keys(SOURCES).join(', ')}`);
  }
  const outcome = SOURCES[sourceId].parse(document, settings.date ? { date: settings.date } : {});
  if (outcome.status !== 'reports') throw failure(file, outcome);
  // A text that dates itself outside the war (a typo, "з 24.02.22 по 11.06.99") holds no report of it.
  for (const report of outcome.reports) {
    const problem = warDateProblem(report.reportDate, kyivDate(settings.now));
    if (problem) throw new NoReportError(`no report in ${file === STDIN ? 'standard input' : file}: its date ${problem}`);
  }
  return outcome.reports;
}

/**
 * Reads and parses one document. The same function serves one file and many, so a file
 * without a report is explained in the same words either way.
 */
export async function parseDocument(entry: DocumentEntry, settings: ParseSettings): Promise<DocumentOutcome> {
  try {
    if (entry.error) throw entry.error;
    return { file: entry.path, reports: reportsIn(entry.path, await readDocument(entry.path, settings.limit), settings) };
  } catch (error) {
    // Only the errors that explain a document become its outcome; anything else is a bug and stops the run.
    if (isLossTallyError(error)) return { file: entry.path, error };
    throw error;
  }
}

/** One line of `--ndjson`: the report with its file first, the reports of a many-day document, or the error. */
export function outcomeJson(outcome: DocumentOutcome): object {
  if ('error' in outcome) return { file: outcome.file, error: { code: outcome.error.code, message: firstLine(outcome.error.message) } };
  const [only] = outcome.reports;
  if (outcome.reports.length === 1 && only) return { file: outcome.file, ...reportJson(only) };
  return { file: outcome.file, reports: outcome.reports.map(reportJson) };
}

function signed(n: number | null): string {
  return n === null ? '' : n >= 0 ? `+${n}` : String(n);
}

function printTables(context: CommandContext, reports: readonly ParsedReport[]): void {
  for (const report of reports) {
    context.stdout.write(`${report.source} report for ${report.reportDate} (${report.language}): ${report.figures.length} figures\n`);
    const rows = report.figures.map((f) => ({ category: f.category, total: f.total, delta: signed(f.delta), qualifier: f.qualifier, label: f.label }));
    context.stdout.write(formatTable(['category', 'total', 'delta', 'qualifier', 'label'], rows));
    for (const warning of report.warnings) context.stdout.write(`warning: ${warning.message}\n`);
  }
}

function printOne(context: CommandContext, outcome: DocumentOutcome, options: ParseOptions): number {
  if ('error' in outcome) throw outcome.error;
  const { reports } = outcome;
  if (options.json) {
    // One report prints as the object of the contract; a document with many days as an array of them.
    const json = reports.length === 1 && reports[0] ? reportJson(reports[0]) : reports.map(reportJson);
    context.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    printTables(context, reports);
  }
  return EXIT.ok;
}

export async function runParse(context: CommandContext, files: readonly string[], options: ParseOptions): Promise<number> {
  const settings = settingsOf(options, documentLimit(context.config.inputLimits.documentBytes), context.now());
  const { entries, many } = await listDocuments(files);
  // A JSON document per file is what a corpus needs: with many files --json writes lines as --ndjson does.
  const lines = options.ndjson === true || (options.json === true && many);
  const [single] = entries;
  if (!many && !lines && single) return printOne(context, await parseDocument(single, settings), options);

  let failed = 0;
  // One file at a time, each written when it is done: a long corpus shows progress and holds one document in memory.
  for (const entry of entries) {
    const outcome = await parseDocument(entry, settings);
    if ('error' in outcome) failed += 1;
    if (lines) {
      context.stdout.write(JSON.stringify(outcomeJson(outcome)) + '\n');
    } else if ('error' in outcome) {
      // The reason names the file already ("no report in corpus/x.html: …").
      context.stderr.write(`Error: ${firstLine(outcome.error.message)}\n`);
    } else {
      context.stdout.write(`== ${outcome.file}\n`);
      printTables(context, outcome.reports);
    }
  }
  return failed === 0 ? EXIT.ok : EXIT.failed;
}
