/** `losstally query "SQL"`: read-only SQL over the database, as a table, CSV or JSON. */
import { runReadOnlyQuery } from '../../analyst/query.js';
import { UsageError } from '../../errors.js';
import { openForReading, type CommandContext } from '../context.js';
import { formatRows, type RowFormat } from '../output.js';

export interface QueryOptions {
  readonly csv?: boolean;
  readonly json?: boolean;
  readonly table?: boolean;
}

function chooseFormat(options: QueryOptions): RowFormat {
  const chosen = (['csv', 'json', 'table'] as const).filter((f) => options[f]);
  if (chosen.length > 1) throw new UsageError(`choose one output format, not ${chosen.map((f) => `--${f}`).join(' and ')}`);
  return chosen[0] ?? 'table';
}

export async function runQuery(context: CommandContext, sql: string, options: QueryOptions): Promise<number> {
  const format = chooseFormat(options);
  if (sql.trim() === '') throw new UsageError('the query is empty; give a SELECT statement, e.g. losstally query "select * from series limit 5"');
  const sqlite = openForReading(context);
  try {
    const result = runReadOnlyQuery(sqlite, sql);
    context.stdout.write(formatRows(format, result.columns, result.rows));
    return 0;
  } finally {
    sqlite.close();
  }
}
