import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModPage } from '../../src/sources/mod/parse.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, ParseWarning } from '../../src/report/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/mod/${name}`, import.meta.url), 'utf8');
}

/** The labels exactly as the mod.gov.ua fixtures write them (nominative case). */
const LABELS: Partial<Record<CategoryKey, string>> = {
  personnel: 'військовослужбовці',
  tanks: 'танки',
  afv: 'бойові броньовані машини',
  artillery: 'артилерійські системи',
  mlrs: 'РСЗВ',
  air_defense: 'засоби ППО',
  aircraft: 'літаки',
  helicopters: 'гелікоптери',
  uav: 'БПЛА оперативно-тактичного рівня',
  cruise_missiles: 'крилаті ракети',
  ships: 'кораблі/катери',
  submarines: 'підводні човни',
  vehicles_fuel: 'автомобільна техніка та автоцистерни',
  special_equipment: 'спеціальна техніка',
  ground_robots: 'наземні робототехнічні комплекси',
};

/** One figure as the README table of tests/fixtures/mod gives it; only personnel says "близько". */
function fig(category: CategoryKey, total: number | null, delta: number | null): Figure {
  return { category, total, delta, qualifier: category === 'personnel' ? 'about' : null, label: LABELS[category] ?? '' };
}

function report(reportDate: string, figures: Figure[], warnings: ParseWarning[] = []) {
  return {
    status: 'report',
    report: { source: 'mod', reportDate, language: 'uk', figures, warnings, unmapped: [] },
  };
}

const REPORT_2026_07_27 = report('2026-07-27', [
  fig('personnel', 1440580, 1590),
  fig('tanks', 12225, 8),
  fig('afv', 25032, 13),
  fig('artillery', 46831, 37),
  fig('mlrs', 1969, null),
  fig('air_defense', 1519, 1),
  fig('aircraft', 439, null),
  fig('helicopters', 354, null),
  fig('uav', 429555, 2719),
  fig('cruise_missiles', 4950, 6),
  fig('ships', 34, null),
  fig('submarines', 2, null),
  fig('vehicles_fuel', 126302, 491),
  fig('special_equipment', 4472, 7),
  fig('ground_robots', 2038, 7),
]);

describe('parseModPage on the mod.gov.ua daily posts', () => {
  it('reads the clean 2026-07-27 report with "&nbsp;" thousands separators; omitted zero deltas are null', () => {
    expect(parseModPage(fixture('2026-07-27.html'), {})).toEqual(REPORT_2026_07_27);
  });

  it('never takes the figures the sidebar and the "Читайте також" cards quote from other days', () => {
    const html = fixture('2026-07-27.html');
    expect(html).toContain('військовослужбовці ‒ близько 1 438 990 (+1 440) осіб; танки ‒ 12 217 (+9)');
    expect(parseModPage(html, {})).toEqual(REPORT_2026_07_27);
  });

  it('keeps the tanks total of 2026-07-28 as written (12 262, a typo for 12 226)', () => {
    expect(parseModPage(fixture('2026-07-28.html'), {})).toEqual(
      report('2026-07-28', [
        fig('personnel', 1442140, 1560),
        fig('tanks', 12262, 1),
        fig('afv', 25038, 6),
        fig('artillery', 46902, 71),
        fig('mlrs', 1970, 1),
        fig('air_defense', 1519, null),
        fig('aircraft', 439, null),
        fig('helicopters', 354, null),
        fig('uav', 431310, 1755),
        fig('cruise_missiles', 4950, null),
        fig('ships', 34, null),
        fig('submarines', 2, null),
        fig('vehicles_fuel', 126850, 548),
        fig('special_equipment', 4476, 4),
        fig('ground_robots', 2054, 16),
      ]),
    );
  });

  it('reads raw U+00A0 separators and keeps the 2026-07-29 vehicles line that has a delta and no total', () => {
    expect(parseModPage(fixture('2026-07-29.html'), {})).toEqual(
      report('2026-07-29', [
        fig('personnel', 1443450, 1310),
        fig('tanks', 12227, 1),
        fig('afv', 25044, 6),
        fig('artillery', 46962, 60),
        fig('mlrs', 1973, 3),
        fig('air_defense', 1521, 2),
        fig('aircraft', 439, null),
        fig('helicopters', 354, null),
        fig('uav', 432778, 1468),
        fig('cruise_missiles', 4950, null),
        fig('ships', 34, null),
        fig('submarines', 2, null),
        fig('vehicles_fuel', null, 331),
        fig('special_equipment', 4478, 2),
        fig('ground_robots', 2063, 9),
      ], [
        {
          code: 'delta_only',
          message: '"автомобільна техніка та автоцистерни": the line states only the day\'s change (+331), no total',
          label: 'автомобільна техніка та автоцистерни',
          total: null,
          delta: 331,
        },
      ]),
    );
  });

  it('reads the 2026-07-30 report whose special equipment line is missing (14 figures)', () => {
    expect(parseModPage(fixture('2026-07-30.html'), {})).toEqual(
      report('2026-07-30', [
        fig('personnel', 1444810, 1360),
        fig('tanks', 12230, 3),
        fig('afv', 25049, 5),
        fig('artillery', 47003, 41),
        fig('mlrs', 1976, 3),
        fig('air_defense', 1522, 1),
        fig('aircraft', 439, null),
        fig('helicopters', 354, null),
        fig('uav', 434140, 1362),
        fig('cruise_missiles', 4950, null),
        fig('ships', 34, null),
        fig('submarines', 2, null),
        fig('vehicles_fuel', 127621, 440),
        fig('ground_robots', 2071, 8),
      ]),
    );
  });

  it('accepts the date context that matches the title', () => {
    expect(parseModPage(fixture('2026-07-27.html'), { date: '2026-07-27' })).toEqual(REPORT_2026_07_27);
  });

  it('is no report when the caller expects another date', () => {
    expect(parseModPage(fixture('2026-07-27.html'), { date: '2026-07-28' })).toEqual({
      status: 'no_report',
      reason: 'mod.gov.ua page holds the report for 2026-07-27, not 2026-07-28',
      otherDays: true,
    });
  });
});

describe('parseModPage on pages that are not a daily report', () => {
  const otherNews = 'Кодифіковано нові зразки озброєння вітчизняного виробництва';

  it('says an unrelated news article is no report, although its list has "label – number" lines', () => {
    expect(parseModPage(fixture('2026-07-31-other-news.html'), {})).toEqual({
      status: 'no_report',
      reason: `mod.gov.ua page is not a loss report (its title is "${otherNews}")`,
    });
  });

  it('says an unrelated news article is no report also when the caller expects that day', () => {
    expect(parseModPage(fixture('2026-07-31-other-news.html'), { date: '2026-07-31' })).toEqual({
      status: 'no_report',
      reason: `mod.gov.ua page is not a loss report (its title is "${otherNews}")`,
    });
  });

  it('says a captcha page is blocked', () => {
    const captcha = readFileSync(new URL('../fixtures/kmu/captcha-shieldsquare.html', import.meta.url), 'utf8');
    expect(parseModPage(captcha, {})).toEqual({
      status: 'blocked',
      reason: 'the site answered with a bot-protection page ("ShieldSquare Captcha")',
    });
  });
});

describe('parseModPage on other layouts of the article', () => {
  const expected = [
    { category: 'tanks', total: 12225, delta: 8, qualifier: null, label: 'танки' },
    { category: 'mlrs', total: 1969, delta: null, qualifier: null, label: 'РСЗВ' },
  ];

  it('reads the list of an article without the infographic figure', () => {
    const html = `<html><body><article><h1>Бойові втрати ворога на 27 липня 2026 року</h1>
      <div><ul><li>танки ‒ 12 225 (+8);</li><li>РСЗВ – 1 969;</li></ul></div></article>
      <aside><ul><li>танки ‒ 12 217 (+9);</li></ul></aside></body></html>`;
    const outcome = parseModPage(html, {});
    expect(outcome.status === 'report' ? outcome.report.figures : outcome).toEqual(expected);
  });

  it('reads a list that follows the figure directly, not in a div', () => {
    const html = `<html><body><article><h1>Бойові втрати ворога на 27 липня 2026 року</h1>
      <figure><img src="/a.webp"><figcaption>Інфографіка</figcaption></figure>
      <p>Загальні бойові втрати противника з 24.02.22 по 27.07.26 орієнтовно склали:</p>
      <ul><li>танки ‒ 12 225 (+8);</li><li>РСЗВ – 1 969;</li></ul>
      <div class="share"><a>Facebook</a></div></article></body></html>`;
    const outcome = parseModPage(html, {});
    expect(outcome.status === 'report' ? outcome.report.figures : outcome).toEqual(expected);
  });
});
