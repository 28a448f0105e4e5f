import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, ParsedReport, ParseWarning, Qualifier, UnmappedLine } from '../../src/report/types.js';
import { parseMinfinPage, parseMinfinText } from '../../src/sources/minfin/parse.js';
import { MINFIN_BASE_URL, minfinUrlsFor } from '../../src/sources/minfin/urls.js';
import type { DocumentOutcome } from '../../src/sources/types.js';
import { DATASETS, readReferenceTotals, readSample, reportSkipped, sharedAvailable } from '../helpers/shared.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/minfin/${name}`, import.meta.url), 'utf8');
}

function fig(category: CategoryKey, total: number | null, delta: number | null, qualifier: Qualifier | null, label: string): Figure {
  return { category, total, delta, qualifier, label };
}

function report(
  reportDate: string,
  language: ParsedReport['language'],
  figures: Figure[],
  warnings: ParseWarning[] = [],
  unmapped: UnmappedLine[] = [],
): ParsedReport {
  return { source: 'minfin', reportDate, language, figures, warnings, unmapped };
}

/** The warning for a personnel line that also states prisoners of war ("…, 460 полонених"). */
function prisoners(label: string, count: string, total: number, delta: number | null): ParseWarning {
  return {
    code: 'prisoners_of_war',
    message: `"${label}": also states ${count} prisoners of war, which is not a General Staff category and is not stored`,
    label,
    total,
    delta,
  };
}

function buk(): ParseWarning {
  const label = 'ЗРК БУК';
  return { code: 'not_a_category', message: `"${label}" (total 1, no delta): a Buk surface-to-air missile system, counted apart in the first days of the war; not a category of the report, not stored`, label, total: 1, delta: null };
}

function reports(...days: ParsedReport[]): DocumentOutcome {
  return { status: 'reports', reports: days };
}

// uk-main-2023-03-25.html
const DAY_2023_03_23 = report('2023-03-23', 'uk', [
  fig('tanks', 3570, 13, null, 'Танки'),
  fig('afv', 6898, 11, null, 'ББМ'),
  fig('artillery', 2608, 19, null, 'Гармати'),
  fig('mlrs', 511, 2, null, 'РСЗВ'),
  fig('air_defense', 273, 1, null, 'Засоби ППО'),
  fig('aircraft', 305, null, null, 'Літаки'),
  fig('helicopters', 290, null, null, 'Гелікоптери'),
  fig('uav', 2203, 20, null, 'БПЛА'),
  fig('cruise_missiles', 909, null, null, 'Крилаті ракети'),
  fig('ships', 18, null, null, 'Кораблі (катери)'),
  fig('vehicles_fuel', 5452, 18, null, 'Автомобілі та автоцистерни'),
  fig('special_equipment', 273, 3, null, 'Спеціальна техніка'),
  fig('personnel', 168150, 660, 'about', 'Особовий склад'),
]);
const DAY_2023_03_24 = report('2023-03-24', 'uk', [
  fig('tanks', 3574, 4, null, 'Танки'),
  fig('afv', 6921, 23, null, 'ББМ'),
  fig('artillery', 2616, 8, null, 'Гармати'),
  fig('mlrs', 511, null, null, 'РСЗВ'),
  fig('air_defense', 276, 3, null, 'Засоби ППО'),
  fig('aircraft', 305, null, null, 'Літаки'),
  fig('helicopters', 290, null, null, 'Гелікоптери'),
  fig('uav', 2208, 5, null, 'БПЛА'),
  fig('cruise_missiles', 911, 2, null, 'Крилаті ракети'),
  fig('ships', 18, null, null, 'Кораблі (катери)'),
  fig('vehicles_fuel', 5464, 12, null, 'Автомобілі та автоцистерни'),
  fig('special_equipment', 277, 4, null, 'Спеціальна техніка'),
  fig('personnel', 169170, 1020, 'about', 'Особовий склад'),
]);
const DAY_2023_03_25 = report('2023-03-25', 'uk', [
  fig('tanks', 3580, 6, null, 'Танки'),
  fig('afv', 6932, 11, null, 'ББМ'),
  fig('artillery', 2623, 7, null, 'Гармати'),
  fig('mlrs', 520, 9, null, 'РСЗВ'),
  fig('air_defense', 276, null, null, 'Засоби ППО'),
  fig('aircraft', 305, null, null, 'Літаки'),
  fig('helicopters', 291, 1, null, 'Гелікоптери'),
  fig('uav', 2214, 6, null, 'БПЛА'),
  fig('cruise_missiles', 911, null, null, 'Крилаті ракети'),
  fig('ships', 18, null, null, 'Кораблі (катери)'),
  fig('vehicles_fuel', 5483, 19, null, 'Автомобілі та автоцистерни'),
  fig('special_equipment', 279, 2, null, 'Спеціальна техніка'),
  fig('personnel', 169890, 720, 'about', 'Особовий склад'),
]);

// uk-main-2022-04-03-early.html
const DAY_2022_02_24 = report('2022-02-24', 'uk', [
  fig('tanks', 30, null, 'more than', 'Танки'),
  fig('afv', 130, null, null, 'ББМ'),
  fig('aircraft', 7, null, null, 'Літаки'),
  fig('helicopters', 6, null, null, 'Гелікоптери'),
  fig('personnel', 800, null, null, 'Особовий склад'),
]);
const DAY_2022_02_25 = report('2022-02-25', 'uk', [
  fig('tanks', 80, null, 'up to', 'Танки'),
  fig('afv', 516, null, null, 'ББМ'),
  fig('aircraft', 10, null, null, 'Літаки'),
  fig('helicopters', 7, null, null, 'Гелікоптери'),
  fig('personnel', 2800, null, null, 'Особовий склад'),
]);
const DAY_2022_02_26 = report('2022-02-26', 'uk', [
  fig('tanks', 100, null, 'more than', 'Танки'),
  fig('afv', 540, null, 'up to', 'ББМ'),
  fig('aircraft', 16, null, null, 'Літаки'),
  fig('helicopters', 18, null, null, 'Гелікоптери'),
  fig('personnel', 3000, null, 'more than', 'Особовий склад'),
]);
const DAY_2022_02_27 = report('2022-02-27', 'uk', [
  fig('tanks', 150, null, 'about', 'Танки'),
  fig('afv', 706, null, null, 'ББМ'),
  fig('aircraft', 27, null, null, 'Літаки'),
  fig('helicopters', 26, null, null, 'Гелікоптери'),
  fig('artillery', 50, null, 'about', 'Гармати'),
  fig('mlrs', 4, null, null, 'РСЗВ Град'),
  fig('uav', 2, null, null, 'БПЛА'),
  fig('ships', 2, null, null, 'Кораблі (катери)'),
  fig('personnel', 4500, null, 'about', 'Особовий склад'),
], [buk(), prisoners('Особовий склад', 'more than 200', 4500, null)], []);
const DAY_2022_03_04 = report('2022-03-04', 'uk', [
  fig('tanks', 251, null, null, 'Танки'),
  fig('afv', 939, null, null, 'ББМ'),
  fig('aircraft', 37, null, null, 'Літаки'),
  fig('helicopters', 37, null, null, 'Гелікоптери'),
  fig('artillery', 105, null, null, 'Гармати'),
  fig('military_auto', 404, null, null, 'Автомобілі'),
  fig('mlrs', 50, null, null, 'РСЗВ Град'),
  fig('air_defense', 18, null, null, 'Засоби ППО'),
  fig('uav', 3, null, null, 'БПЛА'),
  fig('fuel_tanks', 60, null, null, 'Цистерни з ППМ'),
  fig('ships', 2, null, null, 'Кораблі (катери)'),
  fig('personnel', 9166, null, null, 'Особовий склад'),
], [prisoners('Особовий склад', 'more than 200', 9166, null)]);
const DAY_2022_04_03 = report('2022-04-03', 'uk', [
  fig('tanks', 644, null, null, 'Танки'),
  fig('afv', 1830, null, null, 'ББМ'),
  fig('aircraft', 143, null, null, 'Літаки'),
  fig('helicopters', 134, null, null, 'Гелікоптери'),
  fig('artillery', 325, null, null, 'Гармати'),
  fig('military_auto', 1249, null, null, 'Автомобілі'),
  fig('mlrs', 105, null, null, 'РСЗВ'),
  fig('air_defense', 54, null, null, 'Засоби ППО'),
  fig('uav', 89, null, null, 'БПЛА'),
  fig('fuel_tanks', 76, null, null, 'Цистерни з ППМ'),
  fig('ships', 7, null, null, 'Кораблі (катери)'),
  fig('special_equipment', 24, null, null, 'Спеціальна техніка'),
  fig('srbm', 4, null, null, 'Пускові установки ОТРК'),
  fig('personnel', 18000, null, 'about', 'Особовий склад'),
], [prisoners('Особовий склад', '460', 18000, null)]);

// en-main-2023-09-14.html
const DAY_2023_09_13 = report('2023-09-13', 'en', [
  fig('tanks', 4584, 16, null, 'Tanks'),
  fig('afv', 8792, 14, null, 'Armored fighting vehicle'),
  fig('artillery', 5902, 30, null, 'Artillery systems'),
  fig('mlrs', 766, 2, null, 'MLRS'),
  fig('air_defense', 517, 2, null, 'Anti-aircraft warfare'),
  fig('aircraft', 315, null, null, 'Planes'),
  fig('helicopters', 316, null, null, 'Helicopters'),
  fig('uav', 4650, 5, null, 'UAV'),
  fig('cruise_missiles', 1455, null, null, 'Cruise missiles'),
  fig('ships', 19, null, null, 'Ships (boats)'),
  fig('vehicles_fuel', 8444, 31, null, 'Cars and cisterns'),
  fig('special_equipment', 884, 3, null, 'Special equipment'),
  fig('personnel', 270350, 590, 'about', 'Military personnel'),
]);
const DAY_2023_09_14 = report('2023-09-14', 'en', [
  fig('tanks', 4599, 15, null, 'Tanks'),
  fig('afv', 8810, 18, null, 'Armored fighting vehicle'),
  fig('artillery', 5944, 42, null, 'Artillery systems'),
  fig('mlrs', 769, 3, null, 'MLRS'),
  fig('air_defense', 517, null, null, 'Anti-aircraft warfare'),
  fig('aircraft', 315, null, null, 'Planes'),
  fig('helicopters', 316, null, null, 'Helicopters'),
  fig('uav', 4697, 47, null, 'UAV'),
  fig('cruise_missiles', 1455, null, null, 'Cruise missiles'),
  fig('ships', 20, 1, null, 'Ships (boats)'),
  fig('submarines', 1, 1, null, 'Submarines'),
  fig('vehicles_fuel', 8458, 14, null, 'Cars and cisterns'),
  fig('special_equipment', 889, 5, null, 'Special equipment'),
  fig('personnel', 270970, 620, 'about', 'Military personnel'),
]);

// en-month-2022-04.html
const DAY_2022_04_29 = report('2022-04-29', 'en', [
  fig('tanks', 986, 16, null, 'Tanks'),
  fig('afv', 2418, 29, null, 'Armored fighting vehicle'),
  fig('artillery', 435, 4, null, 'Cannons'),
  fig('mlrs', 151, null, null, 'MLRS'),
  fig('air_defense', 73, 1, null, 'Anti-aircraft warfare'),
  fig('aircraft', 189, 2, null, 'Aircrafts'),
  fig('helicopters', 155, null, null, 'Helicopters'),
  fig('military_auto', 1695, 7, null, 'Cars'),
  fig('ships', 8, null, null, 'Ships (boats)'),
  fig('fuel_tanks', 76, null, null, 'Cisterns with fuel'),
  fig('uav', 229, 14, null, 'UAV'),
  fig('special_equipment', 31, null, null, 'Special equipment'),
  fig('srbm', 4, null, null, 'Mobile SRBM'),
  fig('personnel', 23000, 200, 'about', 'Military personnel'),
], [prisoners('Military personnel', '496', 23000, 200)]);
const DAY_2022_04_30 = report('2022-04-30', 'en', [
  fig('tanks', 1008, 22, null, 'Tanks'),
  fig('afv', 2445, 27, null, 'Armored fighting vehicle'),
  fig('artillery', 436, 1, null, 'Cannons'),
  fig('mlrs', 151, null, null, 'MLRS'),
  fig('air_defense', 77, 4, null, 'Anti-aircraft warfare'),
  fig('aircraft', 190, 1, null, 'Aircrafts'),
  fig('helicopters', 155, null, null, 'Helicopters'),
  fig('military_auto', 1701, 6, null, 'Cars'),
  fig('ships', 8, null, null, 'Ships (boats)'),
  fig('fuel_tanks', 76, null, null, 'Cisterns with fuel'),
  fig('uav', 232, 3, null, 'UAV'),
  fig('special_equipment', 32, 1, null, 'Special equipment'),
  fig('srbm', 4, null, null, 'Mobile SRBM'),
  fig('personnel', 23200, 200, 'about', 'Military personnel'),
], [prisoners('Military personnel', '496', 23200, 200)]);

// uk-month-2022-05.html
const DAY_2022_05_01 = report('2022-05-01', 'uk', [
  fig('tanks', 1026, 18, null, 'Танки'),
  fig('afv', 2471, 26, null, 'ББМ'),
  fig('artillery', 451, 15, null, 'Гармати'),
  fig('mlrs', 151, null, null, 'РСЗВ'),
  fig('air_defense', 80, 3, null, 'Засоби ППО'),
  fig('aircraft', 192, 2, null, 'Літаки'),
  fig('helicopters', 155, null, null, 'Гелікоптери'),
  fig('vehicles_fuel', 1796, 20, null, 'Автомобілі та автоцистерни'),
  fig('ships', 8, null, null, 'Кораблі (катери)'),
  fig('uav', 245, 13, null, 'БПЛА'),
  fig('special_equipment', 32, null, null, 'Спеціальна техніка'),
  fig('cruise_missiles', 84, null, null, 'Крилаті ракети'),
  fig('personnel', 23500, 300, 'about', 'Особовий склад'),
], [prisoners('Особовий склад', '496', 23500, 300)]);
const DAY_2022_05_02 = report('2022-05-02', 'uk', [
  fig('tanks', 1048, 22, null, 'Танки'),
  fig('afv', 2519, 48, null, 'ББМ'),
  fig('artillery', 459, 8, null, 'Гармати'),
  fig('mlrs', 152, 1, null, 'РСЗВ'),
  fig('air_defense', 80, null, null, 'Засоби ППО'),
  fig('aircraft', 194, 2, null, 'Літаки'),
  fig('helicopters', 155, null, null, 'Гелікоптери'),
  fig('vehicles_fuel', 1824, 28, null, 'Автомобілі та автоцистерни'),
  fig('ships', 8, null, null, 'Кораблі (катери)'),
  fig('uav', 271, 26, null, 'БПЛА'),
  fig('special_equipment', 38, 6, null, 'Спеціальна техніка'),
  fig('cruise_missiles', 84, null, null, 'Крилаті ракети'),
  fig('personnel', 23800, 300, 'about', 'Особовий склад'),
], [prisoners('Особовий склад', '496', 23800, 300)]);
const DAY_2022_05_03 = report('2022-05-03', 'uk', [
  fig('tanks', 1062, 14, null, 'Танки'),
  fig('afv', 2567, 48, null, 'ББМ'),
  fig('artillery', 475, 16, null, 'Гармати'),
  fig('mlrs', 162, 10, null, 'РСЗВ'),
  fig('air_defense', 80, null, null, 'Засоби ППО'),
  fig('aircraft', 194, null, null, 'Літаки'),
  fig('helicopters', 155, null, null, 'Гелікоптери'),
  fig('vehicles_fuel', 1843, 19, null, 'Автомобілі та автоцистерни'),
  fig('ships', 10, 2, null, 'Кораблі (катери)'),
  fig('uav', 291, 20, null, 'БПЛА'),
  fig('special_equipment', 38, null, null, 'Спеціальна техніка'),
  fig('cruise_missiles', 84, null, null, 'Крилаті ракети'),
  fig('personnel', 24200, 400, 'about', 'Особовий склад'),
], [prisoners('Особовий склад', '496', 24200, 400)]);

// text-2022-03-07_2022-03-09.txt
const DAY_2022_03_07 = report('2022-03-07', 'uk', [
  fig('tanks', 290, 5, null, 'Танки'),
  fig('afv', 999, 14, null, 'ББМ'),
  fig('aircraft', 46, 2, null, 'Літаки'),
  fig('helicopters', 68, 20, null, 'Гелікоптери'),
  fig('artillery', 117, 8, null, 'Гармати'),
  fig('military_auto', 454, 7, null, 'Автомобілі'),
  fig('mlrs', 50, null, null, 'РСЗВ'),
  fig('air_defense', 23, 2, null, 'Засоби ППО'),
  fig('uav', 7, 3, null, 'БПЛА'),
  fig('fuel_tanks', 60, null, null, 'Цистерни з ППМ'),
  fig('ships', 3, 1, null, 'Кораблі (катери)'),
  fig('personnel', 11000, null, 'about', 'Особовий склад'),
], [prisoners('Особовий склад', '259 (+14)', 11000, null)]);
const DAY_2022_03_08 = report('2022-03-08', 'uk', [
  fig('tanks', 303, 13, null, 'Танки'),
  fig('afv', 1036, 37, null, 'ББМ'),
  fig('aircraft', 48, 2, null, 'Літаки'),
  fig('helicopters', 80, 12, null, 'Гелікоптери'),
  fig('artillery', 120, 3, null, 'Гармати'),
  fig('military_auto', 474, 20, null, 'Автомобілі'),
  fig('mlrs', 56, 6, null, 'РСЗВ'),
  fig('air_defense', 27, 4, null, 'Засоби ППО'),
  fig('uav', 7, null, null, 'БПЛА'),
  fig('fuel_tanks', 60, null, null, 'Цистерни з ППМ'),
  fig('ships', 3, null, null, 'Кораблі (катери)'),
  fig('personnel', 12000, 1000, 'about', 'Особовий склад'),
], [prisoners('Особовий склад', '284 (+25)', 12000, 1000)]);
const DAY_2022_03_09 = report('2022-03-09', 'uk', [
  fig('tanks', 317, 14, null, 'Танки'),
  fig('afv', 1070, 34, null, 'ББМ'),
  fig('aircraft', 49, 1, null, 'Літаки'),
  fig('helicopters', 81, 1, null, 'Гелікоптери'),
  fig('artillery', 120, null, null, 'Гармати'),
  fig('military_auto', 482, 8, null, 'Автомобілі'),
  fig('mlrs', 56, null, null, 'РСЗВ'),
  fig('air_defense', 28, 1, null, 'Засоби ППО'),
  fig('uav', 7, null, null, 'БПЛА'),
  fig('fuel_tanks', 60, null, null, 'Цистерни з ППМ'),
  fig('ships', 3, null, null, 'Кораблі (катери)'),
  fig('personnel', 12000, null, 'about', 'Особовий склад'),
], [prisoners('Особовий склад', '371 (+87)', 12000, null)]);

describe('parseMinfinPage on the Ukrainian main page (2023-03-25, three days)', () => {
  const html = fixture('uk-main-2023-03-25.html');

  it('reads every day, oldest first, with the deltas in <small> and the zero deltas left out', () => {
    expect(parseMinfinPage(html, {})).toEqual(reports(DAY_2023_03_23, DAY_2023_03_24, DAY_2023_03_25));
  });

  it('never reads the infographic legend, the month links or the right-hand column', () => {
    // Each would parse as a figure line or a day if the parser looked outside div.casualties.
    expect(html).toContain('угруповання на кордоні з Україною&nbsp;&ndash; 1200');
    expect(html).toContain('Всі війська РФ&nbsp;&ndash; 900000');
    expect(html).toContain("<span class='black'>26.03.2023</span>");
    expect(html).toContain('USD&nbsp;&mdash; 36 <small>(+1)</small>');
    expect(parseMinfinPage(html, {})).toEqual(reports(DAY_2023_03_23, DAY_2023_03_24, DAY_2023_03_25));
  });

  it('narrows the page to the day the caller asks for', () => {
    expect(parseMinfinPage(html, { date: '2023-03-24' })).toEqual(reports(DAY_2023_03_24));
  });

  it('is no report when the caller asks for a day the page does not list, and says which days it lists', () => {
    expect(parseMinfinPage(html, { date: '2023-03-26' })).toEqual({
      status: 'no_report',
      reason: 'index.minfin.com.ua page has no report for 2023-03-26 (it holds 2023-03-23 … 2023-03-25)',
      otherDays: true,
    });
  });
});

describe('parseMinfinPage on an early-2022 Ukrainian page (state of 2022-04-03)', () => {
  const html = fixture('uk-main-2022-04-03-early.html');

  it('reads the early labels, the "до / більше / более / близько" qualifiers and the unknown "ЗРК БУК" line', () => {
    expect(parseMinfinPage(html, {})).toEqual(
      reports(DAY_2022_02_24, DAY_2022_02_25, DAY_2022_02_26, DAY_2022_02_27, DAY_2022_03_04, DAY_2022_04_03),
    );
  });

  it('skips the last "Див. також:" entry, which has no date', () => {
    expect(html).toContain("<span class='black'>Див. також:</span>");
    const outcome = parseMinfinPage(html, {});
    expect(outcome.status === 'reports' ? outcome.reports.map((r) => r.reportDate) : outcome).toEqual([
      '2022-02-24',
      '2022-02-25',
      '2022-02-26',
      '2022-02-27',
      '2022-03-04',
      '2022-04-03',
    ]);
  });

  it('keeps the personnel total of "близько 18000 осіб, 460 полонених" and turns the prisoners into a warning', () => {
    expect(parseMinfinPage(html, { date: '2022-04-03' })).toEqual(reports(DAY_2022_04_03));
    expect(DAY_2022_04_03.warnings).toEqual([
      {
        code: 'prisoners_of_war',
        message: '"Особовий склад": also states 460 prisoners of war, which is not a General Staff category and is not stored',
        label: 'Особовий склад',
        total: 18000,
        delta: null,
      },
    ]);
  });

  it('reads the retired categories (vehicles, fuel tanks, SRBM launchers) under their minfin labels', () => {
    const retired = DAY_2022_04_03.figures.filter((f) => ['military_auto', 'fuel_tanks', 'srbm'].includes(f.category));
    expect(retired).toEqual([
      fig('military_auto', 1249, null, null, 'Автомобілі'),
      fig('fuel_tanks', 76, null, null, 'Цистерни з ППМ'),
      fig('srbm', 4, null, null, 'Пускові установки ОТРК'),
    ]);
  });

  it('reads the first day, which no reference series has', () => {
    expect(parseMinfinPage(html, { date: '2022-02-24' })).toEqual(reports(DAY_2022_02_24));
  });
});

describe('parseMinfinPage on the English main page (2023-09-14, two days)', () => {
  const html = fixture('en-main-2023-09-14.html');

  it('reads the English labels, "aprx. N people" and the first submarine line', () => {
    expect(parseMinfinPage(html, {})).toEqual(reports(DAY_2023_09_13, DAY_2023_09_14));
  });

  it('skips the "See also:" entry and the infographic legend', () => {
    expect(html).toContain("<span class='black'>See also:</span>");
    expect(html).toContain('group on the border with Ukraine&nbsp;&ndash; 140000');
    expect(parseMinfinPage(html, { date: '2023-09-14' })).toEqual(reports(DAY_2023_09_14));
  });
});

describe('parseMinfinPage on the English April 2022 month archive (month.php?month=2022-04)', () => {
  it('reads the old English labels: "Cannons", "Aircrafts", "Cars", "Cisterns with fuel", "Mobile SRBM"', () => {
    expect(parseMinfinPage(fixture('en-month-2022-04.html'), {})).toEqual(reports(DAY_2022_04_29, DAY_2022_04_30));
  });

  it('is no report for a day of another month', () => {
    expect(parseMinfinPage(fixture('en-month-2022-04.html'), { date: '2022-05-01' })).toEqual({
      status: 'no_report',
      reason: 'index.minfin.com.ua page has no report for 2022-05-01 (it holds 2022-04-29 … 2022-04-30)',
      otherDays: true,
    });
  });
});

describe('parseMinfinPage on the Ukrainian May 2022 month archive (…/casualties/2022-05/)', () => {
  const html = fixture('uk-month-2022-05.html');

  it('reads the new list of 2022-05-01 (cruise missiles, vehicles and fuel tanks together) with the prisoners after the delta', () => {
    expect(parseMinfinPage(html, {})).toEqual(reports(DAY_2022_05_01, DAY_2022_05_02, DAY_2022_05_03));
  });

  it('narrows the archive to one day', () => {
    expect(parseMinfinPage(html, { date: '2022-05-02' })).toEqual(reports(DAY_2022_05_02));
  });

  it('lists no retired category after 2022-04-30', () => {
    const outcome = parseMinfinPage(html, {});
    const categories = outcome.status === 'reports' ? outcome.reports.flatMap((r) => r.figures.map((f) => f.category)) : [];
    expect(categories.filter((c) => c === 'military_auto' || c === 'fuel_tanks' || c === 'srbm')).toEqual([]);
  });
});

describe('parseMinfinText on the minfin day-by-day text (2022-03-07 … 2022-03-09)', () => {
  const text = fixture('text-2022-03-07_2022-03-09.txt');

  it('reads every day, oldest first, through CRLF line ends, blank lines and trailing spaces', () => {
    expect(parseMinfinText(text, {})).toEqual(reports(DAY_2022_03_07, DAY_2022_03_08, DAY_2022_03_09));
  });

  it('keeps the personnel delta "(+1000)" and warns about the prisoners with their own delta "(+25)"', () => {
    expect(parseMinfinText(text, { date: '2022-03-08' })).toEqual(reports(DAY_2022_03_08));
    expect(DAY_2022_03_08.warnings).toEqual([
      {
        code: 'prisoners_of_war',
        message: '"Особовий склад": also states 284 (+25) prisoners of war, which is not a General Staff category and is not stored',
        label: 'Особовий склад',
        total: 12000,
        delta: 1000,
      },
    ]);
  });

  it('is no report when the caller asks for a day the text does not hold', () => {
    expect(parseMinfinText(text, { date: '2022-03-10' })).toEqual({
      status: 'no_report',
      reason: 'the minfin text has no report for 2022-03-10 (it holds 2022-03-07 … 2022-03-09)',
      otherDays: true,
    });
  });

  it('reads a one-day text and names its single day when another is asked for', () => {
    const one = '24.02.2022\nТанки — более 30\nББМ — 130\nЛітаки — 7\nГелікоптери — 6\nОсобовий склад — 800 осіб\n';
    expect(parseMinfinText(one, {})).toEqual(reports(DAY_2022_02_24));
    expect(parseMinfinText(one, { date: '2022-02-25' })).toEqual({
      status: 'no_report',
      reason: 'the minfin text has no report for 2022-02-25 (it holds 2022-02-24)',
      otherDays: true,
    });
  });

  it('reads the "понад N полоненими" and "близько N полонених" forms of the prisoners', () => {
    const text2 = [
      '02.03.2022',
      'Особовий склад — 5840 осіб, понад 200 полоненими',
      '18.05.2022',
      'Особовий склад — близько 28300 осіб (+400), близько 500 полонених',
    ].join('\n');
    expect(parseMinfinText(text2, {})).toEqual(
      reports(
        report('2022-03-02', 'uk', [fig('personnel', 5840, null, null, 'Особовий склад')], [prisoners('Особовий склад', 'more than 200', 5840, null)]),
        report('2022-05-18', 'uk', [fig('personnel', 28300, 400, 'about', 'Особовий склад')], [prisoners('Особовий склад', 'about 500', 28300, 400)]),
      ),
    );
  });
});

describe('parseMinfinPage on pages that hold no report', () => {
  it('says a captcha page is blocked, not empty', () => {
    expect(parseMinfinPage(fixture('captcha-cloudflare.html'), {})).toEqual({
      status: 'blocked',
      reason: 'the site answered with a bot-protection page ("Just a moment...")',
    });
  });

  it('says a captcha page is blocked also when the caller expects a date', () => {
    expect(parseMinfinPage(fixture('captcha-cloudflare.html'), { date: '2023-03-25' })).toEqual({
      status: 'blocked',
      reason: 'the site answered with a bot-protection page ("Just a moment...")',
    });
  });

  it('says a minfin page whose only list is "Див. також:" is no report', () => {
    expect(parseMinfinPage(fixture('sanctions-see-also-only.html'), {})).toEqual({
      status: 'no_report',
      reason: 'index.minfin.com.ua page lists no dated day; it is not a casualties page',
    });
  });

  it('says a page from another site, without ul.see-also > li.gold, is no report', () => {
    const kmu = readFileSync(new URL('../fixtures/kmu/2023-06-15.html', import.meta.url), 'utf8');
    expect(parseMinfinPage(kmu, {})).toEqual({
      status: 'no_report',
      reason: 'index.minfin.com.ua page has no day list (ul.see-also > li.gold); it is not a casualties page',
    });
  });

  it('says a page with days but no figure lines is a parse error (the layout changed)', () => {
    expect(parseMinfinPage(fixture('uk-main-2023-03-25-layout-changed.html'), {})).toEqual({
      status: 'parse_error',
      reason: 'index.minfin.com.ua page lists 2023-03-24 … 2023-03-25 but no figure lines; the layout may have changed',
    });
  });

  it('says the asked day is a parse error when the page lists it without figure lines', () => {
    const html = [
      "<ul class='see-also'>",
      "<li class='gold'><span class='black'>25.03.2023</span><div class='casualties'><div><ul><li>Танки&nbsp;&mdash; 3580 <small>(+6)</small></li></ul></div></div></li>",
      "<li class='gold'><span class='black'>24.03.2023</span><div class='casualties'><div><p>Дані оновлюються</p></div></div></li>",
      '</ul>',
    ].join('\n');
    expect(parseMinfinPage(html, { date: '2023-03-24' })).toEqual({
      status: 'parse_error',
      reason: 'index.minfin.com.ua page lists 2023-03-24 but no figure lines for it; the layout may have changed',
    });
    expect(parseMinfinPage(html, {})).toEqual(reports(report('2023-03-25', 'uk', [fig('tanks', 3580, 6, null, 'Танки')])));
  });

  it('says an impossible date is a parse error', () => {
    const html = "<ul class='see-also'><li class='gold'><span class='black'>31.02.2023</span><div class='casualties'><div><ul><li>Танки&nbsp;&mdash; 3580</li></ul></div></div></li></ul>";
    expect(parseMinfinPage(html, {})).toEqual({ status: 'parse_error', reason: 'index.minfin.com.ua page lists an impossible date "31.02.2023"' });
  });

  it('keeps the first listing of a day that the page lists twice', () => {
    const day = (tanks: number) =>
      `<li class='gold'><span class='black'>25.03.2023</span><div class='casualties'><div><ul><li>Танки&nbsp;&mdash; ${tanks}</li></ul></div></div></li>`;
    const html = `<ul class='see-also'>${day(3580)}${day(3574)}</ul>`;
    expect(parseMinfinPage(html, {})).toEqual(reports(report('2023-03-25', 'uk', [fig('tanks', 3580, null, null, 'Танки')])));
  });
});

describe('parseMinfinText on texts that hold no report', () => {
  it('says a text without a dd.mm.yyyy line is no report', () => {
    expect(parseMinfinText('Втрати Росії в Україні\nофіційні дані\n', {})).toEqual({
      status: 'no_report',
      reason: 'the minfin text has no date line (dd.mm.yyyy); it is not the minfin day-by-day text',
    });
  });

  it('says figure lines before the first date line are a parse error', () => {
    expect(parseMinfinText('Танки — 3580 (+6)\n25.03.2023\nББМ — 6932 (+11)\n', {})).toEqual({
      status: 'parse_error',
      reason: 'the minfin text has figure lines before its first date line (dd.mm.yyyy): "Танки — 3580 (+6)"',
    });
  });

  it('ignores a title line before the first date line', () => {
    expect(parseMinfinText('Втрати Росії\n25.03.2023\nТанки — 3580 (+6)\n', {})).toEqual(
      reports(report('2023-03-25', 'uk', [fig('tanks', 3580, 6, null, 'Танки')])),
    );
  });

  it('says dates without figure lines are a parse error', () => {
    expect(parseMinfinText('25.03.2023\nдані уточнюються\n24.03.2023\n', {})).toEqual({
      status: 'parse_error',
      reason: 'the minfin text lists 2023-03-24 … 2023-03-25 but no figure lines; the layout may have changed',
    });
  });
});

describe('minfinUrlsFor', () => {
  it('gives the month archive, then its older month.php form, then the main page', () => {
    expect(minfinUrlsFor('2022-04-03')).toEqual([
      'https://index.minfin.com.ua/ua/russian-invading/casualties/2022-04/',
      'https://index.minfin.com.ua/ua/russian-invading/casualties/month.php?month=2022-04',
      'https://index.minfin.com.ua/ua/russian-invading/casualties/',
    ]);
  });

  it('uses the month of the date, also at the turn of a year', () => {
    expect(minfinUrlsFor('2023-01-01')).toEqual([
      'https://index.minfin.com.ua/ua/russian-invading/casualties/2023-01/',
      'https://index.minfin.com.ua/ua/russian-invading/casualties/month.php?month=2023-01',
      'https://index.minfin.com.ua/ua/russian-invading/casualties/',
    ]);
  });

  it('builds every URL on MINFIN_BASE_URL', () => {
    expect(MINFIN_BASE_URL).toBe('https://index.minfin.com.ua');
    expect(minfinUrlsFor('2026-08-08').every((url) => url.startsWith(`${MINFIN_BASE_URL}/ua/`))).toBe(true);
  });
});

// Conformance: the real minfin samples in ../shared against the reference series.

/** A difference between a minfin total and reference_long.csv that is explained, with why. */
interface Allowed {
  /** minfin's total; null when minfin lists no line for the category that day. */
  readonly minfin: number | null;
  readonly why: string;
}

interface Difference {
  readonly key: string;
  readonly minfin: number | null;
  readonly reference: number | null;
}

const EARLY_LIST = 'minfin lists only tanks, AFV, aircraft, helicopters and personnel on 2022-02-24 … 26 (FORMATS §7); the reference fills the day from later PetroIvaniuk data';
const FIRST_UPDATE = "minfin keeps the first of the General Staff's several updates of 2022-02-26, as Andrew's daily minfin scrape does; PetroIvaniuk and Roman (the reference) have a later one";
const NO_VEHICLES_YET = 'minfin lists vehicles ("Автомобілі") from 2022-02-28 (FORMATS §7); the reference fills the day from PetroIvaniuk';
const NO_FUEL_TANKS_YET = 'minfin lists fuel tanks ("Цистерни з ППМ") from 2022-03-02 (FORMATS §7); the reference fills the day with 60 from PetroIvaniuk';

/** Differences found in both the 2022-04-03 page and the 2023 text (minfin's own early history). */
const MINFIN_EARLY_HISTORY: Readonly<Record<string, Allowed>> = {
  '2022-02-25|artillery': { minfin: null, why: EARLY_LIST },
  '2022-02-25|mlrs': { minfin: null, why: EARLY_LIST },
  '2022-02-25|air_defense': { minfin: null, why: EARLY_LIST },
  '2022-02-25|uav': { minfin: null, why: EARLY_LIST },
  '2022-02-25|ships': { minfin: null, why: EARLY_LIST },
  '2022-02-25|military_auto': { minfin: null, why: EARLY_LIST },
  '2022-02-25|fuel_tanks': { minfin: null, why: EARLY_LIST },
  '2022-02-26|artillery': { minfin: null, why: EARLY_LIST },
  '2022-02-26|mlrs': { minfin: null, why: EARLY_LIST },
  '2022-02-26|air_defense': { minfin: null, why: EARLY_LIST },
  '2022-02-26|uav': { minfin: null, why: EARLY_LIST },
  '2022-02-26|ships': { minfin: null, why: EARLY_LIST },
  '2022-02-26|military_auto': { minfin: null, why: EARLY_LIST },
  '2022-02-26|fuel_tanks': { minfin: null, why: EARLY_LIST },
  '2022-02-26|tanks': { minfin: 100, why: FIRST_UPDATE },
  '2022-02-26|afv': { minfin: 540, why: FIRST_UPDATE },
  '2022-02-26|helicopters': { minfin: 18, why: FIRST_UPDATE },
  '2022-02-26|personnel': { minfin: 3000, why: FIRST_UPDATE },
  '2022-02-27|military_auto': { minfin: null, why: NO_VEHICLES_YET },
  '2022-02-27|fuel_tanks': { minfin: null, why: NO_FUEL_TANKS_YET },
  '2022-02-28|fuel_tanks': { minfin: null, why: NO_FUEL_TANKS_YET },
  '2022-03-01|fuel_tanks': { minfin: null, why: NO_FUEL_TANKS_YET },
  '2022-02-28|tanks': { minfin: 191, why: "Andrew's daily minfin scrape also has 191; PetroIvaniuk and Roman 150 (several updates a day in the first week)" },
  '2022-03-04|aircraft': { minfin: 37, why: "Andrew's daily minfin scrape also has 37; PetroIvaniuk and Roman 33" },
  '2022-03-26|uav': { minfin: 53, why: "Andrew's daily minfin scrape also has 53; PetroIvaniuk and Roman 56" },
};

/** Differences only in the page as it was on 2022-04-03. */
const PAGE_2022_04_03: Readonly<Record<string, Allowed>> = {
  '2022-02-27|air_defense': { minfin: null, why: 'the page lists "ЗРК БУК — 1" (no category: a not_a_category warning) and no "Засоби ППО" line; the reference has 0' },
  '2022-02-28|air_defense': { minfin: null, why: 'the page lists "ЗРК БУК — 1" (no category: a not_a_category warning) and no "Засоби ППО" line; the reference has 5' },
};

/** Differences only in the text of 2023-03-25 (minfin rewrote some days after 2022-04-03). */
const TEXT_2023_03_25: Readonly<Record<string, Allowed>> = {
  '2022-02-27|air_defense': { minfin: 1, why: 'by 2023 minfin shows the "ЗРК БУК — 1" line of the 2022-04-03 page as "Засоби ППО — 1" (Andrew 1); the reference has 0' },
  '2022-02-28|air_defense': { minfin: 1, why: 'by 2023 minfin shows the "ЗРК БУК — 1" line of the 2022-04-03 page as "Засоби ППО — 1" (Andrew 1); the reference has 5' },
  '2022-03-01|air_defense': { minfin: 8, why: 'by 2023 minfin adds the "ЗРК БУК — 1" line of the 2022-04-03 page to its "Засоби ППО — 7"; the reference has 7' },
  '2022-04-04|uav': { minfin: 92, why: "Andrew's daily minfin scrape also has 92; PetroIvaniuk and Roman 91" },
  '2022-10-11|afv': { minfin: 5156, why: "the 2023 text repeats the next day's 5156; PetroIvaniuk, Roman and Andrew (scraped on the day) have 5162" },
  '2022-10-12|afv': { minfin: 5156, why: 'the datasets disagree on this day (PetroIvaniuk 5181, Roman 5165, Andrew 5156; datasets README §9) and the known-issues file does not list it' },
};

/** The first day, which the reference does not have (it starts 2022-02-25): Roman's and Andrew's row. */
const FIRST_DAY = { date: '2022-02-24', totals: { tanks: 30, afv: 130, aircraft: 7, helicopters: 6, personnel: 800 } };

/** reference_known_issues.csv rows "differs_from_minfin_scrapes": minfin has the "roman=" value. */
function knownMinfinDifferences(): Record<string, Allowed> {
  const allowed: Record<string, Allowed> = {};
  const lines = readFileSync(`${DATASETS}reference_known_issues.csv`, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [date, category, , issue, detail = ''] = line.split(',');
    const roman = /roman=(\d+)/.exec(detail)?.[1];
    if (issue === 'differs_from_minfin_scrapes' && roman) {
      allowed[`${date}|${category}`] = { minfin: Number(roman), why: `reference_known_issues.csv: differs_from_minfin_scrapes (${detail})` };
    }
  }
  return allowed;
}

/**
 * minfin keeps listing the retired fuel tanks (76) and SRBM launchers (4) after 2022-04-30,
 * where the reference stops them (FORMATS §7, datasets README §4).
 */
function isRetiredCategoryKept(date: string, category: string, minfin: number | null, reference: number | null): boolean {
  if (date <= '2022-04-30' || reference !== null) return false;
  return (category === 'fuel_tanks' && minfin === 76) || (category === 'srbm' && minfin === 4);
}

function categoriesByDate(reference: ReadonlyMap<string, number>): Map<string, string[]> {
  const byDate = new Map<string, string[]>();
  for (const key of reference.keys()) {
    const [date = '', category = ''] = key.split('|');
    byDate.set(date, [...(byDate.get(date) ?? []), category]);
  }
  return byDate;
}

function differencesFromReference(days: readonly ParsedReport[], reference: ReadonlyMap<string, number>): Difference[] {
  const categories = categoriesByDate(reference);
  const found: Difference[] = [];
  for (const day of days) {
    if (day.reportDate === FIRST_DAY.date) continue;
    const minfin = new Map<string, number | null>(day.figures.map((f) => [f.category, f.total]));
    for (const category of new Set([...minfin.keys(), ...(categories.get(day.reportDate) ?? [])])) {
      const key = `${day.reportDate}|${category}`;
      const difference = { key, minfin: minfin.get(category) ?? null, reference: reference.get(key) ?? null };
      if (difference.minfin !== difference.reference) found.push(difference);
    }
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

/** The differences no allowance explains, and the allowances for the sample's days that went unused. */
function checkAgainstReference(days: readonly ParsedReport[], reference: ReadonlyMap<string, number>, allowed: Readonly<Record<string, Allowed>>) {
  const found = differencesFromReference(days, reference);
  const unexplained = found.filter((d) => {
    const allowance = allowed[d.key];
    if (allowance) return allowance.minfin !== d.minfin;
    const [date = '', category = ''] = d.key.split('|');
    return !isRetiredCategoryKept(date, category, d.minfin, d.reference);
  });
  const dates = new Set(days.map((d) => d.reportDate));
  const used = new Set(found.map((d) => d.key));
  const unused = Object.keys(allowed).filter((key) => dates.has(key.split('|')[0] ?? '') && !used.has(key));
  return { unexplained, unused };
}

function daysFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

function totalsOn(days: readonly ParsedReport[], date: string): Record<string, number | null> {
  const day = days.find((d) => d.reportDate === date);
  return Object.fromEntries((day?.figures ?? []).map((f) => [f.category, f.total]));
}

function warningSummary(days: readonly ParsedReport[]) {
  const counts: Record<string, number> = {};
  const others: string[] = [];
  for (const day of days) {
    for (const warning of day.warnings) {
      counts[warning.code] = (counts[warning.code] ?? 0) + 1;
      if (warning.code !== 'prisoners_of_war') others.push(`${day.reportDate} ${warning.message}`);
    }
  }
  return { counts, others };
}

function reportsOf(outcome: DocumentOutcome): readonly ParsedReport[] {
  if (outcome.status !== 'reports') throw new Error(`expected reports, got ${outcome.status}: ${outcome.reason}`);
  return outcome.reports;
}

const available = sharedAvailable();
if (!available) reportSkipped('the minfin conformance block (3 minfin samples against reference_long.csv)');

describe.runIf(available)('minfin samples against reference_long.csv', () => {
  const reference = available ? readReferenceTotals() : new Map<string, number>();
  const known = available ? knownMinfinDifferences() : {};

  describe('minfin-uk-2022-04-03.html (the main page as it was on 2022-04-03)', () => {
    const days = available ? reportsOf(parseMinfinPage(readSample('minfin-uk-2022-04-03.html'), {})) : [];

    it('lists 39 days, 2022-02-24 … 2022-04-03; the 40th li.gold is "Див. також:", not a day', () => {
      expect(days.map((d) => d.reportDate)).toEqual(daysFrom('2022-02-24', '2022-04-03'));
    });

    it('gives the reference totals on every day except the listed, explained differences', () => {
      const result = checkAgainstReference(days, reference, { ...known, ...MINFIN_EARLY_HISTORY, ...PAGE_2022_04_03 });
      expect(result).toEqual({ unexplained: [], unused: [] });
    });

    it("gives Roman's and Andrew's totals for 2022-02-24, a day the reference does not have", () => {
      expect(reference.has('2022-02-24|tanks')).toBe(false);
      expect(totalsOn(days, FIRST_DAY.date)).toEqual(FIRST_DAY.totals);
    });

    it('names "ЗРК БУК" three times as no category, and the prisoners on every day from 2022-02-27 ("майже" reads as "about")', () => {
      const buk = '"ЗРК БУК" (total 1, no delta): a Buk surface-to-air missile system, counted apart in the first days of the war; not a category of the report, not stored';
      expect(warningSummary(days)).toEqual({
        counts: { not_a_category: 3, prisoners_of_war: 36 },
        others: [`2022-02-27 ${buk}`, `2022-02-28 ${buk}`, `2022-03-01 ${buk}`],
      });
      expect(days.find((d) => d.reportDate === '2022-03-08')?.figures.find((f) => f.category === 'personnel')?.qualifier).toBe('about');
    });
  });

  describe('minfin-uk-2022-02-24_2023-03-25.txt (the text of every day, as minfin showed them on 2023-03-25)', () => {
    const days = available ? reportsOf(parseMinfinText(readSample('minfin-uk-2022-02-24_2023-03-25.txt'), {})) : [];

    it('holds 395 days, 2022-02-24 … 2023-03-25, none missing', () => {
      expect(days.map((d) => d.reportDate)).toEqual(daysFrom('2022-02-24', '2023-03-25'));
    });

    it('gives the reference totals on every day except the listed, explained differences', () => {
      const result = checkAgainstReference(days, reference, { ...known, ...MINFIN_EARLY_HISTORY, ...TEXT_2023_03_25 });
      expect(result).toEqual({ unexplained: [], unused: [] });
    });

    it("gives Roman's and Andrew's totals for 2022-02-24, a day the reference does not have", () => {
      expect(totalsOn(days, FIRST_DAY.date)).toEqual(FIRST_DAY.totals);
    });

    it('warns only about the prisoners of war, on each of the 131 days that state them', () => {
      expect(warningSummary(days)).toEqual({ counts: { prisoners_of_war: 131 }, others: [] });
    });
  });

  describe('minfin-uk-2022-04-01_2022-04-02.txt (two days of the same text form)', () => {
    const days = available ? reportsOf(parseMinfinText(readSample('minfin-uk-2022-04-01_2022-04-02.txt'), {})) : [];

    it('holds 2022-04-02 and 2022-04-03, one day later than its name says', () => {
      expect(days.map((d) => d.reportDate)).toEqual(['2022-04-02', '2022-04-03']);
    });

    it('gives the reference totals on both days, with no difference to explain', () => {
      expect(differencesFromReference(days, reference)).toEqual([]);
      expect(warningSummary(days)).toEqual({ counts: { prisoners_of_war: 2 }, others: [] });
    });
  });
});
