/**
 * Lists of dates as long as any history: SQLite binds at most 32,766 parameters in a statement,
 * so a recheck of that many dates must bind them as one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates.js';
import { replaceFindings } from '../../src/db/findings.js';
import { loadSourceTotals } from '../../src/db/reports.js';
import { storeReports } from '../../src/ingest/store.js';
import { createTestDb, tableCounts, type TestDb } from '../helpers/db.js';

let db: TestDb;
const manyDates = Array.from({ length: 40_000 }, (_, i) => addDays('2022-02-25', i));

beforeAll(async () => {
  db = await createTestDb();
  const report = (date: string, total: number) => ({
    report: { source: 'mod', reportDate: date, language: 'uk' as const, figures: [{ category: 'tanks' as const, total, delta: null, qualifier: null, label: 'танки' }], warnings: [], unmapped: [] },
    origin: null,
    document: null,
    fetch: null,
    now: '2026-11-25T10:00:00.000Z',
  });
  await storeReports(db.kysely, [report('2022-02-25', 80), report('2022-02-26', 146)]);
});
afterAll(async () => {
  await db.dispose();
});

describe('date lists longer than SQLite binds parameters', () => {
  it('reads the totals of 40,000 dates', async () => {
    expect(await loadSourceTotals(db.kysely, { dates: manyDates })).toEqual([
      { date: '2022-02-25', category: 'tanks', source: 'mod', priority: 10, total: 80 },
      { date: '2022-02-26', category: 'tanks', source: 'mod', priority: 10, total: 146 },
    ]);
  });

  it('replaces the findings of 40,000 dates', async () => {
    const gap = { date: '2022-02-26', source: 'mod', category: 'tanks', kind: 'delta_mismatch' as const, severity: 'error' as const, expected: 1, actual: 2, detail: 'x' };
    await replaceFindings(db.kysely, { dates: manyDates }, [gap]);
    expect(tableCounts(db)['findings']).toBe(1);
    await replaceFindings(db.kysely, { dates: manyDates }, []);
    expect(tableCounts(db)['findings']).toBe(0);
  });
});
