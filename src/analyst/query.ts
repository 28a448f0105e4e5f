/**
 * Read-only SQL for analysts. The connection is opened read-only, and a statement that does
 * not return rows is refused before it runs, so no query can change the database. Results stop
 * at a row cap, and `runQueryWithTimeout` runs the query in a child process that is killed when
 * it takes too long (better-sqlite3 offers no way to interrupt a running query).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { QueryError } from '../errors.js';
import { takeQueryRunner } from './query-process.js';

export type QueryParameters = Readonly<Record<string, string | number>>;

export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
  /** Whether the result stopped at the row cap. */
  readonly truncated: boolean;
}

export function runReadOnlyQuery(sqlite: BetterSqlite3.Database, text: string, parameters: QueryParameters = {}, maxRows = Number.POSITIVE_INFINITY): QueryResult {
  let statement: BetterSqlite3.Statement;
  try {
    statement = sqlite.prepare(text);
  } catch (error) {
    throw new QueryError(`the query cannot run: ${(error as Error).message}`, { cause: error });
  }
  if (!statement.reader) {
    throw new QueryError('the query does not return rows; losstally query is read-only and runs only SELECT, WITH and read-only PRAGMA statements');
  }
  // INSERT … RETURNING returns rows too; the read-only connection would refuse it anyway, but
  // before it runs the reason can be plain.
  if (!statement.readonly) {
    throw new QueryError('the query would change the database; losstally query is read-only and runs only SELECT, WITH and read-only PRAGMA statements');
  }
  try {
    const columns = statement.columns().map((c) => c.name);
    const rows: Record<string, unknown>[] = [];
    let truncated = false;
    const iterator = (Object.keys(parameters).length > 0 ? statement.iterate(parameters) : statement.iterate()) as IterableIterator<Record<string, unknown>>;
    for (const row of iterator) {
      if (rows.length >= maxRows) {
        truncated = true;
        iterator.return?.();
        break;
      }
      rows.push(row);
    }
    return { columns, rows, truncated };
  } catch (error) {
    throw new QueryError(`the query failed: ${(error as Error).message}`, { cause: error });
  }
}

export interface QueryLimits {
  readonly maxRows: number;
  readonly timeoutMs: number;
}

interface RunnerAnswer {
  readonly result?: QueryResult;
  readonly error?: string;
}

/**
 * Runs a read-only query on a database file in a child process, killed after `timeoutMs`: a
 * query busy inside SQLite can only be stopped that way (a worker thread cannot be). The child
 * is given this process's id and ends itself when this process ends first, by a signal it cannot
 * catch too (orphan-guard.ts).
 */
export function runQueryWithTimeout(dbPath: string, text: string, parameters: QueryParameters, limits: QueryLimits): Promise<QueryResult> {
  const child = takeQueryRunner();
  return new Promise<QueryResult>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      action();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(new QueryError(`the query ran longer than ${limits.timeoutMs} ms and was stopped; narrow it, or allow more time with --timeout or LOSSTALLY_QUERY_TIMEOUT_MS`)),
        ),
      limits.timeoutMs,
    );
    child.once('message', (answer: RunnerAnswer) =>
      settle(() => (answer.error !== undefined ? reject(new QueryError(answer.error)) : resolve(answer.result as QueryResult))),
    );
    child.once('error', (error) => settle(() => reject(new QueryError(`the query could not start: ${error.message}`, { cause: error }))));
    child.once('exit', (code) => settle(() => reject(new QueryError(`the query process ended without an answer (exit code ${code})`))));
    child.send({ dbPath, text, parameters, maxRows: limits.maxRows });
  });
}
