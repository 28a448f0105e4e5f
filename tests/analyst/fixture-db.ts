/**
 * A real migrated database filled from the mod.gov.ua fixtures (2026-07-27 … 2026-07-30, with
 * their real defects and findings) through a local mirror, the way `losstally ingest` fills it;
 * on request also a dataset of totals without deltas, imported the way `losstally import` does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPath } from '../../src/ingest/import.js';
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

/**
 * A long CSV of totals only (no delta column), written by hand for these tests: invented values
 * for personnel, tanks and armoured fighting vehicles that end the day before the mod.gov.ua
 * fixtures start and lead into their totals (the mod deltas of 2026-07-27 are 1590, 8 and 13).
 * Quarterly days from 2025-01-15 (so that the range presets all, 1 year and 90 days differ), then
 * every day from 2026-07-13: deltas can be derived from 2026-07-14 on, never across the gaps.
 * The afv total falls by 3 on 2026-07-20 (a total_decreased finding and a negative derived delta).
 * The file name is long on purpose: it is the source's title, and must not break the page.
 */
export const TOTALS_DATASET_FILE = 'totals-of-the-general-staff-reports-imported-without-daily-deltas.csv';
export const TOTALS_DATASET_SOURCE = `long-csv:${TOTALS_DATASET_FILE}`;
const TOTALS_DATASET: readonly (readonly [date: string, personnel: number, tanks: number, afv: number])[] = [
  ['2025-01-15', 810000, 9700, 20200],
  ['2025-04-15', 930000, 10300, 21300],
  ['2025-07-15', 1040000, 10950, 22600],
  ['2025-10-15', 1130000, 11250, 23300],
  ['2026-01-15', 1230000, 11550, 23900],
  ['2026-04-15', 1330000, 11850, 24400],
  ['2026-07-13', 1421980, 12148, 24884],
  ['2026-07-14', 1423190, 12153, 24896],
  ['2026-07-15', 1424530, 12160, 24911],
  ['2026-07-16', 1425710, 12163, 24920],
  ['2026-07-17', 1427130, 12172, 24920],
  ['2026-07-18', 1428390, 12176, 24934],
  ['2026-07-19', 1429780, 12182, 24945],
  ['2026-07-20', 1430930, 12184, 24942],
  ['2026-07-21', 1432410, 12192, 24960],
  ['2026-07-22', 1433710, 12197, 24970],
  ['2026-07-23', 1434980, 12200, 24983],
  ['2026-07-24', 1436340, 12207, 24991],
  ['2026-07-25', 1437580, 12211, 25007],
  ['2026-07-26', 1438990, 12217, 25019],
];

export interface FixtureOptions {
  /** Also import TOTALS_DATASET_FILE as a source of its own (kind dataset). */
  readonly totalsDataset?: boolean;
}

export async function createModFixtureDb(options: FixtureOptions = {}): Promise<FixtureDb> {
  const fixture = (day: number) => readFileSync(new URL(`../fixtures/mod/2026-07-${day}.html`, import.meta.url));
  const db = await createTestDb();
  const mirror = await startServer(
    Object.fromEntries([27, 28, 29, 30].map((day) => [`/news/boiovi-vtraty-voroha-na-${day}-lypnia-2026-roku`, { body: fixture(day) }])),
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
  if (options.totalsDataset) {
    const csv = ['date,category,total', ...TOTALS_DATASET.flatMap(([date, ...totals]) => ['personnel', 'tanks', 'afv'].map((key, i) => `${date},${key},${totals[i]}`))];
    const file = join(db.dir, TOTALS_DATASET_FILE);
    writeFileSync(file, `${csv.join('\n')}\n`);
    await importPath(db.kysely, { path: file, now: '2026-07-31T06:00:00.000Z' });
  }
  return { ...db, path: join(db.dir, 'test.db'), mirrorUrl: mirror.url };
}
