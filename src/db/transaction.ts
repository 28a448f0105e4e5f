/**
 * Write transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a second
 * process waits on the busy timeout instead of failing half-way when a read turns into a write.
 */
import { sql, type Kysely } from 'kysely';
import { DatabaseBusyError } from '../errors.js';
import type { Database } from './schema.js';

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export async function writeTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    try {
      await sql`begin immediate`.execute(connection);
    } catch (error) {
      if (isBusy(error)) {
        throw new DatabaseBusyError('the database is locked by another losstally process; try again when it has finished', { cause: error });
      }
      throw error;
    }
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      // SQLite may already have rolled back (a full disk, say); the first error is the one to report.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
