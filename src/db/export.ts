/**
 * The rows of an export, each an array of values in the order of its columns, read with an
 * iterator so that memory stays flat however long the history: arrays rather than objects, and
 * SQLite's own small page cache, because a single pass over the series gains nothing from the
 * larger one better-sqlite3 sets (its pages would only add to the peak as the history grows).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { requireCleanSeries } from './clean-view.js';
import { CLEAN_WIDE_FIELDS, pivotColumns, SERIES_WIDE_FIELDS, wideColumnNames } from './pivot.js';

/** SQLite's default page cache, 2 MiB (a negative cache_size counts KiB). */
const EXPORT_CACHE_SIZE = -2000;

export interface ExportQuery {
  readonly from?: string;
  readonly to?: string;
  readonly categories?: readonly string[];
}

/** What an export reads: `series` or, with `clean`, `series_clean`, in the long or the wide shape. */
export interface ExportView {
  readonly shape: 'long' | 'wide';
  readonly clean: boolean;
  /** The categories of the wide shape, in registry order: their keys name its columns. */
  readonly wideKeys: readonly string[];
}

/** The columns of `series` as the long export writes them. */
export const LONG_COLUMNS = ['date', 'day', 'category', 'total', 'delta', 'source', 'flags'] as const;
/** The columns of `series_clean`, all of them. */
export const CLEAN_LONG_COLUMNS = ['date', 'day', 'category', 'value', 'stated', 'status', 'reason', 'evidence', 'source'] as const;

export function exportColumns(view: ExportView): string[] {
  if (view.shape === 'long') return [...(view.clean ? CLEAN_LONG_COLUMNS : LONG_COLUMNS)];
  return ['date', 'day', ...wideColumnNames(view.wideKeys, view.clean ? CLEAN_WIDE_FIELDS : SERIES_WIDE_FIELDS)];
}

function exportSql(view: ExportView, condition: string): string {
  if (view.shape === 'long') return `select ${exportColumns(view).join(', ')} from ${view.clean ? 'series_clean' : 'series'} ${condition}`;
  // Column names come from the category registry (checked keys), never from the caller's text.
  if (!view.clean) return `select ${exportColumns(view).map((c) => `"${c}"`).join(', ')} from series_wide ${condition} order by date`;
  // No view of its own: the pivot series_wide is made of, over series_clean.
  return `select date, day, ${pivotColumns(view.wideKeys, CLEAN_WIDE_FIELDS).join(', ')} from series_clean ${condition} group by date order by date`;
}

/**
 * The rows, in the order of `exportColumns(view)`. The statement is prepared here, before the
 * first row is asked for, so that a database without the view fails before anything is written.
 */
export function exportRows(sqlite: BetterSqlite3.Database, view: ExportView, query: ExportQuery): IterableIterator<unknown[]> {
  const where: string[] = [];
  const parameters: string[] = [];
  if (query.from) {
    where.push('date >= ?');
    parameters.push(query.from);
  }
  if (query.to) {
    where.push('date <= ?');
    parameters.push(query.to);
  }
  // The wide shape keeps every date, with empty cells where the categories chosen have none.
  if (view.shape === 'long' && query.categories && query.categories.length > 0) {
    where.push(`category in (${query.categories.map(() => '?').join(', ')})`);
    parameters.push(...query.categories);
  }
  if (view.clean) requireCleanSeries(sqlite);
  const statement = sqlite.prepare(exportSql(view, where.length > 0 ? `where ${where.join(' and ')}` : '')).raw(true);
  return iterate(sqlite, statement, parameters);
}

function* iterate(sqlite: BetterSqlite3.Database, statement: BetterSqlite3.Statement, parameters: readonly string[]): IterableIterator<unknown[]> {
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${EXPORT_CACHE_SIZE}`);
  try {
    yield* statement.iterate(...parameters) as IterableIterator<unknown[]>;
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}
