/** `losstally query "SQL"`: read-only SQL over the database, as a table, CSV, JSON or JSON lines. */
import { runQueryWithTimeout, type QueryParameters } from '../../analyst/query.js';
import { QUERY_LIMITS, wholeNumberIn, wholeNumberText, type WholeNumberRange } from '../../config.js';
import { excerpt, UsageError } from '../../errors.js';
import { openForReading, type CommandContext } from '../context.js';
import { formatRows, type RowFormat } from '../output.js';

export interface QueryOptions {
  readonly csv?: boolean;
  readonly json?: boolean;
  readonly nl?: boolean;
  readonly table?: boolean;
  readonly param?: readonly string[];
  readonly maxRows?: string;
  readonly timeout?: string;
}

function chooseFormat(options: QueryOptions): RowFormat {
  const chosen = (['csv', 'json', 'nl', 'table'] as const).filter((f) => options[f]);
  if (chosen.length > 1) throw new UsageError(`choose one output format, not ${chosen.map((f) => `--${f}`).join(' and ')}`);
  return chosen[0] ?? 'table';
}

/** `-p name=value`: whole numbers are bound as numbers, everything else as text. */
function parseParameters(values: readonly string[] = []): QueryParameters {
  const parameters: Record<string, string | number> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const name = at > 0 ? value.slice(0, at) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`-p takes name=value (a parameter :name in the SQL), got "${excerpt(value)}"`);
    const text = value.slice(at + 1);
    parameters[name] = /^-?\d{1,15}$/.test(text) ? Number(text) : text;
  }
  return parameters;
}

/** A limit from its flag, within the range the environment variable is held to as well. */
function limit(value: string | undefined, fallback: number, flag: string, range: WholeNumberRange): number {
  if (value === undefined) return fallback;
  const n = wholeNumberIn(value, range);
  if (n === null) throw new UsageError(`${flag} must be ${wholeNumberText(range)}, got "${excerpt(value)}"`);
  return n;
}

export async function runQuery(context: CommandContext, sql: string, options: QueryOptions): Promise<number> {
  const format = chooseFormat(options);
  const parameters = parseParameters(options.param);
  const maxRows = limit(options.maxRows, context.config.query.maxRows, '--max-rows', QUERY_LIMITS.maxRows);
  const timeoutMs = limit(options.timeout, context.config.query.timeoutMs, '--timeout', QUERY_LIMITS.timeoutMs);
  if (sql.trim() === '') throw new UsageError('the query is empty; give a SELECT statement, e.g. losstally query "select * from series limit 5"');
  // Fails with the reason when there is no losstally database at the path.
  openForReading(context).close();
  const result = await runQueryWithTimeout(context.dbPath, sql, parameters, { maxRows, timeoutMs });
  context.stdout.write(formatRows(format, result.columns, result.rows));
  if (result.truncated) {
    context.stderr.write(`note: stopped at ${maxRows} rows (--max-rows or LOSSTALLY_QUERY_MAX_ROWS); add LIMIT/OFFSET or raise the cap\n`);
  }
  return 0;
}
