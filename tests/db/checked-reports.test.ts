/**
 * checkedReports reads a source's reports a page of rows at a time: a report split by a page's
 * end, or larger than a page, still comes out whole and once, in date order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedReports, insertReport } from '../../src/db/reports.js';
import type { CheckedReport } from '../../src/checks/series-checks.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;

// The figures of the mod.gov.ua fixture pages of 27 to 30 July 2026 (tanks, afv, artillery), and on
// the 29th a line no category takes.
const DAYS = [
  { date: '2026-07-27', figures: [['tanks', 12225, 8], ['afv', 25032, 13], ['artillery', 46831, 37]] },
  { date: '2026-07-28', figures: [['tanks', 12262, 1], ['afv', 25038, 6], ['artillery', 46902, 71]] },
  { date: '2026-07-29', figures: [['tanks', 12227, 1], ['afv', 25044, 6], ['artillery', 46962, 60], [null, 3, 1]] },
  { date: '2026-07-30', figures: [['tanks', 12230, 3], ['afv', 25049, 5], ['artillery', 47003, 41]] },
] as const;

beforeAll(async () => {
  db = await createTestDb();
  for (const day of DAYS) {
    await insertReport(db.kysely, {
      source: 'mod',
      reportDate: day.date,
      revision: 1,
      url: null,
      documentSha256: null,
      fetchId: null,
      language: 'uk',
      parserVersion: '1',
      storedAt: '2026-07-30T09:00:00.000Z',
      figures: day.figures.map(([category, total, delta]) => ({ category, total, delta, qualifier: null, label: category ?? 'ракетні катери' })),
    });
  }
});

afterAll(async () => {
  await db.dispose();
});

async function read(pageRows: number, window = {}): Promise<CheckedReport[]> {
  const reports: CheckedReport[] = [];
  for await (const report of checkedReports(db.kysely, 'mod', window, pageRows)) reports.push(report);
  return reports;
}

describe('checkedReports', () => {
  it('reads every report whole and once whatever the page size, a page ending inside a report or smaller than one', async () => {
    const whole = await read(4096);
    expect(whole.map((r) => [r.date, r.figures.length, r.unmapped.length])).toEqual([
      ['2026-07-27', 3, 0],
      ['2026-07-28', 3, 0],
      ['2026-07-29', 3, 1],
      ['2026-07-30', 3, 0],
    ]);
    expect(whole[2]).toEqual({
      date: '2026-07-29',
      figures: [
        { category: 'tanks', total: 12227, delta: 1 },
        { category: 'afv', total: 25044, delta: 6 },
        { category: 'artillery', total: 46962, delta: 60 },
      ],
      unmapped: [{ label: 'ракетні катери', total: 3, delta: 1 }],
    });
    for (const pageRows of [1, 2, 3, 4, 5, 7, 13]) expect(await read(pageRows), `page of ${pageRows}`).toEqual(whole);
  });

  it('keeps to the window', async () => {
    expect((await read(2, { from: '2026-07-28', to: '2026-07-29' })).map((r) => r.date)).toEqual(['2026-07-28', '2026-07-29']);
    expect(await read(2, { from: '2026-08-01' })).toEqual([]);
  });
});
