/**
 * Findings stored while reports arrive in any order equal the findings `check` computes from
 * scratch: a property tested on a deterministic random series with every kind of defect.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFindings } from '../../src/db/findings.js';
import { addDays } from '../../src/dates.js';
import { recomputeFindings } from '../../src/ingest/recheck.js';
import { storeReport } from '../../src/ingest/store.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, ParsedReport } from '../../src/report/types.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/** mulberry32: a small seeded generator, so every run tests the same series. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES: CategoryKey[] = ['personnel', 'tanks', 'aircraft', 'cruise_missiles', 'special_equipment'];

function defectiveSeries(rand: () => number, days: number): ParsedReport[] {
  const totals = new Map<CategoryKey, number>(CATEGORIES.map((c, i) => [c, 1000 * (i + 1)]));
  const reports: ParsedReport[] = [];
  for (let day = 0; day < days; day++) {
    const date = addDays('2026-03-01', day);
    if (rand() < 0.08) continue; // a gap
    const figures: Figure[] = [];
    for (const category of CATEGORIES) {
      const burst = rand() < 0.05 ? 60 : 0;
      const delta = Math.floor(rand() * 4) + burst;
      const total = (totals.get(category) ?? 0) + delta;
      totals.set(category, total);
      const roll = rand();
      if (roll < 0.04) continue; // a missing line
      const stated = roll < 0.08 ? total + 9 : roll < 0.1 ? total - 30 : total; // typos
      figures.push({
        category,
        total: roll > 0.1 && roll < 0.14 ? null : stated, // a delta with no total
        delta: roll > 0.9 && delta === 0 ? null : roll > 0.97 ? null : delta, // omitted deltas
        qualifier: null,
        label: category,
      });
    }
    reports.push({ source: 'mod', reportDate: date, language: 'uk', figures, warnings: [], unmapped: [] });
  }
  return reports;
}

function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

let db: TestDb;
beforeEach(async () => {
  db = await createTestDb();
});
afterEach(async () => {
  await db.dispose();
});

const key = (f: { date: string; source: string; category: string | null; kind: string; expected: number | null; actual: number | null; detail: string }) =>
  JSON.stringify([f.date, f.source, f.category, f.kind, f.expected, f.actual, f.detail]);

describe('findings stored on ingest', () => {
  it.each([1, 2, 3, 4])('equal a full recomputation whatever order the reports arrive in (seed %i)', async (seed) => {
    const rand = random(seed);
    const series = defectiveSeries(rand, 45);
    for (const report of shuffled(series, rand)) {
      await storeReport(db.kysely, { report, origin: null, document: null, fetch: null, now: '2026-05-01T00:00:00.000Z' });
    }
    const stored = (await listFindings(db.kysely)).map(key).sort();
    const recomputed = (await recomputeFindings(db.kysely)).map(key).sort();
    expect(stored).toEqual(recomputed);
    // The series has defects of every kind, so the comparison is not between two empty lists.
    expect(new Set(recomputed.map((k) => JSON.parse(k)[3])).size).toBeGreaterThanOrEqual(5);
  });
});
