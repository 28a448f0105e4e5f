import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readUkrModData } from '../../src/datasets/ukr-mod-data.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, ParsedReport } from '../../src/report/types.js';
import { datasetReport, parseErrorOf } from '../helpers/datasets.js';

const DATA = readFileSync(new URL('../fixtures/datasets/raku-ukr-mod-data/ukr-mod-data.csv', import.meta.url), 'utf8');
const SOURCE = 'ukr-mod-data:test';
const HEADER = 'Date, Item, Delta, Total\n';

function fig(category: CategoryKey, total: number | null, delta: number | null, label: string): Figure {
  return { category, total, delta, qualifier: null, label };
}

function report(reportDate: string, figures: Figure[], unmapped: ParsedReport['unmapped'] = []): ParsedReport {
  return datasetReport(SOURCE, reportDate, figures, unmapped);
}

const yearNote = (name: string, span: string) =>
  `${name} gives its dates as dd.mm, without a year: read as ${span}, counting from 2022, the year the war began, and a year on each time the month goes back`;

describe('readUkrModData on the ukr-mod-data.csv of JJ/raku-ukr-mod-data (30.05 … 03.06, 02.06 missing)', () => {
  const result = readUkrModData(DATA, SOURCE);

  it('gives one report per date, across the change of month, with a note on the year it counted', () => {
    expect(result.rows).toBe(52);
    expect(result.reports.map((r) => r.reportDate)).toEqual(['2022-05-30', '2022-05-31', '2022-06-01', '2022-06-03']);
    expect(result.warnings).toEqual([]);
    expect(result.notes).toEqual([yearNote('ukr-mod-data.csv', '2022-05-30 … 2022-06-03')]);
  });

  it("maps each item through the report's English labels and keeps its total and its stated delta", () => {
    expect(result.reports[2]).toEqual(
      report('2022-06-01', [
        fig('personnel', 30700, 200, 'personnel'),
        fig('tanks', 1361, 3, 'tanks'),
        fig('afv', 3343, 41, 'APV'),
        fig('artillery', 659, 10, 'artillery systems'),
        fig('mlrs', 207, 0, 'MLRS'),
        fig('air_defense', 94, 1, 'Anti-aircraft warfare systems'),
        fig('aircraft', 208, 0, 'aircraft'),
        fig('helicopters', 175, 1, 'helicopters'),
        fig('uav', 519, 4, 'UAV operational-tactical level'),
        fig('cruise_missiles', 120, 0, 'cruise missiles'),
        fig('ships', 13, 0, 'warships / boats'),
        fig('vehicles_fuel', 2290, 15, 'vehicles and fuel tanks'),
        fig('special_equipment', 49, 1, 'special equipment'),
      ]),
    );
  });

  it('keeps the delta of the day after the missing day as the file states it (+4 tanks on 2022-06-03, two days after 1361)', () => {
    expect(result.reports[3]?.figures.find((f) => f.category === 'tanks')).toEqual(fig('tanks', 1367, 4, 'tanks'));
  });
});

describe('readUkrModData: the year of a dd.mm date', () => {
  const dates = (rows: string[]) => readUkrModData(HEADER + rows.map((date) => `${date}, tanks, 1, 100`).join('\n'), SOURCE, 'u.csv').reports.map((r) => r.reportDate);

  it('counts from 2022 and goes a year on each time the month goes back', () => {
    expect(dates(['30.12', '31.12', '01.01', '02.01', '28.02', '01.03', '15.01'])).toEqual([
      '2022-12-30',
      '2022-12-31',
      '2023-01-01',
      '2023-01-02',
      '2023-02-28',
      '2023-03-01',
      '2024-01-15',
    ]);
  });

  it('starts in 2023 when the first date would fall before the war began in 2022', () => {
    expect(dates(['10.01', '11.01'])).toEqual(['2023-01-10', '2023-01-11']);
    expect(dates(['24.02'])).toEqual(['2022-02-24']);
  });

  it('takes the year from a date that gives it, and counts on from there', () => {
    const result = readUkrModData(`${HEADER}31.12.2024, tanks, 12, 9582\n1.01, tanks, 8, 9590\n2025-01-02, tanks, 4, 9594\n03.01, tanks, 6, 9600\n`, SOURCE, 'u.csv');
    expect(result.reports.map((r) => r.reportDate)).toEqual(['2024-12-31', '2025-01-01', '2025-01-02', '2025-01-03']);
    expect(result.notes).toEqual([yearNote('u.csv', '2024-12-31 … 2025-01-03')]);
  });

  it('has no note when every date gives its year', () => {
    expect(readUkrModData(`${HEADER}12.04.2022, tanks, 0, 732\n`, SOURCE, 'u.csv').notes).toEqual([]);
  });
});

describe('readUkrModData on small variants', () => {
  it('keeps an item no label matches as an unknown label, with one warning naming its first line', () => {
    const result = readUkrModData(`${HEADER}12.04, tanks, 0, 732\n12.04, BUK, 1, 3\n13.04, BUK, 0, 3\n`, SOURCE, 'u.csv');
    expect(result.reports).toEqual([
      report('2022-04-12', [fig('tanks', 732, 0, 'tanks')], [{ label: 'BUK', total: 3, delta: 1, qualifier: null }]),
      report('2022-04-13', [], [{ label: 'BUK', total: 3, delta: 0, qualifier: null }]),
    ]);
    expect(result.warnings).toEqual([
      { code: 'unknown_label', message: 'unknown item "BUK" (first in u.csv line 3): no category has this label; 2 values kept as unknown labels', label: 'BUK' },
    ]);
  });

  it('keeps the first of two rows of a date and item that differ, with a warning naming both lines; an identical repeat says nothing', () => {
    const text = `${HEADER}31.07, special equipment, 0, 82\n31.07, special equipment, 0, 82\n31.07, special equipment, 2, 80\n`;
    const result = readUkrModData(text, SOURCE, 'u.csv');
    expect(result.reports).toEqual([report('2022-07-31', [fig('special_equipment', 82, 0, 'special equipment')])]);
    expect(result.warnings).toEqual([
      {
        code: 'duplicate_category',
        message: '2022-07-31 special_equipment: 82 (+0) in u.csv line 2, 80 (+2) in u.csv line 4; the first is kept',
        label: 'special equipment',
        total: 80,
        delta: 2,
      },
    ]);
  });

  it('reads the columns in any order and case, quoted, with CRLF line ends', () => {
    const text = '"TOTAL","date","item","delta"\r\n1946,"12.04","APV",0\r\n';
    expect(readUkrModData(text, SOURCE).reports).toEqual([report('2022-04-12', [fig('afv', 1946, 0, 'APV')])]);
  });

  it('reads an empty delta or total as absent', () => {
    const text = `${HEADER}29.07, vehicles and fuel tanks, 2, \n29.07, tanks, , 1843\n`;
    expect(readUkrModData(text, SOURCE).reports).toEqual([report('2022-07-29', [fig('tanks', 1843, null, 'tanks'), fig('vehicles_fuel', null, 2, 'vehicles and fuel tanks')])]);
  });
});

describe('readUkrModData errors', () => {
  const read = (text: string) => () => readUkrModData(text, SOURCE, 'u.csv');

  it.each([
    ['', 'u.csv is empty; ukr-mod-data.csv of JJ/raku-ukr-mod-data starts with a header naming the columns date, item, delta, total'],
    [HEADER, 'u.csv holds a header but no data rows'],
    ['Date, Category, Delta, Total\n', 'u.csv line 1: unknown column "Category"; ukr-mod-data.csv of JJ/raku-ukr-mod-data has the columns date, item, delta, total'],
    ['Date, Item, Total\n', 'u.csv line 1: no "delta" column; ukr-mod-data.csv of JJ/raku-ukr-mod-data has the columns date, item, delta, total'],
    [`${HEADER}12/04, tanks, 0, 732\n`, 'u.csv line 2: "12/04" is not a date (dd.mm, or d.mm.yyyy or YYYY-MM-DD)'],
    [`${HEADER}30.04, tanks, 0, 1008\n31.04, tanks, 0, 1008\n`, 'u.csv line 3: "31.04" is not a date (dd.mm, or d.mm.yyyy or YYYY-MM-DD)'],
    [`${HEADER}12.04, , 0, 732\n`, 'u.csv line 2: the item is empty'],
    [`${HEADER}12.04, tanks, 0, 7.32\n`, 'u.csv line 2: total "7.32" is not a count'],
    [`${HEADER}12.04, tanks, +-7, 732\n`, 'u.csv line 2: delta "+-7" is not a whole number'],
    [`${HEADER}12.04, tanks, , \n`, 'u.csv line 2: tanks has neither a total nor a delta'],
    [`${HEADER}12.04, tanks, 732\n`, 'u.csv line 2: 3 fields where the header has 4'],
  ])('refuses %j with a one-line reason', (text, message) => {
    expect(parseErrorOf(read(text))).toBe(message);
  });
});
