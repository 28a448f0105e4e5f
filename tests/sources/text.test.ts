import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/sources/text/parse.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, Qualifier } from '../../src/report/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/text/${name}`, import.meta.url), 'utf8');
}

function fig(category: CategoryKey, total: number | null, delta: number | null, qualifier: Qualifier | null, label: string): Figure {
  return { category, total, delta, qualifier, label };
}

describe('parseReportText on a 2022 Telegram post (2022-08-21)', () => {
  const text = fixture('telegram-uk-2022-08-21.txt');
  const report = {
    status: 'report',
    report: {
      source: 'text',
      reportDate: '2022-08-21',
      language: 'uk',
      figures: [
        fig('personnel', 45200, 300, 'about', 'особового складу'),
        fig('tanks', 1912, 5, null, 'танків'),
        fig('afv', 4224, 12, null, 'бойових броньованих машин'),
        fig('artillery', 1028, 10, null, 'артилерійських систем'),
        fig('mlrs', 266, null, null, 'РСЗВ'),
        fig('air_defense', 141, null, null, 'засоби ППО'),
        fig('aircraft', 234, null, null, 'літаків'),
        fig('helicopters', 197, null, null, 'гелікоптерів'),
        fig('uav', 806, 3, null, 'БПЛА оперативно-тактичного рівня'),
        fig('cruise_missiles', 190, null, null, 'крилаті ракети'),
        fig('ships', 15, null, null, 'кораблі /катери'),
        fig('vehicles_fuel', 3143, 6, null, 'автомобільної техніки та автоцистерн'),
        fig('special_equipment', 99, 2, null, 'спеціальна техніка'),
      ],
      warnings: [],
      unmapped: [],
    },
  };

  it('reads the "•" bullets, "ліквідовано близько" and the omitted zero deltas (null) once the caller gives the date', () => {
    expect(parseReportText(text, { date: '2022-08-21' })).toEqual(report);
  });

  it('is undated without a date, because the heading "з 24.02 по 21.08" has no year', () => {
    expect(parseReportText(text, {})).toEqual({
      status: 'undated',
      reason: 'the text states "з 24.02 по 21.08" without a year; pass --date YYYY-MM-DD',
    });
  });

  it('is no report when the caller expects another date of the same year', () => {
    expect(parseReportText(text, { date: '2022-08-22' })).toEqual({
      status: 'no_report',
      reason: 'the text holds the report for 2022-08-21, not 2022-08-22',
      otherDays: true,
    });
  });
});

describe('parseReportText on a bilingual uk/en post (2024-02-19)', () => {
  const text = fixture('bilingual-uk_en-2024-02-19.txt');
  const report = {
    status: 'report',
    report: {
      source: 'text',
      reportDate: '2024-02-19',
      language: 'uk+en',
      figures: [
        fig('personnel', 403720, 1290, 'about', 'особового складу / personnel'),
        fig('tanks', 6498, 11, null, 'танків / tanks'),
        fig('afv', 12232, 34, null, 'бойових броньованих машин / APV'),
        fig('artillery', 9733, 24, null, 'артилерійських систем / artillery systems'),
        fig('mlrs', 986, 2, null, 'РСЗВ / MLRS'),
        fig('air_defense', 674, 0, null, 'засоби ППО / Anti-aircraft warfare systems'),
        fig('aircraft', 336, 1, null, 'літаків / aircraft'),
        fig('helicopters', 325, 0, null, 'гелікоптерів / helicopters'),
        fig('uav', 7460, 11, null, 'БПЛА оперативно-тактичного рівня / UAV operational-tactical level'),
        fig('cruise_missiles', 1898, 0, null, 'крилаті ракети / cruise missiles'),
        fig('ships', 25, 0, null, 'кораблі /катери / warships / boats'),
        fig('submarines', 1, 0, null, 'підводні човни / submarines'),
        fig('vehicles_fuel', 12767, 31, null, 'автомобільної техніки та автоцистерн/ vehicles and fuel tanks'),
        fig('special_equipment', 1545, 5, null, 'спеціальна техніка / special equipment'),
      ],
      warnings: [],
      unmapped: [],
    },
  };

  it('reads "403720(+1290)" without a space and takes the date from the heading "з 24.02.22 по 19.02.24"', () => {
    expect(parseReportText(text, {})).toEqual(report);
  });

  it('accepts the date context that matches the heading', () => {
    expect(parseReportText(text, { date: '2024-02-19' })).toEqual(report);
  });

  it('is no report when the caller expects another date', () => {
    expect(parseReportText(text, { date: '2024-02-20' })).toEqual({
      status: 'no_report',
      reason: 'the text holds the report for 2024-02-19, not 2024-02-20',
      otherDays: true,
    });
  });
});

describe('parseReportText on a German Ukrinform article (2025-02-09)', () => {
  it('reads the number-first items with dot thousands and "(+1.460 am vergangenen Tag)"', () => {
    expect(parseReportText(fixture('ukrinform-de-2025-02-09.txt'), { date: '2025-02-09' })).toEqual({
      status: 'report',
      report: {
        source: 'text',
        reportDate: '2025-02-09',
        language: 'de',
        figures: [
          fig('personnel', 849320, 1460, null, 'Invasoren getötet und verletzt'),
          fig('tanks', 9992, 11, null, 'Kampfpanzer'),
          fig('afv', 20797, 20, null, 'gepanzerte Kampffahrzeuge'),
          fig('artillery', 22844, 24, null, 'Artilleriesysteme'),
          fig('mlrs', 1273, 0, null, 'Mehrfachraketenwerfer'),
          fig('air_defense', 1056, 0, null, 'Flugabwehrsysteme'),
          fig('aircraft', 370, 1, null, 'Flugzeuge'),
          fig('helicopters', 331, 0, null, 'Hubschrauber'),
          fig('uav', 24486, 83, null, 'operativ-taktische Drohnen'),
          fig('ships', 28, 0, null, 'Schiffe/Boote'),
          fig('submarines', 1, 0, null, 'U-Boote'),
          // "… Treibstoffzisternen und 3.739 (+1) spezielle Fahrzeuge": the "und" joins two items
          // and is not part of the label.
          fig('vehicles_fuel', 36529, 127, null, 'Fahrzeuge und Treibstoffzisternen'),
          fig('special_equipment', 3739, 1, null, 'spezielle Fahrzeuge'),
          fig('cruise_missiles', 3054, 0, null, 'Marschflugkörper'),
        ],
        warnings: [],
        unmapped: [],
      },
    });
  });
});

describe('parseReportText on bare lines without any date', () => {
  const text = fixture('lines-only-uk.txt');

  it('is undated when the caller gives no date', () => {
    expect(parseReportText(text, {})).toEqual({
      status: 'undated',
      reason: 'the text does not say which day it reports; pass --date YYYY-MM-DD',
    });
  });

  it('is the report of the date the caller gives', () => {
    expect(parseReportText(text, { date: '2023-09-22' })).toEqual({
      status: 'report',
      report: {
        source: 'text',
        reportDate: '2023-09-22',
        language: 'uk',
        figures: [
          fig('personnel', 274950, 480, 'about', 'особового складу'),
          fig('tanks', 4644, 6, null, 'танків'),
          fig('afv', 8891, 8, null, 'бойових броньованих машин'),
          fig('artillery', 6177, 40, null, 'артилерійських систем'),
          fig('mlrs', 785, 4, null, 'РСЗВ'),
          fig('air_defense', 528, 0, null, 'засоби ППО'),
          fig('aircraft', 315, 0, null, 'літаків'),
          fig('helicopters', 316, 0, null, 'гелікоптерів'),
          fig('uav', 4858, 8, null, 'БПЛА оперативно-тактичного рівня'),
          fig('cruise_missiles', 1517, 38, null, 'крилаті ракети'),
          fig('ships', 20, 0, null, 'кораблі/катери'),
          fig('submarines', 1, 0, null, 'підводні човни'),
          fig('vehicles_fuel', 8690, 20, null, 'автомобільної техніки та автоцистерн'),
          fig('special_equipment', 912, 1, null, 'спеціальна техніка'),
        ],
        warnings: [],
        unmapped: [],
      },
    });
  });
});

describe('parseReportText on prose', () => {
  it('says a text without report lines is no report', () => {
    expect(parseReportText('Дані уточнюються.\nБий окупанта! Наша сила - у правді!', { date: '2022-08-21' })).toEqual({
      status: 'no_report',
      reason: 'the text holds no report lines ("<label> – <total> (+<delta>)")',
    });
  });
});
