import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKmuPage } from '../../src/sources/kmu/parse.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, Qualifier } from '../../src/report/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/kmu/${name}`, import.meta.url), 'utf8');
}

function fig(category: CategoryKey, total: number | null, delta: number | null, qualifier: Qualifier | null, label: string): Figure {
  return { category, total, delta, qualifier, label };
}

const REPORT_2023_06_15 = {
  status: 'report',
  report: {
    source: 'kmu',
    reportDate: '2023-06-15',
    language: 'en',
    figures: [
      fig('personnel', 217910, 580, 'about', 'personnel'),
      fig('tanks', 3955, 12, null, 'tanks'),
      fig('afv', 7667, 14, null, 'APV'),
      fig('artillery', 3793, 10, null, 'artillery systems'),
      fig('mlrs', 604, 1, null, 'MLRS'),
      fig('air_defense', 364, 0, null, 'Anti-aircraft warfare systems'),
      fig('aircraft', 314, 0, null, 'aircraft'),
      fig('helicopters', 301, 1, null, 'helicopters'),
      fig('uav', 3333, 9, null, 'UAV operational-tactical level'),
      fig('cruise_missiles', 1199, 3, null, 'cruise missiles'),
      fig('ships', 18, 0, null, 'warships / boats'),
      fig('vehicles_fuel', 6506, 24, null, 'vehicles and fuel tanks'),
      fig('special_equipment', 519, 3, null, 'special equipment'),
    ],
    warnings: [],
    unmapped: [],
  },
};

describe('parseKmuPage on a 2023 Government portal page (2023-06-15)', () => {
  const html = fixture('2023-06-15.html');

  it('reads the <li> lines with "&nbsp;" after the commas', () => {
    expect(parseKmuPage(html, {})).toEqual(REPORT_2023_06_15);
  });

  it('never takes a figure or a date from the sidebar and the next-post link', () => {
    // The sidebar quotes the 14 June report and the navigation names the 16 June one.
    expect(html).toContain('personnel ‒ about 217330 (+680) persons were liquidated');
    expect(html).toContain('Total combat losses of the enemy from 24.02.22 to 16.06.23');
    expect(parseKmuPage(html, {})).toEqual(REPORT_2023_06_15);
  });

  it('accepts the date context that matches the heading', () => {
    expect(parseKmuPage(html, { date: '2023-06-15' })).toEqual(REPORT_2023_06_15);
  });

  it('is no report when the caller expects another date', () => {
    expect(parseKmuPage(html, { date: '2023-06-16' })).toEqual({
      status: 'no_report',
      reason: 'kmu.gov.ua page holds the report for 2023-06-15, not 2023-06-16',
      otherDays: true,
    });
  });
});

describe('parseKmuPage on the 2023-09-23 variant with <div dir="auto"> everywhere', () => {
  it('reads each <li> wrapping a <div dir="auto"> and stray <a tabindex="-1"> as one line', () => {
    expect(parseKmuPage(fixture('2023-09-23-dir-auto.html'), {})).toEqual({
      status: 'report',
      report: {
        source: 'kmu',
        reportDate: '2023-09-23',
        language: 'en',
        figures: [
          fig('personnel', 275460, 510, 'about', 'personnel'),
          fig('tanks', 4655, 11, null, 'tanks'),
          fig('afv', 8912, 21, null, 'APV'),
          fig('artillery', 6210, 33, null, 'artillery systems'),
          fig('mlrs', 789, 4, null, 'MLRS'),
          fig('air_defense', 530, 2, null, 'anti-aircraft warfare systems'),
          fig('aircraft', 315, 0, null, 'aircraft'),
          fig('helicopters', 316, 0, null, 'helicopters'),
          fig('uav', 4867, 9, null, 'UAV operational-tactical level'),
          fig('cruise_missiles', 1518, 1, null, 'cruise missiles'),
          fig('ships', 20, 0, null, 'warships / boats'),
          fig('submarines', 1, 0, null, 'submarines'),
          fig('vehicles_fuel', 8716, 26, null, 'vehicles and fuel tanks'),
          fig('special_equipment', 912, 0, null, 'special equipment'),
        ],
        warnings: [],
        unmapped: [],
      },
    });
  });
});

describe('parseKmuPage on a 2024 page without "Data are being updated." (2024-02-05)', () => {
  it('reads fourteen lines, the last one without trailing punctuation', () => {
    expect(parseKmuPage(fixture('2024-02-05.html'), {})).toEqual({
      status: 'report',
      report: {
        source: 'kmu',
        reportDate: '2024-02-05',
        language: 'en',
        figures: [
          fig('personnel', 389560, 810, 'about', 'personnel'),
          fig('tanks', 6348, 5, null, 'tanks'),
          fig('afv', 11822, 4, null, 'APV'),
          fig('artillery', 9349, 18, null, 'artillery systems'),
          fig('mlrs', 979, 0, null, 'MLRS'),
          fig('air_defense', 664, 1, null, 'Anti-aircraft warfare systems'),
          fig('aircraft', 332, 0, null, 'aircraft'),
          fig('helicopters', 324, 0, null, 'helicopters'),
          fig('uav', 7173, 0, null, 'UAV operational-tactical level'),
          fig('cruise_missiles', 1848, 0, null, 'cruise missiles'),
          fig('ships', 24, 0, null, 'warships / boats'),
          fig('submarines', 1, 0, null, 'submarines'),
          fig('vehicles_fuel', 12412, 19, null, 'vehicles and fuel tanks'),
          fig('special_equipment', 1486, 7, null, 'special equipment'),
        ],
        warnings: [],
        unmapped: [],
      },
    });
  });
});

describe('parseKmuPage on pages that are not a daily report', () => {
  it('says the ShieldSquare captcha that scripted requests get is blocked, not empty', () => {
    expect(parseKmuPage(fixture('captcha-shieldsquare.html'), {})).toEqual({
      status: 'blocked',
      reason: 'the site answered with a bot-protection page ("ShieldSquare Captcha")',
    });
  });

  it('says the captcha is blocked also when the caller expects a date', () => {
    expect(parseKmuPage(fixture('captcha-shieldsquare.html'), { date: '2023-09-14' })).toEqual({
      status: 'blocked',
      reason: 'the site answered with a bot-protection page ("ShieldSquare Captcha")',
    });
  });

  it('says a page from another site without a news article is no report', () => {
    const milgov = readFileSync(new URL('../fixtures/milgov/2022-06-20.html', import.meta.url), 'utf8');
    expect(parseKmuPage(milgov, {})).toEqual({
      status: 'no_report',
      reason: 'kmu.gov.ua page has no news article (.news__item--inner); it is not a daily report',
    });
  });
});
