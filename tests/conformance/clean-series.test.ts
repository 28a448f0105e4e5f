/**
 * The clean series measured on real typos, read in place from ../shared: older versions of the
 * public datasets with typos later fixed by hand, and official pages of the corpus with the
 * official site's own typos. Each comes out `repaired` to the value the later fix (or the
 * reference) has; the newest versions of the datasets, imported together, repair nothing to a
 * value the reference does not have.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importPath } from '../../src/ingest/import.js';
import { storeReports } from '../../src/ingest/store.js';
import { SOURCES } from '../../src/sources/registry.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { corpusAvailable, DATASETS, listCorpus, readCorpusFile, readReferenceTotals, reportSkippedWithout } from '../helpers/shared.js';

const available = corpusAvailable();
const NOW = '2026-11-27T10:00:00.000Z';
const PETRO = `${DATASETS}2022-Ukraine-Russia-War-Dataset/`;
const ROMAN = `${DATASETS}russian-Losses-in-Ukraine/`;
const ANDREW = `${DATASETS}russia-losses/`;
const JJ = `${DATASETS}raku-ukr-mod-data/`;
/**
 * The minfin-derived CSV's own typos in its newest version (vehicles 5655 for 5692 on 2023-04-19,
 * 15175 for 25175 on 2024-09-24, …): typos the reference does not have, repaired to its value.
 */
const REPAIRS_OF_THE_NEWEST = 14;

let db: TestDb;
afterEach(async () => db?.dispose());

interface CleanRow {
  date: string;
  category: string;
  value: number | null;
  stated: number | null;
  status: string;
  source: string;
}

function cleanOf(date: string, category: string): CleanRow | undefined {
  return db.sqlite.prepare(`select date, category, value, stated, status, source from series_clean where date = ? and category = ?`).get(date, category) as CleanRow | undefined;
}

/** Imports `typo` and `other`, the one with the typo preferred, as an analyst who chose that order would. */
async function importPreferring(typo: string, typoSource: string, other: string): Promise<void> {
  db = await createTestDb();
  const sourcePriority = [typoSource, 'official', 'api', 'aggregator', 'dataset', 'text'];
  await importPath(db.kysely, { path: typo, now: NOW, sourcePriority });
  await importPath(db.kysely, { path: other, now: NOW, sourcePriority });
}

describe.skipIf(!available)('the clean series on real typos', () => {
  beforeAll(() => {
    if (!available) reportSkippedWithout('the clean series on real typos', '../shared/datasets and ../shared/corpus');
  });

  it('repairs tanks 655 for 6555 on 2024-02-26 in an older version of the PetroIvaniuk dataset', async () => {
    const old = `${PETRO}older/russia_losses_equipment.v2024-02-26_5d4d11e4.json`;
    await importPreferring(old, 'petroivaniuk:russia_losses_equipment.v2024-02-26_5d4d11e4.json', ROMAN);
    expect(cleanOf('2024-02-26', 'tanks')).toEqual({ date: '2024-02-26', category: 'tanks', value: 6555, stated: 655, status: 'repaired', source: 'petroivaniuk:russia_losses_equipment.v2024-02-26_5d4d11e4.json' });
  }, 60_000);

  it('repairs personnel 756000 for 576000 on 2024-07-29 and 981660 for 891660 on 2025-03-14 in older versions of the minfin-derived CSV', async () => {
    await importPreferring(`${ROMAN}older/russia_losses.v2024-08-03_08cae397.csv`, 'kaggle-csv:russia_losses.v2024-08-03_08cae397.csv', PETRO);
    expect(cleanOf('2024-07-29', 'personnel')).toMatchObject({ value: 576000, stated: 756000, status: 'repaired' });
    await db.dispose();
    await importPreferring(`${ROMAN}older/russia_losses.v2025-03-15_fc34c50c.csv`, 'kaggle-csv:russia_losses.v2025-03-15_fc34c50c.csv', PETRO);
    expect(cleanOf('2025-03-14', 'personnel')).toMatchObject({ value: 891660, stated: 981660, status: 'repaired' });
  }, 60_000);

  it('repairs the official typos of the saved pages to the reference (kmu 2023-10-23 and 2023-11-13, mil.gov.ua 2022-06-03), cross-checked with a dataset', async () => {
    db = await createTestDb();
    // Every kmu.gov.ua and mil.gov.ua page of the corpus, stored as the official source it is.
    for (const set of ['kmu-johngoldin', 'milgov-jj']) {
      const reports = listCorpus()
        .filter((path) => path.startsWith(`${set}/`) && path.endsWith('.html'))
        .flatMap((path) => {
          const source = set.startsWith('kmu') ? SOURCES.kmu : SOURCES.milgov;
          const outcome = source.parse(readCorpusFile(path), {});
          return outcome.status === 'reports' ? outcome.reports.map((report) => ({ report, path })) : [];
        });
      // A page saved twice under two names is one report.
      const byDate = new Map(reports.map((r) => [r.report.reportDate, r]));
      await storeReports(db.kysely, [...byDate.values()].map(({ report, path }) => ({ report, origin: path, document: null, fetch: null, now: NOW })));
    }
    // The corpus lacks the next day of some typos: the dataset, stating the right value, is the second fact.
    await importPath(db.kysely, { path: PETRO, now: NOW });
    const reference = readReferenceTotals();
    for (const [date, category, stated] of [
      ['2023-10-23', 'personnel', 294799],
      ['2023-11-13', 'personnel', 311550],
      ['2022-06-03', 'artillery', 661],
    ] as const) {
      expect(cleanOf(date, category)).toMatchObject({ stated, status: 'repaired', value: reference.get(`${date}|${category}`) });
    }
  }, 60_000);

  it('imports the newest versions of all four datasets together and repairs nothing to a value the reference does not have', async () => {
    db = await createTestDb();
    for (const path of [PETRO, ROMAN, ANDREW, JJ]) await importPath(db.kysely, { path, now: NOW });
    const reference = readReferenceTotals();
    const known = new Set(
      readFileSync(`${DATASETS}reference_known_issues.csv`, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').slice(0, 2).join('|')),
    );
    const changed = db.sqlite.prepare(`select date, category, value, stated, status, source from series_clean where status = 'repaired'`).all() as CleanRow[];
    // A repair is false when it makes a value the reference does not have, on a day it does not flag.
    const wrong = changed.filter((r) => r.value !== reference.get(`${r.date}|${r.category}`) && !known.has(`${r.date}|${r.category}`));
    const statuses = db.sqlite.prepare(`select status, count(*) as n from series_clean group by status order by status`).all();
    console.log(`clean series of the newest datasets: ${JSON.stringify(statuses)}; ${changed.length} repairs, each to the reference value but ${wrong.length}`);
    expect(wrong).toEqual([]);
    expect(changed.length).toBe(REPAIRS_OF_THE_NEWEST);
  }, 120_000);
});
