/** The child process of `runQueryWithTimeout`: opens the database read-only, runs one query, answers, exits. */
import { openSqlite } from '../db/sqlite.js';
import { runReadOnlyQuery, type QueryParameters } from './query.js';

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
