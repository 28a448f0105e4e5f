import { describe, expect, it } from 'vitest';
import type { CategoryKey } from '../../src/report/categories.js';
import { parseReportLines } from '../../src/report/report-lines.js';
import type { Figure, Qualifier } from '../../src/report/types.js';

function figure(
  category: CategoryKey,
  total: number | null,
  delta: number | null,
  label: string,
  qualifier: Qualifier | null = null,
): Figure {
  return { category, total, delta, qualifier, label };
}

// mil.gov.ua, 2023-09-20, Ukrainian (the 14 lines of milgov-uk-2023-09-20.txt, retyped).
const UK_2023_09_20 = [
  'Загальні бойові втрати противника з 24.02.22 по 20.09.23 орієнтовно склали:',
  'особового складу ‒ близько 273980 (+520) осіб,',
  'танків ‒ 4635 (+7) од,',
  'бойових броньованих машин ‒ 8868 (+17) од,',
  'артилерійських систем – 6096 (+34) од,',
  'РСЗВ – 779 (+1) од,',
  'засоби ППО ‒ 526 (+0) од,',
  'літаків – 315 (+0) од,',
  'гелікоптерів – 316 (+0) од,',
  'БПЛА оперативно-тактичного рівня – 4821 (+37),',
  'крилаті ракети ‒ 1479 (+0),',
  'кораблі/катери ‒ 20 (+0) од,',
  'підводні човни – 1 (+0) од,',
  'автомобільної техніки та автоцистерн – 8633 (+32) од,',
  'спеціальна техніка ‒ 906 (+3).',
  'Дані уточнюються.',
];

const UK_2023_09_20_FIGURES: readonly Figure[] = [
  figure('personnel', 273980, 520, 'особового складу', 'about'),
  figure('tanks', 4635, 7, 'танків'),
  figure('afv', 8868, 17, 'бойових броньованих машин'),
  figure('artillery', 6096, 34, 'артилерійських систем'),
  figure('mlrs', 779, 1, 'РСЗВ'),
  figure('air_defense', 526, 0, 'засоби ППО'),
  figure('aircraft', 315, 0, 'літаків'),
  figure('helicopters', 316, 0, 'гелікоптерів'),
  figure('uav', 4821, 37, 'БПЛА оперативно-тактичного рівня'),
  figure('cruise_missiles', 1479, 0, 'крилаті ракети'),
  figure('ships', 20, 0, 'кораблі/катери'),
  figure('submarines', 1, 0, 'підводні човни'),
  figure('vehicles_fuel', 8633, 32, 'автомобільної техніки та автоцистерн'),
  figure('special_equipment', 906, 3, 'спеціальна техніка'),
];

// GS post of 2024-02-19 as copied by cripo.com.ua: bilingual labels, official figures.
const BILINGUAL_2024_02_19 = [
  'Загальні бойові втрати противника з 24.02.22 по 19.02.24 орієнтовно склали / The total combat losses of the enemy from 24.02.22 to 19.02.24 were approximately:',
  '',
  'особового складу / personnel ‒ близько/ about 403720(+1290) осіб / persons,',
  'танків / tanks ‒ 6498 (+11) од,',
  'бойових броньованих машин / APV ‒ 12232 (+34) од,',
  'артилерійських систем / artillery systems – 9733 (+24) од,',
  'РСЗВ / MLRS – 986 (+2) од,',
  'засоби ППО / Anti-aircraft warfare systems ‒ 674 (+0) од,',
  'літаків / aircraft – 336 (+1) од,',
  'гелікоптерів / helicopters – 325 (+0) од,',
  'БПЛА оперативно-тактичного рівня / UAV operational-tactical level – 7460 (+11),',
  'крилаті ракети / cruise missiles ‒ 1898 (+0),',
  'кораблі /катери / warships / boats ‒ 25 (+0) од,',
  'підводні човни / submarines – 1 (+0) од,',
  'автомобільної техніки та автоцистерн/ vehicles and fuel tanks – 12767 (+31) од,',
  'спеціальна техніка / special equipment ‒ 1545 (+5)',
];

// mil.gov.ua EN, 2022-04-12: old list, no deltas, Ukrainian units on the English page.
const EN_2022_04_12 = [
  'The total combat losses of the enemy from 24.02 to 12.04 were approximately:',
  'personnel ‒ about 19600 осіб,',
  'tanks ‒ 732 од,',
  'APV ‒ 1946 од,',
  'artillery systems – 349 од,',
  'MLRS ‒ 111 од,',
  'Anti-aircraft warfare systems ‒ 63 од,',
  'aircraft – 157 од,',
  'helicopters – 140 од,',
  'vehicles ‒ 1406 од,',
  'boats / cutters ‒ 7 од,',
  'fuel tanks ‒ 76,',
  'UAV operational-tactical level ‒ 124.',
  'special equipment ‒ 25.',
  'mobile SRBM system ‒ 4.',
  'Data are being updated. The calculation is complicated by the high intensity of hostilities.',
  "Strike the occupier! Let's win together!",
];

// Telegram @GeneralStaffZSU, 2022-08-21: bullets, zero deltas omitted, official figures.
const TELEGRAM_2022_08_21 = [
  '🔥 Загальні бойові #втрати противника з 24.02 по 21.08 орієнтовно склали:',
  '• особового складу - ліквідовано близько 45200 (+300)',
  '• танків ‒ 1912 (+5)',
  '• бойових броньованих машин ‒ 4224 (+12)',
  '• артилерійських систем – 1028 (+10)',
  '• РСЗВ - 266',
  '• засоби ППО - 141',
  '• літаків – 234',
  '• гелікоптерів – 197',
  '• БПЛА оперативно-тактичного рівня – 806 (+3)',
  '• крилаті ракети ‒ 190',
  '• кораблі /катери ‒ 15',
  '• автомобільної техніки та автоцистерн – 3143 (+6)',
  '• спеціальна техніка ‒ 99 (+2)',
  'Найбільших втрат противник зазнав на Донецькому напрямку.',
];

// Ukrinform DE, 2025-02-09 form: number first, dot thousands; official 2025-02-09 figures.
const DE_2025_02_09 = [
  '849.320 (+1.460 am vergangenen Tag) Invasoren getötet und verletzt.',
  'Die Verluste des Feindes an Kriegsgerät, einschließlich in den vorigen 24 Stunden, sind: 9.992 (+11) Kampfpanzer, 20.797 (+20) gepanzerte Kampffahrzeuge, 22.844 (+24) Artilleriesysteme, 1.273 (+0) Mehrfachraketenwerfer, 1.056 (+0) Flugabwehrsysteme, 370 (+1) Flugzeuge, 331 (+0) Hubschrauber, 24.486 (+83) operativ-taktische Drohnen, 28 (+0) Schiffe/Boote, 1 (+0) U-Boote, 36.529 (+127) Kraftfahrzeuge und Tanks mit Treib- und Schmierstoffen, 3.739 (+1) spezielle Fahrzeuge. 3.054 (+0) Marschflugkörper.',
];

describe('parseReportLines', () => {
  describe('a Ukrainian report (mil.gov.ua 2023-09-20)', () => {
    it('reads all 14 categories with their totals, deltas, qualifier and labels', () => {
      expect(parseReportLines(UK_2023_09_20).figures).toEqual(UK_2023_09_20_FIGURES);
    });

    it('gives no warnings and leaves nothing unmapped', () => {
      const report = parseReportLines(UK_2023_09_20);
      expect(report.warnings).toEqual([]);
      expect(report.unmapped).toEqual([]);
    });

    it("detects the language as 'uk'", () => {
      expect(parseReportLines(UK_2023_09_20).language).toBe('uk');
    });
  });

  describe('a Telegram report (2022-08-21)', () => {
    it('reads the bulleted lines and keeps omitted zero deltas as null', () => {
      expect(parseReportLines(TELEGRAM_2022_08_21)).toEqual({
        figures: [
          figure('personnel', 45200, 300, 'особового складу', 'about'),
          figure('tanks', 1912, 5, 'танків'),
          figure('afv', 4224, 12, 'бойових броньованих машин'),
          figure('artillery', 1028, 10, 'артилерійських систем'),
          figure('mlrs', 266, null, 'РСЗВ'),
          figure('air_defense', 141, null, 'засоби ППО'),
          figure('aircraft', 234, null, 'літаків'),
          figure('helicopters', 197, null, 'гелікоптерів'),
          figure('uav', 806, 3, 'БПЛА оперативно-тактичного рівня'),
          figure('cruise_missiles', 190, null, 'крилаті ракети'),
          figure('ships', 15, null, 'кораблі /катери'),
          figure('vehicles_fuel', 3143, 6, 'автомобільної техніки та автоцистерн'),
          figure('special_equipment', 99, 2, 'спеціальна техніка'),
        ],
        warnings: [],
        unmapped: [],
        language: 'uk',
      });
    });
  });

  describe('a bilingual report (GS post of 2024-02-19)', () => {
    it('reads all 14 categories from the "uk / en" labels', () => {
      expect(parseReportLines(BILINGUAL_2024_02_19)).toEqual({
        figures: [
          figure('personnel', 403720, 1290, 'особового складу / personnel', 'about'),
          figure('tanks', 6498, 11, 'танків / tanks'),
          figure('afv', 12232, 34, 'бойових броньованих машин / APV'),
          figure('artillery', 9733, 24, 'артилерійських систем / artillery systems'),
          figure('mlrs', 986, 2, 'РСЗВ / MLRS'),
          figure('air_defense', 674, 0, 'засоби ППО / Anti-aircraft warfare systems'),
          figure('aircraft', 336, 1, 'літаків / aircraft'),
          figure('helicopters', 325, 0, 'гелікоптерів / helicopters'),
          figure('uav', 7460, 11, 'БПЛА оперативно-тактичного рівня / UAV operational-tactical level'),
          figure('cruise_missiles', 1898, 0, 'крилаті ракети / cruise missiles'),
          figure('ships', 25, 0, 'кораблі /катери / warships / boats'),
          figure('submarines', 1, 0, 'підводні човни / submarines'),
          figure('vehicles_fuel', 12767, 31, 'автомобільної техніки та автоцистерн/ vehicles and fuel tanks'),
          figure('special_equipment', 1545, 5, 'спеціальна техніка / special equipment'),
        ],
        warnings: [],
        unmapped: [],
        language: 'uk+en',
      });
    });
  });

  describe('an English report (mil.gov.ua 2022-04-12)', () => {
    it('reads the 14 categories of the old list, with no deltas', () => {
      expect(parseReportLines(EN_2022_04_12).figures).toEqual([
        figure('personnel', 19600, null, 'personnel', 'about'),
        figure('tanks', 732, null, 'tanks'),
        figure('afv', 1946, null, 'APV'),
        figure('artillery', 349, null, 'artillery systems'),
        figure('mlrs', 111, null, 'MLRS'),
        figure('air_defense', 63, null, 'Anti-aircraft warfare systems'),
        figure('aircraft', 157, null, 'aircraft'),
        figure('helicopters', 140, null, 'helicopters'),
        figure('military_auto', 1406, null, 'vehicles'),
        figure('ships', 7, null, 'boats / cutters'),
        figure('fuel_tanks', 76, null, 'fuel tanks'),
        figure('uav', 124, null, 'UAV operational-tactical level'),
        figure('special_equipment', 25, null, 'special equipment'),
        figure('srbm', 4, null, 'mobile SRBM system'),
      ]);
    });

    it("detects the language as 'en' although the units are Ukrainian", () => {
      const report = parseReportLines(EN_2022_04_12);
      expect(report.language).toBe('en');
      expect(report.warnings).toEqual([]);
    });

    it('reads a defective line with a delta and no total (2022-07-31)', () => {
      expect(parseReportLines(['vehicles and fuel tanks ‒ (+2).']).figures).toEqual([
        figure('vehicles_fuel', null, 2, 'vehicles and fuel tanks'),
      ]);
    });
  });

  describe('a German number-first report (Ukrinform, 2025-02-09)', () => {
    it('reads all 14 categories from the number-first sentences', () => {
      expect(parseReportLines(DE_2025_02_09).figures).toEqual([
        figure('personnel', 849320, 1460, 'Invasoren getötet und verletzt'),
        figure('tanks', 9992, 11, 'Kampfpanzer'),
        figure('afv', 20797, 20, 'gepanzerte Kampffahrzeuge'),
        figure('artillery', 22844, 24, 'Artilleriesysteme'),
        figure('mlrs', 1273, 0, 'Mehrfachraketenwerfer'),
        figure('air_defense', 1056, 0, 'Flugabwehrsysteme'),
        figure('aircraft', 370, 1, 'Flugzeuge'),
        figure('helicopters', 331, 0, 'Hubschrauber'),
        figure('uav', 24486, 83, 'operativ-taktische Drohnen'),
        figure('ships', 28, 0, 'Schiffe/Boote'),
        figure('submarines', 1, 0, 'U-Boote'),
        figure('vehicles_fuel', 36529, 127, 'Kraftfahrzeuge und Tanks mit Treib- und Schmierstoffen'),
        figure('special_equipment', 3739, 1, 'spezielle Fahrzeuge'),
        figure('cruise_missiles', 3054, 0, 'Marschflugkörper'),
      ]);
    });

    it("detects the language as 'de' and gives no warnings", () => {
      const report = parseReportLines(DE_2025_02_09);
      expect(report.language).toBe('de');
      expect(report.warnings).toEqual([]);
    });

    it('reads the 2025-03-28 sentence with its empty delta "(+)" and warns about it', () => {
      const report = parseReportLines([
        'Die Verluste des Feindes an Kriegsgerät, einschließlich in den vorigen 24 Stunden, sind: 10.455 (+17) Panzer, 21.762 (+61) gepanzerte Fahrzeuge, 25.387 (+122) Artilleriesysteme, 1.344 (+) Mehrfachraketenwerfer',
      ]);
      expect(report).toEqual({
        figures: [
          figure('tanks', 10455, 17, 'Panzer'),
          figure('afv', 21762, 61, 'gepanzerte Fahrzeuge'),
          figure('artillery', 25387, 122, 'Artilleriesysteme'),
          figure('mlrs', 1344, null, 'Mehrfachraketenwerfer'),
        ],
        warnings: [
          {
            code: 'empty_delta',
            message: '"Mehrfachraketenwerfer": the delta is printed empty "(+)"',
            label: 'Mehrfachraketenwerfer',
            total: 1344,
            delta: null,
          },
        ],
        unmapped: [],
        language: 'de',
      });
    });
  });

  describe('warnings', () => {
    it('warns about an unknown label and keeps the line as unmapped, not as a figure', () => {
      const report = parseReportLines(['танків ‒ 4635 (+7) од,', 'верблюдів ‒ 12 (+1) од,']);
      expect(report.figures).toEqual([figure('tanks', 4635, 7, 'танків')]);
      expect(report.unmapped).toEqual([{ label: 'верблюдів', total: 12, delta: 1, qualifier: null }]);
      expect(report.warnings).toEqual([
        {
          code: 'unknown_label',
          message: 'unknown label "верблюдів" (total 12, delta 1); no category takes it',
          label: 'верблюдів',
          total: 12,
          delta: 1,
        },
      ]);
    });

    it('describes a missing total or delta in the unknown-label message', () => {
      const report = parseReportLines(['верблюдів ‒ (+3)', 'camels ‒ 40']);
      expect(report.warnings).toEqual([
        {
          code: 'unknown_label',
          message: 'unknown label "верблюдів" (no total, delta 3); no category takes it',
          label: 'верблюдів',
          total: null,
          delta: 3,
        },
        {
          code: 'unknown_label',
          message: 'unknown label "camels" (total 40, no delta); no category takes it',
          label: 'camels',
          total: 40,
          delta: null,
        },
      ]);
      expect(report.figures).toEqual([]);
      expect(report.language).toBe(null);
    });

    it('keeps the first line of a duplicate category and warns about the second', () => {
      const report = parseReportLines(['танків ‒ 4635 (+7) од,', 'бойових броньованих машин ‒ 8868 (+17) од,', 'танків ‒ 4636 (+8) од,']);
      expect(report.figures).toEqual([
        figure('tanks', 4635, 7, 'танків'),
        figure('afv', 8868, 17, 'бойових броньованих машин'),
      ]);
      expect(report.warnings).toEqual([
        {
          code: 'duplicate_category',
          message: '"танків" names tanks a second time (total 4636, delta 8); the first line is kept',
          label: 'танків',
          total: 4636,
          delta: 8,
        },
      ]);
      expect(report.unmapped).toEqual([]);
    });

    it('treats two different labels of one category as a duplicate ("tanks" after "танків")', () => {
      const report = parseReportLines(['танків ‒ 4635 (+7) од,', 'tanks ‒ 4635 (+7),']);
      expect(report.figures).toEqual([figure('tanks', 4635, 7, 'танків')]);
      expect(report.warnings).toEqual([
        {
          code: 'duplicate_category',
          message: '"tanks" names tanks a second time (total 4635, delta 7); the first line is kept',
          label: 'tanks',
          total: 4635,
          delta: 7,
        },
      ]);
    });

    it('warns about an empty delta "(+)" and stores the delta as null', () => {
      const report = parseReportLines(['РСЗВ – 779 (+) од,']);
      expect(report.figures).toEqual([figure('mlrs', 779, null, 'РСЗВ')]);
      expect(report.warnings).toEqual([
        {
          code: 'empty_delta',
          message: '"РСЗВ": the delta is printed empty "(+)"',
          label: 'РСЗВ',
          total: 779,
          delta: null,
        },
      ]);
    });

    it('warns about an unknown qualifier and stores the figure without one', () => {
      const report = parseReportLines(['особового складу ‒ щонайменше 273980 (+520) осіб,']);
      expect(report.figures).toEqual([figure('personnel', 273980, 520, 'особового складу')]);
      expect(report.warnings).toEqual([
        {
          code: 'unknown_qualifier',
          message: '"особового складу": words before the total not understood: "щонайменше"',
          label: 'особового складу',
          total: 273980,
          delta: 520,
        },
      ]);
    });

    it('gives every warning of a line whose label is unknown and whose qualifier and delta are odd', () => {
      const report = parseReportLines(['верблюдів ‒ щонайменше 12 (+) од,']);
      expect(report.warnings).toEqual([
        {
          code: 'unknown_qualifier',
          message: '"верблюдів": words before the total not understood: "щонайменше"',
          label: 'верблюдів',
          total: 12,
          delta: null,
        },
        {
          code: 'empty_delta',
          message: '"верблюдів": the delta is printed empty "(+)"',
          label: 'верблюдів',
          total: 12,
          delta: null,
        },
        {
          code: 'unknown_label',
          message: 'unknown label "верблюдів" (total 12, no delta); no category takes it',
          label: 'верблюдів',
          total: 12,
          delta: null,
        },
      ]);
      expect(report.unmapped).toEqual([{ label: 'верблюдів', total: 12, delta: null, qualifier: null }]);
    });
  });

  describe('words for people in general', () => {
    const personnel = (...lines: string[]) => parseReportLines(lines).figures.filter((f) => f.category === 'personnel').map((f) => [f.total, f.delta]);

    it("are the enemy's personnel after a count, in a list, a lead or a sentence of losses", () => {
      expect(personnel('Загальні втрати росії станом на 11 травня 2026 року:', '• 1 342 030 осіб;', '• 11 924 танки;')).toEqual([[1342030, null]]);
      expect(personnel('Сили оборони за добу ліквідували 1 240 осіб особового складу.')).toEqual([[null, 1240]]);
      expect(personnel('За сутки ВСУ уничтожили 1 240 человек.')).toEqual([[null, 1240]]);
      expect(personnel("Ukraine's General Staff reported 1,240 casualties over the past day.")).toEqual([[null, 1240]]);
      expect(personnel('Загальні втрати окупантів в особовому складі становлять 1 178 610 осіб.')).toEqual([[1178610, null]]);
      expect(personnel('Потери российских войск составили 1 178 610 человек.')).toEqual([[1178610, null]]);
      expect(personnel('1 178 610 (+1 070) осіб, 11 321 (+5) танків, 24 000 (+3) ББМ')).toEqual([[1178610, 1070]]);
    });

    it('are no figure in a sentence about the victims of an attack or freed prisoners', () => {
      expect(personnel('Внаслідок ворожого обстрілу Херсона загинули 5 осіб, ще 12 людей поранені.')).toEqual([]);
      expect(personnel('Унаслідок російського обстрілу Херсона загинули 7 осіб, знищено 12 будинків.')).toEqual([]);
      expect(personnel('Россия обстреляла Херсон: погибли 7 человек, уничтожены 5 домов.')).toEqual([]);
      expect(personnel('Russian shelling left 25 casualties in Kherson; the city suffered power outages.')).toEqual([]);
      expect(personnel('В обміні полоненими повернули додому 95 осіб.')).toEqual([]);
      // A word that names the army itself is read wherever it stands.
      expect(personnel('Внаслідок удару загинули 5 окупантів.')).toEqual([[5, null]]);
    });

    it('leave no unread-figure warning where they are no figure', () => {
      expect(parseReportLines(['Загальні втрати окупантів: 1 178 610 (+1 070) осіб. Внаслідок ворожого обстрілу загинули 5 осіб.']).warnings).toEqual([]);
    });
  });

  describe('qualifiers', () => {
    it('reads every personnel qualifier of the reports as "about", "more than" or "up to"', () => {
      const cases: ReadonlyArray<readonly [string, Qualifier | null]> = [
        ['особового складу ‒ близько 273980 (+520) осіб,', 'about'],
        ['personnel ‒ about 19600 осіб,', 'about'],
        ['personnel ‒ approximately 1 311 180 (+1 070) persons.', 'about'],
        ['Military personnel — aprx. 169890 people (+720)', 'about'],
        ['• особового складу - ліквідовано близько 45200 (+300)', 'about'],
        ['особового складу / personnel ‒ близько/ about 403720(+1290) осіб / persons,', 'about'],
        ['Особовий склад — понад 3500 осіб', 'more than'],
        ['Особовий склад — більше 3000 осіб', 'more than'],
        ['Танки — более 30', 'more than'],
        ['Танки — до 80', 'up to'],
        ['Особовий склад — 2800 осіб', null],
      ];
      expect(cases.map(([line]) => parseReportLines([line]).figures[0]?.qualifier)).toEqual(cases.map(([, q]) => q));
    });

    it('reads "до" after a count that rose to its total, or in a range, as "to", not "up to"', () => {
      const cases: ReadonlyArray<readonly [string, Qualifier | null]> = [
        ['Загальні втрати окупантів в особовому складі зросли до 1 178 610 осіб (+1 070 за добу).', null],
        ['Втрати росіян в особовому складі збільшилися до 1 178 610 осіб (+1 070).', null],
        ['Загальні втрати зросли вже до 1 178 610 осіб.', null],
        ['Втрати зростуть до 1 200 000 окупантів.', null],
        ['Добові втрати ворога зросли з 1 000 до 1 240 окупантів.', null],
        ['Потери российских войск в живой силе возросли до 1 178 610 человек (+1 070).', null],
        ['Straty wojsk rosyjskich zwiększyły się do 1 178 610 żołnierzy (+1 070).', null],
        ['Straty wzrosły już do 1 178 610 żołnierzy.', null],
        ['Росія втратила до 1 178 610 осіб (+1 070 за добу).', 'up to'],
        ['Особовий склад — зросли до 1 178 610 (+1 070)', null],
        ['Особовий склад — до 1 178 610 (+1 070)', 'up to'],
      ];
      expect(cases.map(([line]) => parseReportLines([line]).figures.find((f) => f.category === 'personnel')?.qualifier)).toEqual(cases.map(([, q]) => q));
    });

    it('reads a qualifier of one or two words right before a count in prose, and no other words', () => {
      const qualifierOf = (line: string) => parseReportLines([line]).figures.map((f) => f.qualifier);
      expect(qualifierOf('Russia has lost more than 1,178,610 troops since the start of the invasion.')).toEqual(['more than']);
      expect(qualifierOf('Russland hat bis zu 1.178.610 Soldaten verloren.')).toEqual(['up to']);
      expect(qualifierOf('La Russia ha perso più di 1.178.610 soldati.')).toEqual(['more than']);
      expect(qualifierOf('Знищено близько 1 560 окупантів.')).toEqual(['about']);
      expect(qualifierOf('Russia has lost 1,178,610 troops since the start of the invasion.')).toEqual([null]);
      // Words that only contain a qualifier's word, or put another word between it and the count.
      expect(qualifierOf('Niemcy wyślą do Ukrainy 80 czołgów')).toEqual([null]);
      expect(qualifierOf('Od początku inwazji Rosja straciła do dziś 11 000 czołgów.')).toEqual([null]);
      expect(qualifierOf('З початку вторгнення до сьогодні 1 178 610 окупантів ліквідовано.')).toEqual([null]);
      expect(qualifierOf('ВСУ уничтожили около Авдеевки 300 оккупантов')).toEqual([null]);
      expect(qualifierOf('Russland verlor über Nacht 1.240 Soldaten')).toEqual([null]);
      expect(qualifierOf('Over Kherson 12 Russian drones were shot down.')).toEqual([null]);
    });

    it('reads the qualifier of each count of a sentence, the words after one count being the next one\'s', () => {
      const read = (line: string) => parseReportLines([line]).figures.map((f) => [f.category, f.total, f.qualifier]);
      expect(read('Russia has lost more than 11,321 tanks and over 20,000 armored vehicles.')).toEqual([
        ['tanks', 11321, 'more than'],
        ['afv', 20000, 'more than'],
      ]);
      expect(read('Знищено близько 1 560 окупантів та понад 300 танків.')).toEqual([
        ['personnel', 1560, 'about'],
        ['tanks', 300, 'more than'],
      ]);
    });

    it('keeps a known qualifier without a warning', () => {
      expect(parseReportLines(['ББМ — до 540']).warnings).toEqual([]);
    });
  });

  describe('language detection', () => {
    it("detects 'uk' for Ukrainian labels", () => {
      expect(parseReportLines(['танків ‒ 4635 (+7) од,', 'РСЗВ – 779 (+1) од,']).language).toBe('uk');
    });

    it("detects 'en' for English labels", () => {
      expect(parseReportLines(['tanks ‒ 3700 (+1),', 'MLRS – 544 (+0),']).language).toBe('en');
    });

    it("detects 'de' for German labels", () => {
      expect(parseReportLines(['10.455 (+17) Panzer, 21.762 (+61) gepanzerte Fahrzeuge']).language).toBe('de');
    });

    it("detects 'uk+en' for bilingual labels", () => {
      expect(parseReportLines(['танків / tanks ‒ 6498 (+11) од,']).language).toBe('uk+en');
    });

    it("detects 'uk+en' when Ukrainian and English lines are mixed", () => {
      expect(parseReportLines(['танків ‒ 6498 (+11) од,', 'APV ‒ 12232 (+34),']).language).toBe('uk+en');
    });

    it('gives no language when no line is a figure', () => {
      expect(parseReportLines(['Data are being updated.', 'The total combat losses of the enemy from 24.02 to 12.04 were approximately:'])).toEqual({
        figures: [],
        warnings: [],
        unmapped: [],
        language: null,
      });
    });
  });
});

describe('parseReportLines on sentences', () => {
  it('reads a lead sentence of the day\'s losses as the day\'s change, not as a line "<label>: <total>"', () => {
    expect(parseReportLines(['Втрати ворога за добу: знищено 1 590 окупантів.'])).toEqual({
      figures: [figure('personnel', null, 1590, 'окупантів')],
      warnings: [{ code: 'delta_only', message: '"окупантів": the line states only the day\'s change (+1590), no total', label: 'окупантів', total: null, delta: 1590 }],
      unmapped: [],
      language: 'uk',
    });
  });

  it('says when a line states a count next to a category that no rule read', () => {
    const line = 'Танки — 7902 (+23), а також 15 176 бойових броньованих машин';
    expect(parseReportLines([line])).toEqual({
      figures: [figure('tanks', 7902, 23, 'Танки')],
      warnings: [{ code: 'unread_figure', message: `numbers next to a category that no rule read: "15 176 бойових броньованих машин" in "${line}"`, label: line }],
      unmapped: [],
      language: 'uk',
    });
  });

  it('says so also when the count unread equals a figure of another category the line states', () => {
    const line = 'Танки — 7902 (+23), а також 7902 бойових броньованих машин';
    expect(parseReportLines([line]).warnings).toEqual([
      { code: 'unread_figure', message: `numbers next to a category that no rule read: "7902 бойових броньованих машин" in "${line}"`, label: line },
    ]);
    // Two counts of one value, each read for its category: nothing unread.
    expect(parseReportLines(['За добу знищено 5 танків та 5 артилерійських систем.']).warnings.filter((w) => w.code === 'unread_figure')).toEqual([]);
  });

  it('joins a total in prose with the day\'s change a later sentence gives', () => {
    expect(parseReportLines(['Russia has lost 7,902 tanks over the war, the General Staff said.', 'Over the past day, Ukrainian forces destroyed 5 tanks.'])).toEqual({
      figures: [figure('tanks', 7902, 5, 'tanks')],
      warnings: [],
      unmapped: [],
      language: 'en',
    });
  });

  it('reads the day\'s changes of an Italian sentence as Italian, though "droni" is Polish too', () => {
    expect(parseReportLines(['Nelle ultime 24 ore distrutti 3 carri armati e 40 droni.'])).toEqual({
      figures: [figure('tanks', null, 3, 'carri armati'), figure('uav', null, 40, 'droni')],
      warnings: [
        { code: 'delta_only', message: '"carri armati": the line states only the day\'s change (+3), no total', label: 'carri armati', total: null, delta: 3 },
        { code: 'delta_only', message: '"droni": the line states only the day\'s change (+40), no total', label: 'droni', total: null, delta: 40 },
      ],
      unmapped: [],
      language: 'it',
    });
  });

  describe('prose that is not a figure, or not the figure it seems', () => {
    const read = (...lines: string[]) => {
      const report = parseReportLines(lines);
      return { figures: report.figures.map((f) => [f.category, f.total, f.delta, f.qualifier]), warnings: report.warnings.map((w) => w.message) };
    };

    it('keeps the list\'s line over a sentence shaped like one ("Втрати окупантів за добу: 1 200 осіб")', () => {
      expect(read('Втрати окупантів за добу: 1 200 осіб', 'особового складу ‒ близько 83110 (+400) осіб ліквідовано,')).toEqual({
        figures: [['personnel', 83110, 400, 'about']],
        warnings: ['"осіб" gives personnel as no total, delta 1200, the list\'s "особового складу" as total 83110, delta 400; the list\'s figure is kept'],
      });
    });

    it('never gives a list line a delta from a sentence about something else ("Another 4 tanks were hit")', () => {
      expect(read('tanks ‒ 8 568', 'Another 4 tanks were hit near Pokrovsk.')).toEqual({
        figures: [['tanks', 8568, null, null]],
        warnings: ['"tanks" gives tanks as total 4, no delta, the list\'s "tanks" as total 8568, no delta; the list\'s figure is kept'],
      });
    });

    it('reads no year, model name, fraction or share as a count', () => {
      expect(read('On 24 February 2022 Russian tanks crossed the border.')).toEqual({ figures: [], warnings: [] });
      expect(read('3 Su-34 aircraft, 30% російських танків, 1/3 російських танків')).toEqual({ figures: [], warnings: [] });
    });

    it('counts from the start of the war again after "а загалом", and a day\'s phrase right after a count speaks of that count only', () => {
      expect(read('За добу ворог втратив 1 200 осіб, а загалом з початку вторгнення 8 568 танків')).toEqual({
        figures: [['personnel', null, 1200, null], ['tanks', 8568, null, null]],
        warnings: ['"осіб": the line states only the day\'s change (+1200), no total'],
      });
      expect(read('Die Verluste: darunter 1.460 am vergangenen Tag, sowie 9.992 Panzer')).toEqual({ figures: [['tanks', 9992, null, null]], warnings: [] });
    });

    it('keeps a rounded delta a delta, and reads a decimal million as about that many', () => {
      expect(read('особового складу – 611190 (+1,2 тис. за добу)')).toEqual({
        figures: [['personnel', 611190, 1200, null]],
        warnings: ['"1,2 тис." is a rounded number: read as about 1200'],
      });
      expect(read('Втрати росії: 1,178 млн осіб')).toEqual({ figures: [['personnel', 1178000, null, 'about']], warnings: ['"1,178 млн" is a rounded number: read as about 1178000'] });
      expect(read('ЗСУ знищили дві тисячі танків')).toEqual({ figures: [['tanks', 2000, null, null]], warnings: [] });
    });

    it('says a parenthesis after a total that holds no delta ("(з них 400 за добу)")', () => {
      expect(read('особового складу ‒ близько 83110 (з них 400 за добу) осіб').warnings).toEqual([
        '"особового складу": "(з них 400 за добу)" after the total is not a delta; the figure has none',
      ]);
    });
  });
});
