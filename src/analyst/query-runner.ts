/**
 * The child process of `runQueryWithTimeout`: opens the database read-only, runs one query,
 * answers, exits; and ends with its parent (the pid in its first argument), however that ends.
 */
import { openSqlite } from '../db/sqlite.js';
import { endWithParent } from './orphan-guard.js';
import { runReadOnlyQuery, type QueryParameters } from './query.js';

endWithParent(Number(process.argv[2]));
// Started ahead of a query that never came (prestartQueryRunner): the parent is done with it.
process.once('disconnect', () => process.exit(0));

process.once('message', (request: { dbPath: string; text: string; parameters: QueryParameters; maxRows: number }) => {
  try {
    const sqlite = openSqlite(request.dbPath, { readonly: true });
    try {
      process.send?.({ result: runReadOnlyQuery(sqlite, request.text, request.parameters, request.maxRows) });
    } finally {
      sqlite.close();
    }
  } catch (error) {
    process.send?.({ error: error instanceof Error ? error.message : String(error) });
  }
});
