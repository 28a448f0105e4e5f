/**
 * `export`: the series as CSV, streamed row by row (memory does not grow with the history),
 * quoted by csv-stringify (RFC 4180), in the long shape (one row per date and category) or the
 * wide one (one row per date, a total and a `_delta` column per category in registry order,
 * historical categories included and empty outside their dates).
 */
import { once } from 'node:events';
import type BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { exportRows, type ExportQuery } from '../db/export.js';
import { isIsoDate } from '../dates.js';
import { excerpt, UsageError } from '../errors.js';
import { CATEGORIES, isCategoryKey } from '../report/categories.js';
import { safeCell } from './csv-cells.js';

export interface ExportOptions extends ExportQuery {
  readonly shape: 'long' | 'wide';
  /** Starts the file with a UTF-8 byte-order mark, which Excel needs to read UTF-8. */
  readonly bom: boolean;
}

export const LONG_COLUMNS = ['date', 'day', 'category', 'total', 'delta', 'source', 'flags'] as const;

export function wideColumns(categories: readonly string[] | undefined): string[] {
  const keys = categories && categories.length > 0 ? CATEGORIES.map((c) => c.key).filter((k) => categories.includes(k)) : CATEGORIES.map((c) => c.key);
  return ['date', 'day', ...keys.flatMap((key) => [key, `${key}_delta`])];
}

/** Checks export options given by flags or query parameters; a UsageError names the bad one. */
export function checkExportOptions(input: { shape?: string; from?: string; to?: string; categories?: readonly string[]; bom?: boolean }): ExportOptions {
  const shape = input.shape ?? 'long';
  if (shape !== 'long' && shape !== 'wide') throw new UsageError(`shape must be long or wide, got "${excerpt(shape)}"`);
  for (const [name, value] of [['from', input.from], ['to', input.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) throw new UsageError(`${name} must be a calendar date YYYY-MM-DD, got "${excerpt(value)}"`);
  }
  if (input.from && input.to && input.from > input.to) throw new UsageError(`from ${input.from} is after to ${input.to}`);
  const categories = input.categories?.flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c !== '');
  for (const category of categories ?? []) {
    if (!isCategoryKey(category)) throw new UsageError(`category must be one of ${CATEGORIES.map((c) => c.key).join(', ')}, got "${excerpt(category)}"`);
  }
  return {
    shape,
    bom: input.bom ?? false,
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
    ...(categories && categories.length > 0 ? { categories } : {}),
  };
}

/** Export options from URL query parameters (`shape`, `from`, `to`, `category` repeated or comma-separated, `bom=1`). */
export function parseExportQuery(params: URLSearchParams): ExportOptions {
  const get = (name: string) => params.get(name) ?? undefined;
  const bom = get('bom');
  if (bom !== undefined && bom !== '0' && bom !== '1') throw new UsageError(`bom must be 0 or 1, got "${excerpt(bom)}"`);
  return checkExportOptions({ shape: get('shape'), from: get('from'), to: get('to'), categories: params.getAll('category'), bom: bom === '1' });
}

/**
 * Writes the export to a stream, waiting whenever the stream asks to. A stream closed before the
 * end (a client that hung up) stops the export and releases the database connection, which
 * better-sqlite3 keeps busy while a statement is being iterated.
 */
export async function writeExport(sqlite: BetterSqlite3.Database, options: ExportOptions, out: NodeJS.WritableStream): Promise<void> {
  const columns = options.shape === 'long' ? [...LONG_COLUMNS] : wideColumns(options.categories);
  const csv = stringify({ header: true, columns, bom: options.bom, record_delimiter: 'unix' });
  let finished = false;
  const done = new Promise<void>((resolve, reject) => {
    csv.on('error', reject);
    out.on('error', reject);
    out.on('close', () => {
      if (!finished) reject(new Error('the output was closed before the export ended'));
    });
    csv.on('end', () => {
      finished = true;
      resolve();
    });
  });
  // Keeps an early failure from being reported as unhandled while the loop below still runs.
  done.catch(() => undefined);
  csv.on('data', (chunk: Buffer) => {
    if (!out.write(chunk)) {
      csv.pause();
      out.once('drain', () => csv.resume());
    }
  });
  for (const row of exportRows(sqlite, options.shape, options, columns)) {
    if (!csv.write(row.map(safeCell))) await Promise.race([once(csv, 'drain'), done]);
  }
  csv.end();
  await done;
}
