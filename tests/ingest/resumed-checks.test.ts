/**
 * A check from a date on reads only the weeks before it (and the last totals and deltas of
 * older reports): for every date it must find exactly what a check fed the whole series finds,
 * on a series with every irregularity the checks know (gaps, categories missing for months and
 * coming back, lines that state only a delta, revisions, typos, outliers), and on the real
 * series of the russia-losses dataset. Where the weeks before do not settle a category, it must
 * fall back to the whole series rather than guess.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates.js';
import { insertReport, type StoredFigure } from '../../src/db/reports.js';
import { importPath } from '../../src/ingest/import.js';
import { resumedSeriesFindings, sourceFindings } from '../../src/ingest/recheck.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { DATASETS, reportSkipped, sharedAvailable } from '../helpers/shared.js';

/** A small deterministic generator (mulberry32), so the series is the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_DAY = '2025-01-01';
const DAYS = 400;
// Totals of the General Staff's report of 1 January 2025; the series moves on from them.
const START: readonly (readonly [string, number])[] = [
  ['personnel', 790_800],
  ['tanks', 9_662],
  ['artillery', 21_423],
  ['mlrs', 1_257],
  ['ships', 28],
  ['submarines', 1],
];

interface Day {
  readonly date: string;
  readonly revisions: readonly (readonly StoredFigure[])[];
}

/**
 * 400 days of one source with: days without a report (single and week-long), ships missing for
 * 90 days and coming back lower, the MLRS line stating only a delta for 60 days in a row and then
 * a total that does not add up, a submarine line without delta, typos in totals, outliers, a
 * category that appears on day 200, and second revisions of some days.
 */
function irregularSeries(): Day[] {
  const random = generator(20_250_101);
  const totals = new Map(START);
  const days: Day[] = [];
  for (let i = 0; i < DAYS; i++) {
    const date = addDays(FIRST_DAY, i);
    const figures: StoredFigure[] = [];
    for (const [category] of START) {
      const typical = category === 'personnel' ? 1200 : category === 'ships' || category === 'submarines' ? 0 : 8;
      let delta = Math.round(random() * typical * 2);
      if (random() < 0.01) delta *= 40; // an outlier
      const total = (totals.get(category) ?? 0) + delta;
      totals.set(category, total);
      if (category === 'ships' && i >= 150 && i < 240) continue;
      // Typos: ships back lower, the MLRS total after its deltas-only weeks off by 7, and at random.
      const stated = category === 'ships' && i === 240 ? total - 2 : category === 'mlrs' && i === 320 ? total + 7 : random() < 0.02 ? total + 10 : total;
      if (category === 'mlrs' && i >= 260 && i < 320) figures.push({ category, total: null, delta, qualifier: null, label: category });
      else if (category === 'submarines') figures.push({ category, total: stated, delta: null, qualifier: null, label: category });
      else figures.push({ category, total: stated, delta, qualifier: null, label: category });
    }
    if (i >= 200) figures.push({ category: 'cruise_missiles', total: 3_000 + i, delta: 1, qualifier: null, label: 'крилаті ракети' });
    if (random() < 0.03) figures.push({ category: null, total: 5, delta: 1, qualifier: null, label: 'ракетні катери' });
    // No day is missing while MLRS states only deltas: its chain stays intact through them.
    const missing = (i >= 100 && i < 107) || (random() < 0.03 && (i < 255 || i > 325));
    if (missing) continue;
    const revised = random() < 0.05 ? [figures.map((f) => (f.category === 'tanks' && f.total !== null ? { ...f, total: f.total + 1 } : f))] : [];
    days.push({ date, revisions: [figures, ...revised] });
  }
  return days;
}

async function store(db: TestDb, days: readonly Day[]): Promise<void> {
  for (const day of days) {
    for (const [index, figures] of day.revisions.entries()) {
      await insertReport(db.kysely, {
        source: 'mod',
        reportDate: day.date,
        revision: index + 1,
        url: null,
        documentSha256: null,
        fetchId: null,
        language: 'uk',
        parserVersion: '1',
        storedAt: '2026-01-01T09:00:00.000Z',
        figures,
      });
    }
  }
}

describe('a check resumed at a date', () => {
  let db: TestDb;
  const days = irregularSeries();

  beforeAll(async () => {
    db = await createTestDb();
    await store(db, days);
  });

  afterAll(async () => {
    await db.dispose();
  });

  it('finds for every date, to the end and for the day alone, what a check of the whole series finds', async () => {
    let resumed = 0;
    for (let i = 1; i < DAYS; i++) {
      const from = addDays(FIRST_DAY, i);
      for (const to of [undefined, from]) {
        const range = to ? { from, to } : { from };
        const whole = await sourceFindings(db.kysely, 'mod', range, 'whole series');
        expect(await sourceFindings(db.kysely, 'mod', range)).toEqual(whole);
        if (await resumedSeriesFindings(db.kysely, 'mod', range)) resumed++;
      }
    }
    // The whole series is read only where the weeks before do not settle the state: the first
    // 40 days, and while the MLRS line states only deltas.
    expect(resumed).toBeGreaterThan(2 * 300);
  }, 120_000);

  it('reads the whole series when a category stated only by deltas through all the weeks before leaves its chain unknown', async () => {
    // The MLRS line states only deltas from day 260 to 319: on day 305 the 40 days before hold no total.
    expect(await resumedSeriesFindings(db.kysely, 'mod', { from: addDays(FIRST_DAY, 305) })).toBeNull();
    expect(await resumedSeriesFindings(db.kysely, 'mod', { from: addDays(FIRST_DAY, 340) })).not.toBeNull();
    // What the deltas-only weeks hide from a resumed check: the total after them does not add up.
    const day = addDays(FIRST_DAY, 320);
    const mismatch = (await sourceFindings(db.kysely, 'mod', { from: day, to: day })).find((f) => f.category === 'mlrs');
    expect([mismatch?.kind, mismatch?.actual !== null && mismatch?.expected !== null ? (mismatch?.actual ?? 0) - (mismatch?.expected ?? 0) : null]).toEqual(['delta_mismatch', 7]);
  });

  it('finds ships lower than 90 days before when they come back, from the total kept of older reports', async () => {
    const from = addDays(FIRST_DAY, 240);
    const found = await resumedSeriesFindings(db.kysely, 'mod', { from, to: from });
    expect(found?.filter((f) => f.category === 'ships').map((f) => f.kind)).toEqual(['total_decreased']);
  });
});

const available = sharedAvailable();
if (!available) reportSkipped('the resumed check on the real russia-losses series');

describe.runIf(available)('a check resumed at a date, on the real russia-losses series', () => {
  let db: TestDb;
  let source = '';
  let dates: string[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    const imported = await importPath(db.kysely, { path: `${DATASETS}russia-losses/data.json`, now: '2026-11-25T10:00:00.000Z' });
    source = imported.source;
    dates = (db.sqlite.prepare(`select report_date from reports where source = ? order by report_date`).all(source) as { report_date: string }[]).map((r) => r.report_date);
  }, 60_000);

  afterAll(async () => {
    await db.dispose();
  });

  it('finds on every 15th date what a check of the whole series finds, resuming on each', async () => {
    expect(dates.length).toBe(1527);
    for (let i = 41; i < dates.length; i += 15) {
      const from = dates[i] as string;
      const range = { from, to: from };
      expect(await resumedSeriesFindings(db.kysely, source, range)).not.toBeNull();
      expect(await sourceFindings(db.kysely, source, range)).toEqual(await sourceFindings(db.kysely, source, range, 'whole series'));
    }
  }, 120_000);
});
