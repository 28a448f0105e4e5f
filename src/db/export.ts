/**
 * The rows of an export, each an array of values in the order of `columns`, read with an
 * iterator so that memory stays flat however long the history: arrays rather than objects, and
 * SQLite's own small page cache, because a single pass over the series gains nothing from the
 * larger one better-sqlite3 sets (its pages would only add to the peak as the history grows).
 */
import type BetterSqlite3 from 'better-sqlite3';

/** SQLite's default page cache, 2 MiB (a negative cache_size counts KiB). */
const EXPORT_CACHE_SIZE = -2000;

export interface ExportQuery {
  readonly from?: string;
  readonly to?: string;
  readonly categories?: readonly string[];
}

export function* exportRows(
  sqlite: BetterSqlite3.Database,
  shape: 'long' | 'wide',
  query: ExportQuery,
  columns: readonly string[],
): IterableIterator<unknown[]> {
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
  if (shape === 'long' && query.categories && query.categories.length > 0) {
    where.push(`category in (${query.categories.map(() => '?').join(', ')})`);
    parameters.push(...query.categories);
  }
  const condition = where.length > 0 ? `where ${where.join(' and ')}` : '';
  // Column names come from the category registry (checked keys), never from the caller's text.
  const sql =
    shape === 'long'
      ? `select date, day, category, total, delta, source, flags from series ${condition}`
      : `select ${columns.map((c) => `"${c}"`).join(', ')} from series_wide ${condition} order by date`;
  const statement = sqlite.prepare(sql).raw(true);
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${EXPORT_CACHE_SIZE}`);
  try {
    yield* statement.iterate(...parameters) as IterableIterator<unknown[]>;
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}
