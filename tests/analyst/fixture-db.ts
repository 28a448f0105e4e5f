/**
 * A real migrated database filled from the mod.gov.ua fixtures (2026-07-27 … 2026-07-30, with
 * their real defects and findings) through a local mirror, the way `losstally ingest` fills it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestReport } from '../../src/ingest/ingest.js';
import { modSource } from '../../src/sources/registry.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { createTestFetcher } from '../helpers/fetcher.js';
import { startServer } from '../helpers/server.js';

export const FIXTURE_DATES = ['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30'] as const;

export interface FixtureDb extends TestDb {
  /** The database file, for a read-only connection of its own. */
  readonly path: string;
  /** The mirror's base URL the reports were fetched from (the reports' URLs start with it). */
  readonly mirrorUrl: string;
}

export async function createModFixtureDb(): Promise<FixtureDb> {
  const fixture = (day: number) => readFileSync(new URL(`../fixtures/mod/2026-07-${day}.html`, import.meta.url));
  const db = await createTestDb();
  const mirror = await startServer(
    Object.fromEntries([27, 28, 29, 30].map((day) => [`/news/bojovi-vtrati-voroga-na-${day}-lipnya-2026-roku`, { body: fixture(day) }])),
  );
  const http = createTestFetcher();
  try {
    for (const date of FIXTURE_DATES) {
      const result = await ingestReport(
        { db: db.kysely, fetcher: http.fetcher, now: () => new Date('2026-07-31T06:00:00Z') },
        { source: modSource, date, baseUrl: new URL(mirror.url) },
      );
      if (result.outcome !== 'stored') throw new Error(`fixture ${date} was not stored: ${result.outcome}`);
    }
  } finally {
    await http.close();
    await mirror.close();
  }
  return { ...db, path: join(db.dir, 'test.db'), mirrorUrl: mirror.url };
}
