import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLongCsv } from '../../src/datasets/long-csv.js';
import type { ParseError } from '../../src/errors.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, ParsedReport } from '../../src/report/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/datasets/${name}`, import.meta.url), 'utf8');
}

function fig(category: CategoryKey, total: number | null, delta: number | null = null): Figure {
  return { category, total, delta, qualifier: null, label: category };
}

const SOURCE = 'long-csv:test';

function report(reportDate: string, figures: Figure[], unmapped: ParsedReport['unmapped'] = []): ParsedReport {
  return { source: SOURCE, reportDate, language: 'en', figures, warnings: [], unmapped };
}

function errorOf(read: () => unknown): { name: string; code: string; message: string } {
  try {
    read();
  } catch (error) {
    const e = error as ParseError;
    return { name: e.name, code: e.code, message: e.message };
  }
  throw new Error('expected an error, nothing was thrown');
}

describe('readLongCsv without a delta column (2022-04-30, 2022-05-01)', () => {
  it('reads one report per date with the registry keys as labels and no deltas', () => {
    expect(readLongCsv(fixture('long.csv'), SOURCE, 'long.csv')).toEqual({
      origins: expect.any(Map),
      reports: [
        report('2022-04-30', [
          fig('personnel', 23200),
          fig('tanks', 1008),
          fig('afv', 2445),
          fig('artillery', 436),
          fig('mlrs', 151),
          fig('air_defense', 77),
          fig('aircraft', 190),
          fig('helicopters', 155),
          fig('uav', 232),
          fig('ships', 8),
          fig('special_equipment', 32),
          fig('military_auto', 1701),
          fig('fuel_tanks', 76),
          fig('srbm', 4),
        ]),
        report('2022-05-01', [
          fig('personnel', 23500),
          fig('tanks', 1026),
          fig('afv', 2471),
          fig('artillery', 451),
          fig('mlrs', 151),
          fig('air_defense', 80),
          fig('aircraft', 192),
          fig('helicopters', 155),
          fig('uav', 245),
          fig('cruise_missiles', 84),
          fig('ships', 8),
          fig('vehicles_fuel', 1796),
          fig('special_equipment', 32),
        ]),
      ],
      rows: 27,
      warnings: [],
      notes: [],
    });
  });
});

describe('readLongCsv with a delta column (2025-02-08, 2025-02-09, CRLF line ends)', () => {
  it('reads totals and deltas', () => {
    const day = (date: string, rows: [CategoryKey, number, number][]) => report(date, rows.map(([c, t, d]) => fig(c, t, d)));
    expect(readLongCsv(fixture('long-delta.csv'), SOURCE, 'long-delta.csv')).toEqual({
      origins: expect.any(Map),
      reports: [
        day('2025-02-08', [
          ['personnel', 847860, 1210],
          ['tanks', 9981, 6],
          ['afv', 20777, 22],
          ['artillery', 22820, 35],
          ['mlrs', 1273, 2],
          ['air_defense', 1056, 0],
          ['aircraft', 369, 0],
          ['helicopters', 331, 0],
          ['uav', 24403, 102],
          ['cruise_missiles', 3054, 0],
          ['ships', 28, 0],
          ['submarines', 1, 0],
          ['vehicles_fuel', 36402, 95],
          ['special_equipment', 3738, 0],
        ]),
        day('2025-02-09', [
          ['personnel', 849320, 1460],
          ['tanks', 9992, 11],
          ['afv', 20797, 20],
          ['artillery', 22844, 24],
          ['mlrs', 1273, 0],
          ['air_defense', 1056, 0],
          ['aircraft', 370, 1],
          ['helicopters', 331, 0],
          ['uav', 24486, 83],
          ['cruise_missiles', 3054, 0],
          ['ships', 28, 0],
          ['submarines', 1, 0],
          ['vehicles_fuel', 36529, 127],
          ['special_equipment', 3739, 1],
        ]),
      ],
      rows: 28,
      warnings: [],
      notes: [],
    });
  });
});

describe('readLongCsv on a file with quirks (unknown categories, a duplicate, a delta without total, a blank line)', () => {
  it('keeps unknown categories as unknown labels, keeps the first of two different values, and names the lines', () => {
    expect(readLongCsv(fixture('long-quirks.csv'), SOURCE, 'long-quirks.csv')).toEqual({
      origins: expect.any(Map),
      reports: [
        report('2022-04-26', [], [{ label: 'pow', total: 489, delta: null, qualifier: null }]),
        report('2022-04-27', [fig('personnel', 22400)], [{ label: 'pow', total: 496, delta: null, qualifier: null }]),
        report('2022-04-28', [fig('personnel', 22800, 400)], [{ label: 'tank', total: 970, delta: null, qualifier: null }]),
        report('2024-02-26', [fig('tanks', 6555), fig('uav', null, 26)]),
      ],
      rows: 9,
      warnings: [
        {
          code: 'unknown_label',
          message: 'unknown category "pow" (first in long-quirks.csv line 3): not a registry key; 2 values kept as unknown labels',
          label: 'pow',
        },
        {
          code: 'unknown_label',
          message: 'unknown category "tank" (first in long-quirks.csv line 6): not a registry key; 1 value kept as unknown labels',
          label: 'tank',
        },
        {
          code: 'duplicate_category',
          message: '2024-02-26 tanks: 6555 in long-quirks.csv line 7, 655 in long-quirks.csv line 8; the first is kept',
          label: 'tanks',
          total: 655,
          delta: null,
        },
      ],
      notes: [],
    });
  });

  it('names the rows with deltas in a disagreement', () => {
    const text = 'date,category,total,delta\n2025-02-09,uav,24486,83\n2025-02-09,uav,24486,-1\n';
    expect(readLongCsv(text, SOURCE, 'd.csv').warnings).toEqual([
      {
        code: 'duplicate_category',
        message: '2025-02-09 uav: 24486 (+83) in d.csv line 2, 24486 (-1) in d.csv line 3; the first is kept',
        label: 'uav',
        total: 24486,
        delta: -1,
      },
    ]);
  });

  it('accepts the header in any case and with spaces, and a byte-order mark', () => {
    const text = '\ufeffDate, Category ,TOTAL\n2022-03-07,tanks,290\n';
    expect(readLongCsv(text, SOURCE).reports).toEqual([report('2022-03-07', [fig('tanks', 290)])]);
  });
});

describe('readLongCsv errors', () => {
  const cases: [string, string][] = [
    ['long-empty.csv', 'long-empty.csv is empty; a long CSV starts with a header naming the columns date, category, total and optionally delta, day, source, flags'],
    [
      'long-header.csv',
      'long-header.csv line 1: unknown column "value"; a long CSV has the columns date, category, total and optionally delta, day, source, flags',
    ],
    ['long-header-only.csv', 'long-header-only.csv holds a header but no data rows'],
    ['long-width.csv', 'long-width.csv line 3: 4 fields where the header has 3'],
    ['long-bad-date.csv', 'long-bad-date.csv line 3: "07/03/2022" is not a date (YYYY-MM-DD or d.mm.yyyy)'],
    ['long-empty-category.csv', 'long-empty-category.csv line 3: the category is empty'],
    ['long-bad-total.csv', 'long-bad-total.csv line 3: total "-999" is not a count'],
    ['long-bad-delta.csv', 'long-bad-delta.csv line 3: delta "12.5" is not a whole number'],
    ['long-no-values.csv', 'long-no-values.csv line 3: afv has neither a total nor a delta'],
    [
      'long-unclosed-quote.csv',
      'long-unclosed-quote.csv is not a readable CSV file: Quote Not Closed: the parsing is finished with an opening quote at line 3',
    ],
  ];

  it.each(cases)('%s is a ParseError with its one-line message', (name, message) => {
    expect(errorOf(() => readLongCsv(fixture(`bad/${name}`), SOURCE, name))).toEqual({ name: 'ParseError', code: 'LT_PARSE', message });
  });

  it('calls the file "the long CSV" when the caller gives no name', () => {
    expect(errorOf(() => readLongCsv(fixture('bad/long-bad-total.csv'), SOURCE)).message).toBe('the long CSV line 3: total "-999" is not a count');
  });

  it('counts lines after a blank line and a quoted multi-line cell correctly', () => {
    const text = 'date,category,total\n\n2022-03-07,"tanks",290\n2022-03-07,"a\nb",1\n2022-03-08,tanks,x\n';
    expect(errorOf(() => readLongCsv(text, SOURCE, 'm.csv')).message).toBe('m.csv line 6: total "x" is not a count');
  });
});

describe('readLongCsv on the long shape of losstally export (date,day,category,total,delta,source,flags)', () => {
  const EXPORTED = [
    '\ufeffdate,day,category,total,delta,source,flags',
    '2026-07-28,1616,tanks,12262,1,mod,"delta_mismatch,source_disagreement"',
    '2026-07-28,1616,vehicles_fuel,,331,mod,total_missing',
    "2026-07-29,1617,afv,5190,-25,'=cmd|calc,",
    '',
  ].join('\n');

  it('keeps total and delta, checks day against the date, and reads over source and flags', () => {
    expect(readLongCsv(EXPORTED, SOURCE, 'series.csv')).toEqual({
      origins: expect.any(Map),
      reports: [report('2026-07-28', [fig('tanks', 12262, 1), fig('vehicles_fuel', null, 331)]), report('2026-07-29', [fig('afv', 5190, -25)])],
      rows: 3,
      warnings: [],
      notes: [],
    });
  });

  it('takes the columns in any order and day, source and flags each on their own', () => {
    const text = 'category,total,date,day\ntanks,290,2022-03-07,12\n';
    expect(readLongCsv(text, SOURCE).reports).toEqual([report('2022-03-07', [fig('tanks', 290)])]);
    expect(readLongCsv('date,category,total,source\n2022-03-07,tanks,290,mod\n', SOURCE).reports).toEqual([report('2022-03-07', [fig('tanks', 290)])]);
  });

  const cases: [string, string, string][] = [
    [
      'a day that is not the war day of the date',
      'date,day,category,total,delta,source,flags\n2026-07-28,1616,tanks,12262,1,mod,\n2026-07-29,1616,tanks,12227,1,mod,\n',
      'series.csv line 3: day "1616" does not agree with the date 2026-07-29, which is day 1617 of the war',
    ],
    [
      'a day that is not a number',
      'date,day,category,total,delta,source,flags\n2026-07-28,x,tanks,12262,1,mod,\n',
      'series.csv line 2: day "x" does not agree with the date 2026-07-28, which is day 1616 of the war',
    ],
    [
      'a row cut short',
      'date,day,category,total,delta,source,flags\n2026-07-28,1616,tanks,12262,1,mod,\n2026-07-29,1617,tanks,12227\n',
      'series.csv line 3: 4 fields where the header has 7',
    ],
    [
      'a total that is not a count',
      'date,day,category,total,delta,source,flags\n2026-07-28,1616,tanks,12 262,1,mod,\n',
      'series.csv line 2: total "12 262" is not a count',
    ],
    ['a column twice', 'date,day,category,total,day\n', 'series.csv line 1: the column "day" appears twice; a long CSV has the columns date, category, total and optionally delta, day, source, flags'],
    ['a column missing', 'date,day,category,delta\n', 'series.csv line 1: no "total" column; a long CSV has the columns date, category, total and optionally delta, day, source, flags'],
  ];

  it.each(cases)('%s is a ParseError naming the line', (_, text, message) => {
    expect(errorOf(() => readLongCsv(text, SOURCE, 'series.csv'))).toEqual({ name: 'ParseError', code: 'LT_PARSE', message });
  });
});
