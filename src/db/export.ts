/** The rows of an export, read with an iterator so that memory stays flat however long the history. */
import type BetterSqlite3 from 'better-sqlite3';

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
): IterableIterator<Record<string, unknown>> {
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
  yield* sqlite.prepare(sql).iterate(...parameters) as IterableIterator<Record<string, unknown>>;
}
