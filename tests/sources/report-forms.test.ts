/**
 * Forms of the report that real copies take and a careless paste produces: a one-paragraph
 * summary after a prose lead-in, labels inflected by the sentence (Ukrainian and Russian), a
 * word cut at its start, a heading date that the post date contradicts, a Ukrainian post date,
 * a note line with a link, minus signs, a line with only a delta, and text that is no report.
 * Every figure is exact, or the line ends in the named warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKmuPage } from '../../src/sources/kmu/parse.js';
import { parseMilgovPage } from '../../src/sources/milgov/parse.js';
import { parseReportText } from '../../src/sources/text/parse.js';
import type { ParseOutcome } from '../../src/sources/types.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
type Row = [string, number | null, number | null, string | null, string];

/** A report as rows, with its warnings as code and message; any other outcome as it is. */
function rows(outcome: ParseOutcome) {
  if (outcome.status !== 'report') return outcome;
  const { reportDate, language, figures, warnings } = outcome.report;
  return { reportDate, language, figures: figures.map((f): Row => [f.category, f.total, f.delta, f.qualifier, f.label]), warnings: warnings.map((w) => `${w.code}: ${w.message}`) };
}

describe('media texts', () => {
  it('reads the one-paragraph summary after a prose lead-in, taking the year from the date line', () => {
    expect(rows(parseReportText(fixture('text/regional-uk-2022-10-15.txt'), {}))).toEqual({
      reportDate: '2022-10-15',
      language: 'uk',
      figures: [
        ['personnel', 64700, 400, 'about', 'особового складу'],
        ['tanks', 2524, 3, null, 'танків'],
        ['afv', 5179, 7, null, 'бойових броньованих машин'],
        ['artillery', 1582, 16, null, 'артилерійських систем'],
        ['mlrs', 365, 3, null, 'РСЗВ'],
        ['air_defense', 186, 0, null, 'засобів ППО'],
        ['aircraft', 268, 0, null, 'літаків'],
        ['helicopters', 242, 2, null, 'гелікоптерів'],
        ['uav', 1210, 11, null, 'БПЛА оперативно-тактичного рівня'],
        ['cruise_missiles', 316, 0, null, 'крилатих ракет'],
        ['ships', 16, 0, null, 'кораблів / катерів'],
        ['vehicles_fuel', 3951, 7, null, 'автомобільної техніки та автоцистерн'],
        ['special_equipment', 142, 0, null, 'спеціальної техніки'],
      ],
      warnings: [],
    });
  });

  it('reads labels in the accusative after "знищили:"', () => {
    const report = rows(parseReportText(fixture('text/accusative-uk-2024-06-11.txt'), {}));
    expect(report).toMatchObject({ reportDate: '2024-06-11', language: 'uk', warnings: [] });
    expect((report as { figures: Row[] }).figures.slice(-2)).toEqual([
      ['vehicles_fuel', 18676, 58, null, 'автомобільну техніку та автоцистерни'],
      ['special_equipment', 2288, 21, null, 'спеціальну техніку'],
    ]);
    expect((report as { figures: Row[] }).figures).toHaveLength(14);
  });

  it('reads a Russian-language copy, dated by "с 24.02.22 по 11.06.24"', () => {
    expect(rows(parseReportText(fixture('text/ru-copy-2024-06-11.txt'), {}))).toEqual({
      reportDate: '2024-06-11',
      language: 'ru',
      figures: [
        ['personnel', 520850, 1100, 'about', 'личный состав'],
        ['tanks', 7902, 23, null, 'танки'],
        ['afv', 15176, 32, null, 'боевые бронированные машины'],
        ['artillery', 13690, 46, null, 'артиллерийские системы'],
        ['mlrs', 1099, 1, null, 'РСЗО'],
        ['air_defense', 842, 5, null, 'средства ПВО'],
        ['aircraft', 359, 1, null, 'самолеты'],
        ['helicopters', 326, null, null, 'вертолеты'],
        ['uav', 11023, 13, null, 'БПЛА оперативно-тактического уровня'],
        ['cruise_missiles', 2278, null, null, 'крылатые ракеты'],
        ['ships', 28, null, null, 'корабли/катера'],
        ['submarines', 1, null, null, 'подводные лодки'],
        ['vehicles_fuel', 18676, 58, null, 'автомобильная техника и автоцистерны'],
        ['special_equipment', 2288, 21, null, 'специальная техника'],
      ],
      warnings: [],
    });
  });
});

describe('defects of real pages', () => {
  it('dates a kmu.gov.ua page by its post when the heading names the day before, and says so', () => {
    const report = rows(parseKmuPage(fixture('kmu/2023-12-29-heading-28.html'), {}));
    expect(report).toMatchObject({
      reportDate: '2023-12-29',
      warnings: [
        'date_conflict: the page states "from 24.02.22 to 28.12.23" (2023-12-28) but was posted on 2023-12-29; a page posted the morning after its stated date holds that morning\'s report: report date 2023-12-29',
      ],
    });
    expect((report as { figures: Row[] }).figures[0]).toEqual(['personnel', 357520, 850, 'about', 'personnel']);
    // Asked for the day its heading names, it is another day's report.
    expect(parseKmuPage(fixture('kmu/2023-12-29-heading-28.html'), { date: '2023-12-28' })).toEqual({
      status: 'no_report',
      reason: 'kmu.gov.ua page holds the report for 2023-12-29, not 2023-12-28',
      otherDays: true,
    });
  });

  it('reads a line whose first word is cut as the longer label it ends, and keeps the real aircraft line', () => {
    const report = rows(parseKmuPage(fixture('kmu/2024-01-07-cut-word.html'), {})) as { figures: Row[]; warnings: string[] };
    expect(report.figures.filter(([category]) => category === 'air_defense' || category === 'aircraft')).toEqual([
      ['air_defense', 637, 4, null, '-aircraft warfare systems'],
      ['aircraft', 329, 0, null, 'aircraft'],
    ]);
    expect(report.figures).toHaveLength(14);
    expect(report.warnings).toEqual([]);
  });

  it('takes a note line with a link that ends in digits for no figure', () => {
    const report = rows(parseKmuPage(fixture('kmu/2023-05-28-note-link.html'), {})) as { figures: Row[]; warnings: string[] };
    expect(report.figures).toHaveLength(13);
    expect(report.warnings).toEqual([]);
  });

  it('takes the year of a Ukrainian mil.gov.ua page from its post date "08 липня 2022, 09:25"', () => {
    const report = rows(parseMilgovPage(fixture('milgov/2022-07-08-uk-post-date.html'), {})) as { reportDate: string; language: string; figures: Row[]; warnings: string[] };
    expect([report.reportDate, report.language, report.figures.length, report.warnings]).toEqual(['2022-07-08', 'uk', 13, []]);
    expect(report.figures[1]).toEqual(['tanks', 1637, 35, null, 'танків']);
  });
});

describe('a careless paste', () => {
  const paste = (text: string) => rows(parseReportText(text, { date: '2024-06-11' }));

  it('never takes a total printed with a minus sign for a count, and says so', () => {
    expect(paste('танки ‒ 7902 (+23);\nРСЗВ ‒ -5 (+3);\nзасоби ППО ‒ −842 (+5);')).toEqual({
      reportDate: '2024-06-11',
      language: 'uk',
      figures: [['tanks', 7902, 23, null, 'танки']],
      warnings: [
        'negative_total: "РСЗВ": the total is printed as -5; no count of losses is negative, so the line is not a figure',
        'negative_total: "засоби ППО": the total is printed as -842; no count of losses is negative, so the line is not a figure',
      ],
    });
  });

  it('keeps a figure whose delta is not a number ("(+-1)") without a delta, and says so', () => {
    expect(paste('танки ‒ 7902 (+23);\nзасоби ППО ‒ 842 (+-1);')).toEqual({
      reportDate: '2024-06-11',
      language: 'uk',
      figures: [
        ['tanks', 7902, 23, null, 'танки'],
        ['air_defense', 842, null, null, 'засоби ППО'],
      ],
      warnings: ['unread_delta: "засоби ППО": "(+-1)" after the total is not a delta; the figure has none'],
    });
  });

  it('says when a line gives only the day\'s change', () => {
    expect(paste('танки ‒ 7902 (+23);\nvehicles and fuel tanks ‒ (+2).')).toMatchObject({
      figures: [
        ['tanks', 7902, 23, null, 'танки'],
        ['vehicles_fuel', null, 2, null, 'vehicles and fuel tanks'],
      ],
      warnings: ['delta_only: "vehicles and fuel tanks": the line states only the day\'s change (+2), no total'],
    });
  });

  it('names "ЗРК БУК" of the first days as no category', () => {
    expect(paste('Танки — близько 150\nЗРК БУК — 1')).toMatchObject({
      figures: [['tanks', 150, null, 'about', 'Танки']],
      warnings: ['not_a_category: "ЗРК БУК" (total 1, no delta): a Buk surface-to-air missile system, counted apart in the first days of the war; not a category of the report, not stored'],
    });
  });

  it('refuses figure-like lines that mostly name no category, random bytes among them', () => {
    expect(paste('танки ‒ 7902 (+23);\nверблюдів ‒ 12 (+1);\nслонів ‒ 3;')).toEqual({
      status: 'no_report',
      reason: 'the text is not a loss report: 2 of its 3 figure-like lines name no category (such as "верблюдів")',
    });
    // Bytes that are not text: a fixed pseudo-random sequence, decoded as UTF-8 as a file would be.
    let seed = 7;
    const bytes = Buffer.from(Array.from({ length: 20_000 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) & 0xff));
    const outcome = parseReportText(bytes.toString('utf8'), { date: '2024-06-11' });
    expect(outcome.status).toBe('no_report');
    expect((outcome as { reason: string }).reason).toMatch(/^the text (?:holds no report lines|is not a loss report: \d+ of its \d+ figure-like lines name no category)/);
  });
});
