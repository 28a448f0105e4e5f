/**
 * A condition "this column is one of these dates" bound as one JSON parameter: SQLite allows at
 * most 32,766 bound parameters in a statement, and a list of dates can be as long as the history.
 */
import { sql, type RawBuilder } from 'kysely';

export function isOneOfDates(column: string, dates: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(dates)}))`;
}
