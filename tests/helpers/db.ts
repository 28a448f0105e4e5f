/** A real SQLite database, migrated by the same code users run, in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LossTallyDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDb extends LossTallyDb {
  readonly dir: string;
  /** Closes the database and removes its folder. */
  dispose(): Promise<void>;
}

export function tempDir(prefix = 'losstally-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function createTestDb(): Promise<TestDb> {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'test.db'));
  await migrateToLatest(db.kysely);
  return {
    ...db,
    dir,
    async dispose() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of the tables a report writes, to assert that nothing new was stored. */
export function tableCounts(db: LossTallyDb): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of ['reports', 'figures', 'findings', 'documents', 'fetches']) {
    counts[table] = (db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  }
  return counts;
}
