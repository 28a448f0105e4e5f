/** `losstally parse FILE|-`: parses one document and prints its figures; stores nothing. */
import { readFile } from 'node:fs/promises';
import { BlockedError, FileError, NoReportError, ParseError, UsageError } from '../../errors.js';
import type { ParsedReport } from '../../report/types.js';
import { detectSource } from '../../sources/detect.js';
import { detectBlockPage } from '../../sources/html.js';
import { isSourceId, SOURCES } from '../../sources/registry.js';
import type { NotAReport } from '../../sources/types.js';
import type { CommandContext } from '../context.js';
import { parseDateOption } from '../options.js';
import { formatTable } from '../output.js';

export interface ParseOptions {
  readonly source: string;
  readonly date?: string;
  readonly json?: boolean;
}

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new FileError(`cannot read ${file}: ${reason}`, { cause: error });
  }
}

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

function failure(file: string, outcome: NotAReport): Error {
  const name = file === '-' ? 'standard input' : file;
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

function signed(n: number | null): string {
  return n === null ? '' : n >= 0 ? `+${n}` : String(n);
}

export async function runParse(context: CommandContext, file: string, options: ParseOptions): Promise<number> {
  const date = parseDateOption(options.date, '--date');
  if (options.source !== 'auto' && !isSourceId(options.source)) {
    throw new UsageError(`--source must be auto or one of ${Object.keys(SOURCES).join(', ')}, got "${options.source}"`);
  }
  const document = await readInput(file);
  const sourceId = options.source === 'auto' ? detectSource(document) : options.source;
  if (sourceId === null || !isSourceId(sourceId)) {
    const blocked = detectBlockPage(document);
    if (blocked) throw new BlockedError(`no report in ${file}: ${blocked}`);
    throw new NoReportError(`no report in ${file}: an HTML page from a site losstally has no parser for; pass --source if it is one of ${Object.keys(SOURCES).join(', ')}`);
  }
  const outcome = SOURCES[sourceId].parse(document, date ? { date } : {});
  if (outcome.status !== 'reports') throw failure(file, outcome);
  const { reports } = outcome;

  if (options.json) {
    // One report prints as the object of the contract; a document with many days as an array of them.
    const json = reports.length === 1 && reports[0] ? reportJson(reports[0]) : reports.map(reportJson);
    context.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return 0;
  }
  for (const report of reports) {
    context.stdout.write(`${report.source} report for ${report.reportDate} (${report.language}): ${report.figures.length} figures\n`);
    const rows = report.figures.map((f) => ({ category: f.category, total: f.total, delta: signed(f.delta), qualifier: f.qualifier, label: f.label }));
    context.stdout.write(formatTable(['category', 'total', 'delta', 'qualifier', 'label'], rows));
    for (const warning of report.warnings) context.stdout.write(`warning: ${warning.message}\n`);
  }
  return 0;
}
