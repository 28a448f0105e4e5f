import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../src/db/transaction.js';
import { DatabaseBusyError } from '../../src/errors.js';
import { createTestDb, tableCounts, type TestDb } from '../helpers/db.js';

let db: TestDb;
beforeEach(async () => {
  db = await createTestDb();
});
afterEach(async () => {
  await db.dispose();
});

describe('writeTransaction', () => {
  it('fails clearly when another process holds the write lock past the busy timeout', async () => {
    const other = new BetterSqlite3(join(db.dir, 'test.db'));
    other.exec('begin immediate');
    db.sqlite.pragma('busy_timeout = 50');
    const error = await writeTransaction(db.kysely, async () => 'never').catch((e: unknown) => e);
    other.exec('rollback');
    other.close();
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect((error as Error).message).toBe('the database is locked by another losstally process; try again when it has finished');
  });

  it('rolls back everything when the work fails, and reports the first error', async () => {
    const error = await writeTransaction(db.kysely, async (trx) => {
      await trx.insertInto('fetches').values({ source: 'mod', report_date: null, url: 'http://x/', fetched_at: 'now', http_status: null, outcome: 'network_error', bytes: null, sha256: null, duration_ms: null, error: null }).execute();
      throw new Error('disk full');
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('disk full');
    expect(tableCounts(db)['fetches']).toBe(0);
  });
});
