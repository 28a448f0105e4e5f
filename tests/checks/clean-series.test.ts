/**
 * The clean series on real figures with real defects: each rule of evidence, and the days that
 * must stay as stated.
 */
import { describe, expect, it } from 'vitest';
import { cleanSeries, type CleanRow, type SeriesPick, type SourceFigure } from '../../src/checks/clean-series.js';

type Day = [date: string, total: number | null, delta: number | null];

/** A source's figures of one category. */
function chain(source: string, category: string, days: readonly Day[]): SourceFigure[] {
  return days.map(([date, total, delta]) => ({ source, date, category, total, delta }));
}

/** `series` takes the first source's figure of each day that has one with a total, else the first. */
function picks(...chains: SourceFigure[][]): SeriesPick[] {
  const byDay = new Map<string, SeriesPick>();
  for (const figures of chains) {
    for (const f of figures) {
      const key = `${f.date}|${f.category}`;
      const held = byDay.get(key);
      if (!held || (held.total === null && f.total !== null)) byDay.set(key, { date: f.date, category: f.category, source: f.source, total: f.total, delta: f.delta });
    }
  }
  return [...byDay.values()];
}

const brief = (rows: readonly CleanRow[]) => rows.map((r) => [r.date, r.value, r.stated, r.status]);

describe('cleanSeries', () => {
  // mod.gov.ua tanks, 27-30 July 2026: 12 226 printed as 12 262 on the 28th.
  const mod = chain('mod', 'tanks', [
    ['2026-07-27', 12225, 8],
    ['2026-07-28', 12262, 1],
    ['2026-07-29', 12227, 1],
    ['2026-07-30', 12230, 3],
  ]);

  it('repairs a transposed total that the day before, its delta and the next day agree on', () => {
    const rows = cleanSeries(picks(mod), mod);
    expect(brief(rows)).toEqual([
      ['2026-07-27', 12225, 12225, 'stated'],
      ['2026-07-28', 12226, 12262, 'repaired'],
      ['2026-07-29', 12227, 12227, 'stated'],
      ['2026-07-30', 12230, 12230, 'stated'],
    ]);
    expect(rows[1]).toMatchObject({
      reason: 'a total typo: mod printed 12262; the last good total and the stated deltas give 12226, and the next days follow from it',
      evidence: 'mod 2026-07-27: total 12225, and the deltas of 2026-07-28 give 12226; mod 2026-07-29: total 12227 is reached from it by the stated deltas',
    });
  });

  it('names another source that states the repaired value', () => {
    const dataset = chain('petroivaniuk:x', 'tanks', [['2026-07-28', 12226, null]]);
    const rows = cleanSeries(picks(mod, dataset), [...mod, ...dataset]);
    expect(rows[1]?.evidence).toBe(
      'mod 2026-07-27: total 12225, and the deltas of 2026-07-28 give 12226; mod 2026-07-29: total 12227 is reached from it by the stated deltas; cross-checked: petroivaniuk:x states 12226 on 2026-07-28',
    );
  });

  it('repairs a stale copy of the day before (mil.gov.ua artillery, 3 June 2022)', () => {
    const milgov = chain('milgov', 'artillery', [
      ['2022-06-02', 661, 12],
      ['2022-06-03', 661, 14],
      ['2022-06-04', 686, 11],
    ]);
    const rows = cleanSeries(picks(milgov), milgov);
    expect(brief(rows)).toEqual([
      ['2022-06-02', 661, 661, 'stated'],
      ['2022-06-03', 675, 661, 'repaired'],
      ['2022-06-04', 686, 686, 'stated'],
    ]);
    expect(rows[1]?.reason).toBe('a stale copy of the day before: milgov printed 661; the last good total and the stated deltas give 675, and the next days follow from it');
  });

  it('repairs a run of wrong totals that the stated deltas bridge', () => {
    const kmu = chain('kmu', 'personnel', [
      ['2023-11-11', 310950, 800],
      ['2023-11-12', 311570, 800],
      ['2023-11-13', 311510, 800],
      ['2023-11-14', 313550, 1000],
    ]);
    expect(brief(cleanSeries(picks(kmu), kmu))).toEqual([
      ['2023-11-11', 310950, 310950, 'stated'],
      ['2023-11-12', 311750, 311570, 'repaired'],
      ['2023-11-13', 312550, 311510, 'repaired'],
      ['2023-11-14', 313550, 313550, 'stated'],
    ]);
  });

  it('takes a level that every later day carries for an official correction, not a typo', () => {
    const corrected = chain('mod', 'uav', [
      ['2026-03-01', 100000, 500],
      ['2026-03-02', 102000, 600],
      ['2026-03-03', 102700, 700],
    ]);
    const rows = cleanSeries(picks(corrected), corrected);
    expect(brief(rows)).toEqual([
      ['2026-03-01', 100000, 100000, 'stated'],
      ['2026-03-02', 102000, 102000, 'stated'],
      ['2026-03-03', 102700, 102700, 'stated'],
    ]);
    expect(rows[1]?.reason).toBe('an official correction: the total moves by +1400 against the day before and its delta, and the next day carries the new level');
  });

  it('names a delta typo where the totals agree with each other and with another source', () => {
    const official = chain('mod', 'mlrs', [
      ['2025-02-08', 1273, 2],
      ['2025-02-09', 1273, 5],
      ['2025-02-10', 1275, 2],
    ]);
    const dataset = chain('kaggle-csv:x', 'mlrs', [['2025-02-09', 1273, null]]);
    const rows = cleanSeries(picks(official, dataset), [...official, ...dataset]);
    expect(rows[1]).toMatchObject({ value: 1273, status: 'stated', reason: 'the delta is a typo: mod printed +5, the totals give +0' });
  });

  // A dataset's tanks (no deltas), with the typo 655 for 6555 on 26 February 2024.
  const petro = chain('petroivaniuk:old', 'tanks', [
    ['2024-02-24', 6536, null],
    ['2024-02-25', 6544, null],
    ['2024-02-26', 655, null],
    ['2024-02-27', 6568, null],
    ['2024-02-28', 6580, null],
  ]);

  it('repairs a dataset total out of order between its neighbours with another source that fits (tanks 655 for 6555)', () => {
    const roman = chain('kaggle-csv:roman', 'tanks', [['2024-02-26', 6555, null]]);
    const rows = cleanSeries(picks(petro, roman), [...petro, ...roman]);
    expect(brief(rows)).toEqual([
      ['2024-02-24', 6536, 6536, 'stated'],
      ['2024-02-25', 6544, 6544, 'stated'],
      ['2024-02-26', 6555, 655, 'repaired'],
      ['2024-02-27', 6568, 6568, 'stated'],
      ['2024-02-28', 6580, 6580, 'stated'],
    ]);
    expect(rows[2]?.reason).toBe('a total typo: petroivaniuk:old printed 655, out of order between 6544 on 2024-02-25 and 6568 on 2024-02-27; kaggle-csv:roman states 6555, which fits');
  });

  it('keeps a total out of order that nothing settles, and says it is disputed', () => {
    expect(cleanSeries(picks(petro), petro)[2]).toMatchObject({
      value: 655,
      status: 'disputed',
      reason: 'out of order between 6544 on 2024-02-25 and 6568 on 2024-02-27, and no other source states a total that fits',
    });
  });

  it('infers the total of a line that states only its delta when both neighbours give it', () => {
    const vehicles = chain('mod', 'vehicles_fuel', [
      ['2026-07-28', 126850, 548],
      ['2026-07-29', null, 331],
      ['2026-07-30', 127621, 440],
    ]);
    expect(cleanSeries(picks(vehicles), vehicles)[1]).toMatchObject({
      value: 127181,
      stated: null,
      status: 'inferred',
      reason: "the line states only the delta +331: the day before's total plus it, and the next day's total less its delta, both give 127181",
    });
  });

  it('infers a day no source reports from the next day, between its neighbours', () => {
    const api = chain('russianwarship', 'tanks', [
      ['2022-02-25', 80, null],
      ['2022-02-27', 146, 46],
    ]);
    expect(brief(cleanSeries(picks(api), api))).toEqual([
      ['2022-02-25', 80, 80, 'stated'],
      ['2022-02-26', 100, null, 'inferred'],
      ['2022-02-27', 146, 146, 'stated'],
    ]);
  });

  it('keeps a total that does not follow and that nothing settles, disputed', () => {
    const odd = chain('mod', 'ships', [
      ['2026-07-27', 34, 0],
      ['2026-07-28', 36, 0],
    ]);
    expect(cleanSeries(picks(odd), odd)[1]).toMatchObject({
      value: 36,
      status: 'disputed',
      reason: 'does not follow from the day before (34 +0 = 34), and neither the next day nor another source settles it',
    });
  });
});
