import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWideCsv } from '../../src/datasets/wide-csv.js';
import { ParseError, UsageError } from '../../src/errors.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, ParsedReport, Qualifier } from '../../src/report/types.js';

function fixture(name: string): { name: string; text: string } {
  return { name: name.split('/').pop() ?? name, text: readFileSync(new URL(`../fixtures/datasets/${name}`, import.meta.url), 'utf8') };
}

function fig(category: CategoryKey, total: number, label: string, qualifier: Qualifier | null = null): Figure {
  return { category, total, delta: null, qualifier, label };
}

const SOURCE = 'kaggle-csv:test';

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

const KAGGLE = [fixture('kaggle/russia_losses_equipment.csv'), fixture('kaggle/russia_losses_personnel.csv')];
const MINFIN = fixture('minfin-wide.csv');

function kaggleDay(d: { date: string; personnel: number; tank: number; APC: number; art: number; mrl: number; aa: number; uav: number; ships: number; vf: number; se: number; sub?: number }): ParsedReport {
  return report(d.date, [
    fig('personnel', d.personnel, 'personnel', 'about'),
    fig('tanks', d.tank, 'tank'),
    fig('afv', d.APC, 'APC'),
    fig('artillery', d.art, 'field artillery'),
    fig('mlrs', d.mrl, 'MRL'),
    fig('air_defense', d.aa, 'anti-aircraft warfare'),
    fig('aircraft', 315, 'aircraft'),
    fig('helicopters', 316, 'helicopter'),
    fig('uav', d.uav, 'drone'),
    fig('cruise_missiles', 1455, 'cruise missiles'),
    fig('ships', d.ships, 'naval ship'),
    ...(d.sub === undefined ? [] : [fig('submarines', d.sub, 'submarines')]),
    fig('vehicles_fuel', d.vf, 'vehicles and fuel tanks'),
    fig('special_equipment', d.se, 'special equipment'),
  ]);
}

describe('readWideCsv on the Kaggle CSV pair (2023-09-13..15, submarines from 09-14)', () => {
  it('merges equipment and personnel by date, reads pandas floats ("884.0") as counts and empty cells as absent', () => {
    expect(readWideCsv(KAGGLE, SOURCE)).toEqual({
      origins: expect.any(Map),
      reports: [
        kaggleDay({ date: '2023-09-13', personnel: 270350, tank: 4584, APC: 8792, art: 5902, mrl: 766, aa: 517, uav: 4650, ships: 19, vf: 8444, se: 884 }),
        kaggleDay({ date: '2023-09-14', personnel: 270970, tank: 4599, APC: 8810, art: 5944, mrl: 769, aa: 517, uav: 4697, ships: 20, vf: 8458, se: 889, sub: 1 }),
        kaggleDay({ date: '2023-09-15', personnel: 271440, tank: 4612, APC: 8814, art: 5972, mrl: 774, aa: 521, uav: 4714, ships: 20, vf: 8492, se: 889, sub: 1 }),
      ],
      rows: 6,
      warnings: [],
      notes: [],
    });
  });

  it('reads the same reports whichever file comes first', () => {
    expect(readWideCsv([...KAGGLE].reverse(), SOURCE).reports).toEqual(readWideCsv(KAGGLE, SOURCE).reports);
  });
});

describe('readWideCsv on the minfin-derived CSV (26.02.2022..1.03.2022, minfin\'s "vehicles" column)', () => {
  const day = (date: string, d: number[], aircraft: number, vehicles?: number) =>
    report(date, [
      fig('personnel', d[0] as number, 'personnel'),
      fig('tanks', d[1] as number, 'tanks'),
      fig('afv', d[2] as number, 'apv'),
      fig('artillery', d[3] as number, 'artillery'),
      fig('mlrs', d[4] as number, 'mlrs'),
      fig('air_defense', d[5] as number, 'aaws'),
      fig('aircraft', aircraft, 'aircrafts'),
      fig('helicopters', d[6] as number, 'helicopters'),
      fig('uav', d[7] as number, 'uav'),
      fig('ships', 2, 'warships'),
      ...(vehicles === undefined ? [] : [fig('military_auto', vehicles, 'vehicles')]),
    ]);

  it('reads d.mm.yyyy and dd.mm.yyyy dates, its own column names, and its vehicles before May 2022 as military_auto', () => {
    expect(readWideCsv([MINFIN], SOURCE)).toEqual({
      origins: expect.any(Map),
      reports: [
        day('2022-02-26', [4300, 146, 706, 49, 4, 0, 26, 2], 16),
        day('2022-02-27', [4500, 150, 706, 50, 4, 0, 26, 2], 27),
        day('2022-02-28', [5300, 150, 816, 74, 21, 5, 29, 3], 29, 291),
        day('2022-03-01', [5710, 198, 846, 77, 24, 7, 29, 3], 29, 305),
      ],
      rows: 4,
      warnings: [],
      notes: [],
    });
  });

  it('reads the vehicles column as vehicles_fuel from 2022-05-01, when the report merged vehicles and fuel tanks', () => {
    const text = 'date,vehicles,vehicles_fuel_tanks\n30.04.2022,1701,\n1.05.2022,1796,1796\n';
    expect(readWideCsv([{ name: 'minfin.csv', text }], SOURCE)).toMatchObject({
      reports: [report('2022-04-30', [fig('military_auto', 1701, 'vehicles')]), report('2022-05-01', [fig('vehicles_fuel', 1796, 'vehicles')])],
      warnings: [],
    });
  });

  it('keeps the first file\'s value and names both files, lines and values where two files disagree (2022-02-26 aircraft 27 against 16)', () => {
    const result = readWideCsv([fixture('kaggle-equipment-2022-02-26.csv'), MINFIN], SOURCE);
    expect(result.reports[0]).toEqual(
      report('2022-02-26', [
        fig('personnel', 4300, 'personnel'),
        fig('tanks', 146, 'tank'),
        fig('afv', 706, 'APC'),
        fig('artillery', 49, 'field artillery'),
        fig('mlrs', 4, 'MRL'),
        fig('air_defense', 0, 'anti-aircraft warfare'),
        fig('aircraft', 27, 'aircraft'),
        fig('helicopters', 26, 'helicopter'),
        fig('uav', 2, 'drone'),
        fig('ships', 2, 'naval ship'),
        fig('military_auto', 130, 'military auto'),
        fig('fuel_tanks', 60, 'fuel tank'),
      ]),
    );
    expect(result.rows).toBe(5);
    expect(result.warnings).toEqual([
      {
        code: 'duplicate_category',
        message: '2022-02-26 aircraft: 27 in kaggle-equipment-2022-02-26.csv line 2, 16 in minfin-wide.csv line 2; the first is kept',
        label: 'aircrafts',
        total: 16,
        delta: null,
      },
    ]);
  });

  it('keeps the minfin value when the minfin file comes first', () => {
    const result = readWideCsv([MINFIN, fixture('kaggle-equipment-2022-02-26.csv')], SOURCE);
    expect(result.reports[0]?.figures.find((f) => f.category === 'aircraft')).toEqual(fig('aircraft', 16, 'aircrafts'));
    expect(result.warnings[0]?.message).toBe(
      '2022-02-26 aircraft: 16 in minfin-wide.csv line 2, 27 in kaggle-equipment-2022-02-26.csv line 2; the first is kept',
    );
  });
});

describe('readWideCsv on small variants', () => {
  it('warns about a column without a name (a pandas index) and leaves its values out', () => {
    const result = readWideCsv([{ name: 'saved.csv', text: ',date,tank\n0,2022-03-07,290\n1,2022-03-08,303\n' }], SOURCE);
    expect(result.reports).toEqual([report('2022-03-07', [fig('tanks', 290, 'tank')]), report('2022-03-08', [fig('tanks', 303, 'tank')])]);
    expect(result.warnings).toEqual([
      { code: 'unknown_label', message: 'a column without a name in saved.csv: no category takes it; 2 values left out', label: '' },
    ]);
  });

  it('warns about an unknown column whose cells are not counts, and about an empty unknown column', () => {
    const text = 'date,tanks,note,BUK\n2022-03-07,290,first week,\n2022-03-08,303,,\n';
    expect(readWideCsv([{ name: 'x.csv', text }], SOURCE).warnings).toEqual([
      { code: 'unknown_label', message: 'unknown column "note" in x.csv: no category takes it; 1 value left out (not a count)', label: 'note' },
      { code: 'unknown_label', message: 'unknown column "BUK" in x.csv: no category takes it; no values', label: 'BUK' },
    ]);
  });

  it('reads quoted cells, spaces around cells, blank lines, the registry keys as column names and a POW column', () => {
    const text = '"date", "personnel" ,personnel*,POW,cruise_missiles\r\n\r\n"2022-04-26",22100,about,489,\r\n   \r\n';
    expect(readWideCsv([{ name: 'x.csv', text }], SOURCE)).toEqual({
      origins: expect.any(Map),
      reports: [report('2022-04-26', [fig('personnel', 22100, 'personnel', 'about')])],
      rows: 1,
      warnings: [],
      notes: ['POW (prisoners of war) is not a General Staff category: 1 value in x.csv not imported'],
    });
  });

  it('warns about a personnel qualifier that is not "about" or "more"', () => {
    const text = 'date,personnel,personnel*\n2022-03-07,11000,roughly\n';
    const result = readWideCsv([{ name: 'x.csv', text }], SOURCE);
    expect(result.reports).toEqual([report('2022-03-07', [fig('personnel', 11000, 'personnel')])]);
    expect(result.warnings).toEqual([
      {
        code: 'unknown_qualifier',
        message: 'x.csv line 2 (2022-03-07): "personnel*" is "roughly", not "about" or "more"; the personnel total is kept without a qualifier',
        label: 'personnel*',
      },
    ]);
  });
});

describe('readWideCsv errors', () => {
  const read = (name: string) => () => readWideCsv([fixture(`bad/${name}`)], SOURCE);
  const cases: [string, string][] = [
    ['wide-empty.csv', 'wide-empty.csv is empty; a wide CSV starts with a header such as "date,personnel,tanks"'],
    ['wide-no-date-column.csv', 'wide-no-date-column.csv line 1: the header has no "date" column ("day", "personnel", "tanks")'],
    ['wide-header-only.csv', 'wide-header-only.csv holds a header but no data rows'],
    ['wide-width.csv', 'wide-width.csv line 3: 2 fields where the header has 3'],
    ['wide-empty-date.csv', 'wide-empty-date.csv line 3: the date is empty'],
    ['wide-bad-date.csv', 'wide-bad-date.csv line 3: "31.02.2022" is not a date (YYYY-MM-DD or d.mm.yyyy)'],
    ['wide-not-a-count.csv', 'wide-not-a-count.csv line 3, column "tanks": "303.5" is not a count'],
    [
      'wide-unclosed-quote.csv',
      'wide-unclosed-quote.csv is not a readable CSV file: Quote Not Closed: the parsing is finished with an opening quote at line 3',
    ],
  ];

  it.each(cases)('%s is a ParseError with its one-line message', (name, message) => {
    expect(errorOf(read(name))).toEqual({ name: 'ParseError', code: 'LT_PARSE', message });
  });

  it('quotes a cell with a line break in it on one line, and no more than 80 characters of a long one', () => {
    // The message used to end at the line break: `…line 3, column "tanks": "10`.
    const broken = { name: 'q.csv', text: 'date,tanks\n2022-03-01,"10\n000"\n' };
    expect(errorOf(() => readWideCsv([broken], SOURCE)).message).toBe('q.csv line 3, column "tanks": "10\\u000a000" is not a count');
    const long = { name: 'l.csv', text: `date,tanks\n2022-03-01,${'9'.repeat(100)}x\n` };
    expect(errorOf(() => readWideCsv([long], SOURCE)).message).toBe(`l.csv line 2, column "tanks": "${'9'.repeat(80)}…" is not a count`);
  });

  it('names the second file when only it is broken', () => {
    expect(errorOf(() => readWideCsv([MINFIN, fixture('bad/wide-bad-date.csv')], SOURCE)).message).toBe(
      'wide-bad-date.csv line 3: "31.02.2022" is not a date (YYYY-MM-DD or d.mm.yyyy)',
    );
  });

  it('is a usage error to give no file at all', () => {
    const error = errorOf(() => readWideCsv([], SOURCE));
    expect(error).toEqual({ name: 'UsageError', code: 'LT_USAGE', message: 'no CSV file to read; give the dataset file or its folder' });
    expect(() => readWideCsv([], SOURCE)).toThrow(UsageError);
  });
});

describe('readWideCsv provenance', () => {
  it('names the file each date came from, the first file for dates both hold', () => {
    const first = { name: 'russia_losses-2022.csv', text: 'date,tanks\n2022-03-01,211\n' };
    const second = { name: 'russia_losses.csv', text: 'date,tanks\n2022-03-01,211\n2026-08-08,12251\n' };
    expect(readWideCsv([first, second], SOURCE).origins).toEqual(
      new Map([
        ['2022-03-01', 'russia_losses-2022.csv'],
        ['2026-08-08', 'russia_losses.csv'],
      ]),
    );
  });
});

describe('readWideCsv on the wide shape of losstally export (a <key>_delta column beside each total)', () => {
  const withDelta = (category: CategoryKey, total: number | null, delta: number | null): Figure => ({ category, total, delta, qualifier: null, label: category });

  it('reads each delta with the total beside it, a delta without a total, and reads over the day', () => {
    const text = [
      'date,day,tanks,tanks_delta,vehicles_fuel,vehicles_fuel_delta,srbm,srbm_delta',
      '2026-07-28,1616,12262,1,,331,,',
      '2026-07-29,9999,12227,-35,36529,,,',
      '2026-07-30,1618,,,,,,',
      '',
    ].join('\n');
    expect(readWideCsv([{ name: 'wide.csv', text }], SOURCE).reports).toEqual([
      report('2026-07-28', [withDelta('tanks', 12262, 1), withDelta('vehicles_fuel', null, 331)]),
      report('2026-07-29', [withDelta('tanks', 12227, -35), withDelta('vehicles_fuel', 36529, null)]),
    ]);
  });

  it('reads a delta column whose total column is missing as a delta alone', () => {
    const text = 'date,personnel,tanks_delta\n2026-07-28,1442140,1\n';
    expect(readWideCsv([{ name: 'wide.csv', text }], SOURCE).reports).toEqual([
      report('2026-07-28', [withDelta('personnel', 1442140, null), { ...withDelta('tanks', null, 1), label: 'tanks_delta' }]),
    ]);
  });

  it('names the line and the column of a delta that is not a whole number', () => {
    const text = 'date,day,tanks,tanks_delta\n2026-07-28,1616,12262,1\n2026-07-29,1617,12227,+-3\n';
    expect(errorOf(() => readWideCsv([{ name: 'wide.csv', text }], SOURCE))).toEqual({
      name: 'ParseError',
      code: 'LT_PARSE',
      message: 'wide.csv line 3, column "tanks_delta": "+-3" is not a whole number',
    });
  });
});
