/**
 * `export`: the series as CSV, streamed row by row (memory does not grow with the history),
 * quoted by csv-stringify (RFC 4180), in the long shape (one row per date and category) or the
 * wide one (one row per date, a total and a `_delta` column per category in registry order,
 * historical categories included and empty outside their dates). With `clean`, the clean series
 * (`series_clean`) instead, by the same machinery: long, its columns as the view has them; wide,
 * the value and a `_status` column per category (the stated total, the reason and the evidence
 * are cells of text that a wide table has no room for: they are in the long shape).
 */
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { exportColumns, exportRows, type ExportQuery, type ExportView } from '../db/export.js';
import { isIsoDate } from '../dates.js';
import { excerpt, UsageError } from '../errors.js';
import { nextTurn } from '../next-turn.js';
import { CATEGORIES, isCategoryKey } from '../report/categories.js';
import { safeCell } from './csv-cells.js';
import { flagParam } from './flag-param.js';

export { CLEAN_LONG_COLUMNS, LONG_COLUMNS } from '../db/export.js';

export interface ExportOptions extends ExportQuery {
  readonly shape: 'long' | 'wide';
  /** The clean series (`series_clean`) instead of `series`. */
  readonly clean: boolean;
  /** Starts the file with a UTF-8 byte-order mark, which Excel needs to read UTF-8. */
  readonly bom: boolean;
}

/** The categories of a wide export: those asked for (all without), in registry order. */
function wideKeys(categories: readonly string[] | undefined): string[] {
  const keys = CATEGORIES.map((c) => c.key);
  return categories && categories.length > 0 ? keys.filter((k) => categories.includes(k)) : keys;
}

function viewOf(options: ExportOptions): ExportView {
  return { shape: options.shape, clean: options.clean, wideKeys: wideKeys(options.categories) };
}

/** The header of the wide shape: date, day, then per category its total and `_delta` (`_status` with clean). */
export function wideColumns(categories: readonly string[] | undefined, clean = false): string[] {
  return exportColumns({ shape: 'wide', clean, wideKeys: wideKeys(categories) });
}

/** Checks export options given by flags or query parameters; a UsageError names the bad one. */
export function checkExportOptions(input: { shape?: string; from?: string; to?: string; categories?: readonly string[]; clean?: boolean; bom?: boolean }): ExportOptions {
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
    clean: input.clean ?? false,
    bom: input.bom ?? false,
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
    ...(categories && categories.length > 0 ? { categories } : {}),
  };
}

/** Export options from URL query parameters (`shape`, `from`, `to`, `category` repeated or comma-separated, `bom=1`, `clean=1`). */
export function parseExportQuery(params: URLSearchParams): ExportOptions {
  const get = (name: string) => params.get(name) ?? undefined;
  const bom = flagParam('bom', get('bom'));
  const clean = flagParam('clean', get('clean'));
  return checkExportOptions({ shape: get('shape'), from: get('from'), to: get('to'), categories: params.getAll('category'), clean, bom });
}

/**
 * Rows written between two turns of the event loop. better-sqlite3 reads synchronously, and a
 * stream that never pushes back (a fast client on loopback, a buffer) would otherwise hold the
 * loop for the whole export: a server could answer nothing else, and concurrent exports would run
 * one after the other instead of side by side.
 */
const ROWS_PER_TURN = 500;

/**
 * Writes the export to a stream, waiting whenever the stream asks to and letting other work run
 * between batches of rows. A stream closed before the end (a client that hung up) stops the
 * export and releases the database connection, which better-sqlite3 keeps busy while a statement
 * is being iterated.
 */
export async function writeExport(sqlite: BetterSqlite3.Database, options: ExportOptions, out: NodeJS.WritableStream): Promise<void> {
  const view = viewOf(options);
  // First, so that a database without the view fails before anything is written.
  const rows = exportRows(sqlite, view, options);
  const columns = exportColumns(view);
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
  let written = 0;
  for (const row of rows) {
    if (!csv.write(row.map(safeCell))) await Promise.race([once(csv, 'drain'), done]);
    if (++written % ROWS_PER_TURN === 0) await Promise.race([nextTurn(), done]);
  }
  csv.end();
  await done;
}

/** The reason an export into memory stopped: it grew past the bytes it was allowed. */
class TooLarge extends Error {}

/**
 * The whole export in memory, or null once it grows past `maxBytes` (stopped there: a larger
 * export is to be streamed instead).
 */
export async function exportToBuffer(sqlite: BetterSqlite3.Database, options: ExportOptions, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new TooLarge());
      chunks.push(chunk);
      done();
    },
  });
  try {
    await writeExport(sqlite, options, sink);
  } catch (error) {
    if (error instanceof TooLarge) return null;
    throw error;
  }
  sink.end();
  await finished(sink);
  return Buffer.concat(chunks, bytes);
}
