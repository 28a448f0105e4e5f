import { describe, expect, it } from 'vitest';
import { checkSourceSeries, type CheckedReport } from '../../src/checks/series-checks.js';

function report(date: string, figures: Record<string, [number | null, number | null]>, unmapped: CheckedReport['unmapped'] = []): CheckedReport {
  return {
    date,
    figures: Object.entries(figures).map(([category, [total, delta]]) => ({ category, total, delta })),
    unmapped,
  };
}

describe('checkSourceSeries', () => {
  it('finds nothing in a consistent series', () => {
    const reports = [
      report('2023-09-19', { tanks: [4628, 5], submarines: [1, 0] }),
      report('2023-09-20', { tanks: [4635, 7], submarines: [1, 0] }),
    ];
    expect(checkSourceSeries('mod', reports)).toEqual([]);
  });

  it('reports a transposed total as two delta mismatches and a decrease', () => {
    const reports = [
      report('2026-07-27', { tanks: [12225, 8] }),
      report('2026-07-28', { tanks: [12262, 1] }),
      report('2026-07-29', { tanks: [12227, 1] }),
    ];
    expect(checkSourceSeries('mod', reports)).toEqual([
      {
        date: '2026-07-28',
        source: 'mod',
        category: 'tanks',
        kind: 'delta_mismatch',
        severity: 'error',
        expected: 12226,
        actual: 12262,
        detail: '12225 on 2026-07-27 plus the stated delta +1 gives 12226, the report says 12262 (+36)',
      },
      {
        date: '2026-07-29',
        source: 'mod',
        category: 'tanks',
        kind: 'delta_mismatch',
        severity: 'error',
        expected: 12263,
        actual: 12227,
        detail: '12262 on 2026-07-28 plus the stated delta +1 gives 12263, the report says 12227 (-36)',
      },
      {
        date: '2026-07-29',
        source: 'mod',
        category: 'tanks',
        kind: 'total_decreased',
        severity: 'warning',
        expected: 12262,
        actual: 12227,
        detail: 'the total fell from 12262 on 2026-07-28 to 12227 (-35)',
      },
    ]);
  });

  it('checks the day after a delta-only line against the last total plus both deltas', () => {
    const reports = [
      report('2026-07-28', { vehicles_fuel: [126850, 548] }),
      report('2026-07-29', { vehicles_fuel: [null, 331] }),
      report('2026-07-30', { vehicles_fuel: [127621, 440] }),
    ];
    expect(checkSourceSeries('mod', reports)).toEqual([
      {
        date: '2026-07-29',
        source: 'mod',
        category: 'vehicles_fuel',
        kind: 'total_missing',
        severity: 'warning',
        expected: null,
        actual: null,
        detail: 'the line states only the delta +331, no total',
      },
    ]);
  });

  it('names the delta-only day when the chained check fails', () => {
    const reports = [
      report('2022-07-30', { vehicles_fuel: [2900, 2] }),
      report('2022-07-31', { vehicles_fuel: [null, 2] }),
      report('2022-08-01', { vehicles_fuel: [2910, 5] }),
    ];
    expect(checkSourceSeries('milgov', reports).filter((f) => f.kind === 'delta_mismatch')).toEqual([
      {
        date: '2022-08-01',
        source: 'milgov',
        category: 'vehicles_fuel',
        kind: 'delta_mismatch',
        severity: 'error',
        expected: 2907,
        actual: 2910,
        detail: '2900 on 2022-07-30 plus +2 stated without totals on 2022-07-31 plus the stated delta +5 gives 2907, the report says 2910 (+3)',
      },
    ]);
  });

  it('reports a current category that disappears, but not a retired one', () => {
    const reports = [
      report('2022-04-30', { tanks: [1008, 22], fuel_tanks: [76, 0], special_equipment: [32, 1] }),
      report('2022-05-01', { tanks: [1026, 18] }),
    ];
    expect(checkSourceSeries('milgov', reports)).toEqual([
      {
        date: '2022-05-01',
        source: 'milgov',
        category: 'special_equipment',
        kind: 'category_missing',
        severity: 'error',
        expected: null,
        actual: null,
        detail: 'listed on 2022-04-30, missing from this report',
      },
    ]);
  });

  it('reports a first appearance as category_new and does not check its delta against nothing', () => {
    const reports = [report('2023-09-13', { ships: [19, 0] }), report('2023-09-14', { ships: [20, 1], submarines: [1, 1] })];
    expect(checkSourceSeries('kmu', reports)).toEqual([
      {
        date: '2023-09-14',
        source: 'kmu',
        category: 'submarines',
        kind: 'category_new',
        severity: 'info',
        expected: null,
        actual: 1,
        detail: 'first appearance in kmu',
      },
    ]);
  });

  it('does not call a category new when it comes back after a missing day', () => {
    const reports = [
      report('2026-07-29', { tanks: [12227, 1], special_equipment: [4478, 2] }),
      report('2026-07-30', { tanks: [12230, 3] }),
      report('2026-07-31', { tanks: [12233, 3], special_equipment: [4482, 2] }),
    ];
    expect(checkSourceSeries('mod', reports).map((f) => `${f.date} ${f.category} ${f.kind}`)).toEqual(['2026-07-30 special_equipment category_missing']);
  });

  it('reports a gap and checks only the direction of totals across it', () => {
    const reports = [report('2022-04-30', { tanks: [1008, 22] }), report('2022-05-10', { tanks: [1170, 25] })];
    expect(checkSourceSeries('milgov', reports)).toEqual([
      {
        date: '2022-05-10',
        source: 'milgov',
        category: null,
        kind: 'gap',
        severity: 'info',
        expected: null,
        actual: 9,
        detail: 'no report from milgov for the 9 day(s) after 2022-04-30; checks compare with 2022-04-30',
      },
    ]);
  });

  it('treats an omitted delta with an unchanged total as an omitted zero', () => {
    const reports = [report('2026-07-27', { aircraft: [439, null] }), report('2026-07-28', { aircraft: [439, null] })];
    expect(checkSourceSeries('mod', reports)).toEqual([]);
  });

  it('does not call a delta missing when the total moved across a gap', () => {
    const reports = [report('2023-03-01', { tanks: [3490, 2], afv: [6800, 3] }), report('2023-03-03', { tanks: [3500, null], afv: [6810, 4] })];
    expect(checkSourceSeries('minfin', reports).map((f) => f.kind)).toEqual(['gap']);
  });

  it('says nothing of deltas in a report that states none at all', () => {
    const reports = [report('2022-04-11', { tanks: [725, null] }), report('2022-04-12', { tanks: [732, null] })];
    expect(checkSourceSeries('petroivaniuk', reports)).toEqual([]);
  });

  it('reports an omitted delta when the total moved', () => {
    const reports = [report('2022-04-11', { tanks: [725, 3], afv: [1942, 2] }), report('2022-04-12', { tanks: [732, null], afv: [1946, 4] })];
    expect(checkSourceSeries('milgov', reports)).toEqual([
      {
        date: '2022-04-12',
        source: 'milgov',
        category: 'tanks',
        kind: 'delta_missing',
        severity: 'warning',
        expected: 7,
        actual: null,
        detail: 'the total moved from 725 to 732 but the line states no delta',
      },
    ]);
  });

  it('reports a delta far above the recent median as an outlier', () => {
    const reports: CheckedReport[] = [];
    let total = 1000;
    const deltas = [2, 3, 1, 2, 4, 2, 3, 2, 40];
    deltas.forEach((delta, i) => {
      total += delta;
      reports.push(report(`2024-03-${String(i + 1).padStart(2, '0')}`, { cruise_missiles: [total, delta] }));
    });
    expect(checkSourceSeries('mod', reports)).toEqual([
      {
        date: '2024-03-09',
        source: 'mod',
        category: 'cruise_missiles',
        kind: 'outlier',
        severity: 'warning',
        expected: 2,
        actual: 40,
        detail: 'the delta +40 is more than 10× the median 2 of the previous 8 reports',
      },
    ]);
  });

  it('reports every unknown label as category_unknown with the label text', () => {
    const reports = [report('2026-07-27', { tanks: [12225, 8] }, [{ label: 'безпілотні катери', total: 12, delta: 1 }])];
    expect(checkSourceSeries('mod', reports)).toEqual([
      {
        date: '2026-07-27',
        source: 'mod',
        category: null,
        kind: 'category_unknown',
        severity: 'warning',
        expected: null,
        actual: 12,
        detail: 'unknown label "безпілотні катери" (total 12, delta +1)',
      },
    ]);
  });

  it('returns findings only from checkFrom on, using earlier reports as history', () => {
    const reports = [
      report('2026-07-27', { tanks: [12225, 8] }),
      report('2026-07-28', { tanks: [12262, 1] }),
      report('2026-07-29', { tanks: [12227, 1] }),
    ];
    expect(checkSourceSeries('mod', reports, { checkFrom: '2026-07-29' }).map((f) => `${f.date} ${f.kind}`)).toEqual([
      '2026-07-29 delta_mismatch',
      '2026-07-29 total_decreased',
    ]);
  });
});
