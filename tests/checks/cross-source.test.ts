import { describe, expect, it } from 'vitest';
import { checkSourceAgreement } from '../../src/checks/cross-source.js';

describe('checkSourceAgreement', () => {
  it('files a disagreement under the source that differs from the preferred one, naming both', () => {
    const totals = [
      { date: '2022-02-26', category: 'aircraft', source: 'petroivaniuk:2022-Ukraine-Russia-War-Dataset', priority: 60, total: 27 },
      { date: '2022-02-26', category: 'aircraft', source: 'kaggle-csv:russian-Losses-in-Ukraine', priority: 60, total: 16 },
      { date: '2022-02-26', category: 'tanks', source: 'petroivaniuk:2022-Ukraine-Russia-War-Dataset', priority: 60, total: 146 },
      { date: '2022-02-26', category: 'tanks', source: 'kaggle-csv:russian-Losses-in-Ukraine', priority: 60, total: 146 },
    ];
    expect(checkSourceAgreement(totals)).toEqual([
      {
        date: '2022-02-26',
        source: 'petroivaniuk:2022-Ukraine-Russia-War-Dataset',
        category: 'aircraft',
        kind: 'source_disagreement',
        severity: 'warning',
        expected: 16,
        actual: 27,
        detail: 'petroivaniuk:2022-Ukraine-Russia-War-Dataset says 27, kaggle-csv:russian-Losses-in-Ukraine says 16 (+11)',
      },
    ]);
  });

  it('compares every other source with the one of highest priority', () => {
    const totals = [
      { date: '2023-09-14', category: 'tanks', source: 'minfin', priority: 50, total: 4598 },
      { date: '2023-09-14', category: 'tanks', source: 'mod', priority: 10, total: 4599 },
      { date: '2023-09-14', category: 'tanks', source: 'kmu', priority: 30, total: 4599 },
      { date: '2023-09-14', category: 'tanks', source: 'russianwarship', priority: 40, total: 4590 },
    ];
    expect(checkSourceAgreement(totals).map((f) => [f.source, f.expected, f.actual, f.detail])).toEqual([
      ['russianwarship', 4599, 4590, 'russianwarship says 4590, mod says 4599 (-9)'],
      ['minfin', 4599, 4598, 'minfin says 4598, mod says 4599 (-1)'],
    ]);
  });

  it('finds nothing when only one source reports a day', () => {
    expect(checkSourceAgreement([{ date: '2026-07-27', category: 'tanks', source: 'mod', priority: 10, total: 12225 }])).toEqual([]);
  });
});
