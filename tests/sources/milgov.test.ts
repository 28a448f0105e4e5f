import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMilgovPage } from '../../src/sources/milgov/parse.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, Qualifier } from '../../src/report/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/milgov/${name}`, import.meta.url), 'utf8');
}

function fig(category: CategoryKey, total: number | null, delta: number | null, qualifier: Qualifier | null, label: string): Figure {
  return { category, total, delta, qualifier, label };
}

/** Removes the `span.aticle-date` publication time ("2022-06-20 06:00:00 | ID: …") from a page. */
function withoutArticleDate(html: string): string {
  const stripped = html.replace(/<span class="aticle-date">[\s\S]*?<\/span><\/span>/, '');
  if (stripped === html) throw new Error('the fixture has no span.aticle-date to remove');
  return stripped;
}

const FIGURES_2022_06_20: Figure[] = [
  fig('personnel', 33800, 200, 'about', 'personnel'),
  fig('tanks', 1477, 9, null, 'tanks'),
  fig('afv', 3588, 11, null, 'APV'),
  fig('artillery', 749, 4, null, 'artillery systems'),
  fig('mlrs', 238, 3, null, 'MLRS'),
  fig('air_defense', 98, 0, null, 'Anti-aircraft warfare systems'),
  fig('aircraft', 216, 0, null, 'aircraft'),
  fig('helicopters', 181, 0, null, 'helicopters'),
  fig('uav', 601, 3, null, 'UAV operational-tactical level'),
  fig('cruise_missiles', 130, 0, null, 'cruise missiles'),
  fig('ships', 14, 0, null, 'warships / boats'),
  fig('vehicles_fuel', 2527, 4, null, 'vehicles and fuel tanks'),
  fig('special_equipment', 55, 0, null, 'special equipment'),
];

const REPORT_2022_06_20 = {
  status: 'report',
  report: {
    source: 'milgov',
    reportDate: '2022-06-20',
    language: 'en',
    figures: FIGURES_2022_06_20,
    warnings: [],
    unmapped: [],
  },
};

describe('parseMilgovPage on a normal 2022 English daily post (2022-06-20)', () => {
  const html = fixture('2022-06-20.html');

  it('reads all thirteen lines with their totals, deltas, qualifier and labels as written', () => {
    expect(parseMilgovPage(html, {})).toEqual(REPORT_2022_06_20);
  });

  it('never takes a figure from the other days\' reports in the #colbase2news sidebar', () => {
    // The sidebar really quotes the 19 and 18 June reports; none of their numbers may appear.
    expect(html).toContain('personnel ‒ about 33600 (+250) persons were liquidated');
    expect(html).toContain('tanks ‒ 1465 (+9)');
    const outcome = parseMilgovPage(html, {});
    expect(outcome).toEqual(REPORT_2022_06_20);
  });

  it('takes the year of the "from 24.02 to 20.06" heading from span.aticle-date, even when the URL says another year', () => {
    const url = 'https://www.mil.gov.ua/en/news/2023/06/20/the-total-combat-losses-of-the-enemy-from-24-02-to-20-06/';
    expect(parseMilgovPage(html, { url })).toEqual(REPORT_2022_06_20);
  });

  it('takes the year from the url context when the page has no span.aticle-date', () => {
    const url = 'https://www.mil.gov.ua/en/news/2022/06/20/the-total-combat-losses-of-the-enemy-from-24-02-to-20-06/';
    expect(parseMilgovPage(withoutArticleDate(html), { url })).toEqual(REPORT_2022_06_20);
  });

  it('takes the year from the date context when the page has neither span.aticle-date nor a url', () => {
    expect(parseMilgovPage(withoutArticleDate(html), { date: '2022-06-20' })).toEqual(REPORT_2022_06_20);
  });

  it('is undated when neither the page, the url nor the caller gives the year', () => {
    expect(parseMilgovPage(withoutArticleDate(html), {})).toEqual({
      status: 'undated',
      reason: 'mil.gov.ua page states "from 24.02 to 20.06" without a year; pass --date YYYY-MM-DD',
    });
  });

  it('is no report when the caller expects another date', () => {
    expect(parseMilgovPage(html, { date: '2022-06-21' })).toEqual({
      status: 'no_report',
      reason: 'mil.gov.ua page holds the report for 2022-06-20, not 2022-06-21',
      otherDays: true,
    });
  });

  it('accepts the date context that matches the page', () => {
    expect(parseMilgovPage(html, { date: '2022-06-20' })).toEqual(REPORT_2022_06_20);
  });
});

describe('parseMilgovPage on the defective 2022-07-31 post', () => {
  const html = fixture('2022-07-31-defective.html');

  it('keeps the vehicles and fuel tanks line that has a delta and no total, and does not fill the missing special equipment from the sidebar', () => {
    expect(parseMilgovPage(html, {})).toEqual({
      status: 'report',
      report: {
        source: 'milgov',
        reportDate: '2022-07-31',
        language: 'en',
        figures: [
          fig('personnel', 40830, 160, 'about', 'personnel'),
          fig('tanks', 1763, 4, null, 'tanks'),
          fig('afv', 4004, 9, null, 'APV'),
          fig('artillery', 916, 10, null, 'artillery systems'),
          fig('mlrs', 259, 1, null, 'MLRS'),
          fig('air_defense', 117, 0, null, 'Anti-aircraft warfare systems'),
          fig('aircraft', 223, 1, null, 'aircraft'),
          fig('helicopters', 190, 0, null, 'helicopters'),
          fig('uav', 735, 2, null, 'UAV operational-tactical level'),
          fig('cruise_missiles', 174, 0, null, 'cruise missiles'),
          fig('ships', 15, 0, null, 'warships / boats'),
          fig('vehicles_fuel', null, 2, null, 'vehicles and fuel tanks'),
        ],
        warnings: [
          {
            code: 'delta_only',
            message: '"vehicles and fuel tanks": the line states only the day\'s change (+2), no total',
            label: 'vehicles and fuel tanks',
            total: null,
            delta: 2,
          },
        ],
        unmapped: [],
      },
    });
  });
});

describe('parseMilgovPage on the 2022-08-09 post with a bilingual personnel label', () => {
  const html = fixture('2022-08-09-bilingual-label.html');

  it('maps "особового складу / personnel" to personnel and keeps the label as written', () => {
    expect(parseMilgovPage(html, {})).toEqual({
      status: 'report',
      report: {
        source: 'milgov',
        reportDate: '2022-08-09',
        // One label is Ukrainian and English at once, so the report counts as bilingual.
        language: 'uk+en',
        figures: [
          fig('personnel', 42640, 300, 'about', 'особового складу / personnel'),
          fig('tanks', 1817, 6, null, 'tanks'),
          fig('afv', 4076, 6, null, 'APV'),
          fig('artillery', 964, 4, null, 'artillery systems'),
          fig('mlrs', 261, 0, null, 'MLRS'),
          fig('air_defense', 133, 1, null, 'Anti-aircraft warfare systems'),
          fig('aircraft', 223, 0, null, 'aircraft'),
          fig('helicopters', 193, 1, null, 'helicopters'),
          fig('uav', 757, 3, null, 'UAV operational-tactical level'),
          fig('cruise_missiles', 185, 3, null, 'cruise missiles'),
          fig('ships', 15, 0, null, 'warships / boats'),
          fig('vehicles_fuel', 2998, 5, null, 'vehicles and fuel tanks'),
          fig('special_equipment', 87, 1, null, 'special equipment'),
        ],
        warnings: [],
        unmapped: [],
      },
    });
  });
});

describe('parseMilgovPage on a re-indented (pretty-printed) post (2022-07-10)', () => {
  const html = fixture('2022-07-10-pretty.html');

  it('reads a <p> that spans several source lines as one line', () => {
    expect(parseMilgovPage(html, {})).toEqual({
      status: 'report',
      report: {
        source: 'milgov',
        reportDate: '2022-07-10',
        language: 'en',
        figures: [
          fig('personnel', 37300, 100, 'about', 'personnel'),
          fig('tanks', 1641, 3, null, 'tanks'),
          fig('afv', 3823, 8, null, 'APV'),
          fig('artillery', 834, 2, null, 'artillery systems'),
          fig('mlrs', 247, 0, null, 'MLRS'),
          fig('air_defense', 108, 0, null, 'Anti-aircraft warfare systems'),
          fig('aircraft', 217, 0, null, 'aircraft'),
          fig('helicopters', 188, 1, null, 'helicopters'),
          fig('uav', 676, 2, null, 'UAV operational-tactical level'),
          fig('cruise_missiles', 155, 0, null, 'cruise missiles'),
          fig('ships', 15, 0, null, 'warships / boats'),
          fig('vehicles_fuel', 2694, 7, null, 'vehicles and fuel tanks'),
          fig('special_equipment', 66, 0, null, 'special equipment'),
        ],
        warnings: [],
        unmapped: [],
      },
    });
  });
});

describe('parseMilgovPage on a 2023 post with four-digit years (2023-03-10)', () => {
  const html = fixture('2023-03-10.html');
  const report = {
    status: 'report',
    report: {
      source: 'milgov',
      reportDate: '2023-03-10',
      language: 'en',
      figures: [
        fig('personnel', 156990, 870, 'about', 'personnel'),
        fig('tanks', 3448, 7, null, 'tanks'),
        fig('afv', 6742, 6, null, 'APV'),
        fig('artillery', 2475, 10, null, 'artillery systems'),
        fig('mlrs', 491, 3, null, 'MLRS'),
        fig('air_defense', 256, 2, null, 'Anti-aircraft warfare systems'),
        fig('aircraft', 304, 1, null, 'aircraft'),
        fig('helicopters', 289, 0, null, 'helicopters'),
        fig('uav', 2107, 9, null, 'UAV operational-tactical level'),
        fig('cruise_missiles', 907, 34, null, 'cruise missiles'),
        fig('ships', 18, 0, null, 'warships / boats'),
        fig('vehicles_fuel', 5337, 6, null, 'vehicles and fuel tanks'),
        fig('special_equipment', 240, 3, null, 'special equipment'),
      ],
      warnings: [],
      unmapped: [],
    },
  };

  it('reads the date from the heading "from 24.02.2022 to 10.03.2023"', () => {
    expect(parseMilgovPage(html, {})).toEqual(report);
  });

  it('keeps the year the heading states even when the url names another year', () => {
    const url = 'https://www.mil.gov.ua/en/news/2022/03/10/the-total-combat-losses-of-the-enemy-from-24-02-to-10-03/';
    expect(parseMilgovPage(withoutArticleDate(html), { url })).toEqual(report);
  });

  it('is no report when the caller expects the previous day', () => {
    expect(parseMilgovPage(html, { date: '2023-03-09' })).toEqual({
      status: 'no_report',
      reason: 'mil.gov.ua page holds the report for 2023-03-10, not 2023-03-09',
      otherDays: true,
    });
  });
});

describe('parseMilgovPage on pages that are not a daily report', () => {
  it('says a news listing is no report, although its teasers quote loss lines', () => {
    expect(parseMilgovPage(fixture('newslist-2022-06-22.html'), {})).toEqual({
      status: 'no_report',
      reason: 'mil.gov.ua page is a news listing, not a daily report',
    });
  });

  it('says a news listing is no report also when the caller expects a date', () => {
    expect(parseMilgovPage(fixture('newslist-2022-06-22.html'), { date: '2022-06-23' })).toEqual({
      status: 'no_report',
      reason: 'mil.gov.ua page is a news listing, not a daily report',
    });
  });

  it('reports a parse error for a page whose layout changed (no #aticle-content)', () => {
    expect(parseMilgovPage(fixture('2022-06-21-layout-changed.html'), {})).toEqual({
      status: 'parse_error',
      reason: 'mil.gov.ua page has no #aticle-content container; the page layout may have changed',
    });
  });

  it('says a captcha page is blocked', () => {
    const captcha = readFileSync(new URL('../fixtures/kmu/captcha-shieldsquare.html', import.meta.url), 'utf8');
    expect(parseMilgovPage(captcha, {})).toEqual({
      status: 'blocked',
      reason: 'the site answered with a bot-protection page ("ShieldSquare Captcha")',
    });
  });
});
