import { describe, expect, it } from 'vitest';
import { parseFigureLine, type FigureLine } from '../../src/report/grammar.js';

function figure(
  label: string,
  qualifierText: string,
  total: number | null,
  delta: number | null,
  emptyDelta = false,
): FigureLine {
  return { label, qualifierText, total, delta, emptyDelta };
}

/** A number-first item of an enumeration: a count with its delta. */
function enumerated(label: string, qualifierText: string, total: number | null, delta: number | null, emptyDelta = false): FigureLine {
  return { ...figure(label, qualifierText, total, delta, emptyDelta), form: 'enumeration' };
}

describe('parseFigureLine', () => {
  describe('separators', () => {
    it('reads a line separated by a figure dash U+2012 "‒"', () => {
      expect(parseFigureLine('танків ‒ 4635 (+7) од,')).toEqual([figure('танків', '', 4635, 7)]);
    });

    it('reads a line separated by an en dash U+2013 "–"', () => {
      expect(parseFigureLine('артилерійських систем – 6096 (+34) од,')).toEqual([
        figure('артилерійських систем', '', 6096, 34),
      ]);
    });

    it('reads a line separated by an em dash U+2014 "—"', () => {
      expect(parseFigureLine('Танки — 3580 (+6)')).toEqual([figure('Танки', '', 3580, 6)]);
    });

    it('reads a line separated by a minus sign U+2212 "−"', () => {
      expect(parseFigureLine('tanks − 732 од,')).toEqual([figure('tanks', '', 732, null)]);
    });

    it('reads a line separated by an ASCII hyphen with spaces on both sides', () => {
      expect(parseFigureLine('MLRS - 263 (+2),')).toEqual([figure('MLRS', '', 263, 2)]);
    });

    it('reads dashes with no space around them', () => {
      expect(parseFigureLine('Танки—3580 (+6)')).toEqual([figure('Танки', '', 3580, 6)]);
    });

    it('keeps a hyphen inside a label ("Anti-aircraft") as part of the label', () => {
      expect(parseFigureLine('Anti-aircraft warfare systems - 105 (+1)')).toEqual([
        figure('Anti-aircraft warfare systems', '', 105, 1),
      ]);
    });

    it('keeps "operational-tactical" whole before a figure dash', () => {
      expect(parseFigureLine('UAV operational-tactical level ‒ 645 (+4)')).toEqual([
        figure('UAV operational-tactical level', '', 645, 4),
      ]);
    });

    it('keeps "оперативно-тактичного" whole before an en dash', () => {
      expect(parseFigureLine('БПЛА оперативно-тактичного рівня – 4821 (+37),')).toEqual([
        figure('БПЛА оперативно-тактичного рівня', '', 4821, 37),
      ]);
    });

    it('keeps a hyphenated label whole when the separator is a spaced hyphen too', () => {
      expect(parseFigureLine('UAV operational-tactical level - 790 (+3),')).toEqual([
        figure('UAV operational-tactical level', '', 790, 3),
      ]);
    });

    it('reads a colon separator ("personnel: about 1 226 420 (+830) persons;")', () => {
      expect(parseFigureLine('personnel: about 1 226 420 (+830) persons;')).toEqual([
        figure('personnel', 'about', 1226420, 830),
      ]);
    });
  });

  describe('bullets', () => {
    it('drops a "•" bullet before the label', () => {
      expect(parseFigureLine('• танків ‒ 1912 (+5)')).toEqual([figure('танків', '', 1912, 5)]);
    });

    it('drops a bullet before a line with a spaced hyphen and a two-word qualifier', () => {
      expect(parseFigureLine('• особового складу - ліквідовано близько 45200 (+300)')).toEqual([
        figure('особового складу', 'ліквідовано близько', 45200, 300),
      ]);
    });

    it('drops "·", "▪" and "-" bullets before the label', () => {
      expect(parseFigureLine('· танків ‒ 1912 (+5)')).toEqual([figure('танків', '', 1912, 5)]);
      expect(parseFigureLine('▪ танків ‒ 1912 (+5)')).toEqual([figure('танків', '', 1912, 5)]);
      expect(parseFigureLine('- танків ‒ 1912 (+5)')).toEqual([figure('танків', '', 1912, 5)]);
    });
  });

  describe('qualifiers', () => {
    it('keeps "близько" before the total as the qualifier text', () => {
      expect(parseFigureLine('особового складу ‒ близько 273980 (+520) осіб,')).toEqual([
        figure('особового складу', 'близько', 273980, 520),
      ]);
    });

    it('keeps "about" before the total as the qualifier text', () => {
      expect(parseFigureLine('personnel ‒ about 19600 осіб,')).toEqual([figure('personnel', 'about', 19600, null)]);
    });

    it('keeps "approximately" before a space-separated total and delta', () => {
      expect(parseFigureLine('Personnel ‒ approximately 1 311 180 (+1 070) persons.')).toEqual([
        figure('Personnel', 'approximately', 1311180, 1070),
      ]);
    });

    it('keeps "aprx." with its dot before the total', () => {
      expect(parseFigureLine('Military personnel — aprx. 169890 people (+720)')).toEqual([
        figure('Military personnel', 'aprx.', 169890, 720),
      ]);
    });

    it('keeps the two words "ліквідовано близько"', () => {
      expect(parseFigureLine('особового складу - ліквідовано близько 45200 (+300)')).toEqual([
        figure('особового складу', 'ліквідовано близько', 45200, 300),
      ]);
    });

    it('keeps the bilingual qualifier "близько/ about"', () => {
      expect(parseFigureLine('особового складу ‒ близько/ about 403720 (+1290) осіб,')).toEqual([
        figure('особового складу', 'близько/ about', 403720, 1290),
      ]);
    });

    it('keeps "понад" before the total', () => {
      expect(parseFigureLine('Особовий склад — понад 3500 осіб')).toEqual([
        figure('Особовий склад', 'понад', 3500, null),
      ]);
    });

    it('keeps "більше" before the total', () => {
      expect(parseFigureLine('Танки — більше 100')).toEqual([figure('Танки', 'більше', 100, null)]);
    });

    it('keeps "до" before the total', () => {
      expect(parseFigureLine('ББМ — до 540')).toEqual([figure('ББМ', 'до', 540, null)]);
    });

    it('keeps the Russian "более" of the uk minfin page before the total', () => {
      expect(parseFigureLine('Танки — более 30')).toEqual([figure('Танки', 'более', 30, null)]);
    });

    it('reads a prisoner count after the personnel total as neither total nor delta', () => {
      expect(parseFigureLine('Особовий склад — близько 17800 осіб, 460 полонених')).toEqual([
        figure('Особовий склад', 'близько', 17800, null),
      ]);
      expect(parseFigureLine('Особовий склад — 5840 осіб, понад 200 полоненими')).toEqual([
        figure('Особовий склад', '', 5840, null),
      ]);
    });
  });

  describe('units and trailing punctuation', () => {
    it('reads the unit "осіб" after the delta', () => {
      expect(parseFigureLine('особового складу ‒ близько 273980 (+520) осіб,')).toEqual([
        figure('особового складу', 'близько', 273980, 520),
      ]);
    });

    it('reads the unit "осіб" between the total and the delta (minfin order)', () => {
      expect(parseFigureLine('Особовий склад — близько 169890 осіб (+720)')).toEqual([
        figure('Особовий склад', 'близько', 169890, 720),
      ]);
    });

    it('reads the unit "осіб ліквідовано" after the delta and before it', () => {
      expect(parseFigureLine('особового складу ‒ близько 45200 (+300) осіб ліквідовано,')).toEqual([
        figure('особового складу', 'близько', 45200, 300),
      ]);
      expect(parseFigureLine('особового складу ‒ близько 45200 осіб ліквідовано (+300),')).toEqual([
        figure('особового складу', 'близько', 45200, 300),
      ]);
    });

    it('reads the unit "од" after the delta', () => {
      expect(parseFigureLine('РСЗВ – 779 (+1) од,')).toEqual([figure('РСЗВ', '', 779, 1)]);
    });

    it('reads the unit "од." with its dot after the delta', () => {
      expect(parseFigureLine('танків ‒ 4635 (+7) од.')).toEqual([figure('танків', '', 4635, 7)]);
    });

    it('reads the unit "од" right after a total with no delta', () => {
      expect(parseFigureLine('tanks ‒ 732 од,')).toEqual([figure('tanks', '', 732, null)]);
    });

    it('reads the unit "од." between the total and the delta', () => {
      expect(parseFigureLine('танків ‒ 4635 од. (+7)')).toEqual([figure('танків', '', 4635, 7)]);
    });

    it('reads the unit "persons"', () => {
      expect(parseFigureLine('personnel ‒ about 379610 (+950) persons,')).toEqual([
        figure('personnel', 'about', 379610, 950),
      ]);
    });

    it('reads the unit "persons were liquidated" after a decoded &nbsp;', () => {
      expect(parseFigureLine('personnel ‒ about 43900 (+150) \u00a0persons were liquidated,')).toEqual([
        figure('personnel', 'about', 43900, 150),
      ]);
    });

    it('reads the unit "persons were liquidated" before the delta', () => {
      expect(parseFigureLine('personnel ‒ about 23000 persons were liquidated (+200),')).toEqual([
        figure('personnel', 'about', 23000, 200),
      ]);
    });

    it('reads the unit "people"', () => {
      expect(parseFigureLine('Military personnel — aprx. 169890 people (+720)')).toEqual([
        figure('Military personnel', 'aprx.', 169890, 720),
      ]);
    });

    it('reads the bilingual unit "осіб / persons"', () => {
      expect(parseFigureLine('особового складу ‒ близько 403720 (+1290) осіб / persons,')).toEqual([
        figure('особового складу', 'близько', 403720, 1290),
      ]);
    });

    it('reads trailing ",", ";" and "."', () => {
      expect(parseFigureLine('tanks ‒ 3700 (+1),')).toEqual([figure('tanks', '', 3700, 1)]);
      expect(parseFigureLine('tanks ‒ 3700 (+1);')).toEqual([figure('tanks', '', 3700, 1)]);
      expect(parseFigureLine('special equipment ‒ 359 (+2).')).toEqual([figure('special equipment', '', 359, 2)]);
    });

    it('reads a trailing &nbsp; decoded to U+00A0', () => {
      expect(parseFigureLine('tanks ‒ 3700 (+1),\u00a0')).toEqual([figure('tanks', '', 3700, 1)]);
      expect(parseFigureLine('aircraft – 308 (+0),\u00a0')).toEqual([figure('aircraft', '', 308, 0)]);
    });

    it('reads a line with nothing after the delta', () => {
      expect(parseFigureLine('special equipment ‒ 1420 (+4)')).toEqual([figure('special equipment', '', 1420, 4)]);
    });
  });

  describe('deltas', () => {
    it('reads "(+N)" after a space', () => {
      expect(parseFigureLine('APV ‒ 7192 (+3),')).toEqual([figure('APV', '', 7192, 3)]);
    });

    it('reads "(+N)" glued to the total ("403720(+1290)")', () => {
      expect(parseFigureLine('personnel ‒ about 403720(+1290) persons,')).toEqual([
        figure('personnel', 'about', 403720, 1290),
      ]);
    });

    it('reads a stated zero "(+0)" as 0', () => {
      expect(parseFigureLine('засоби ППО ‒ 526 (+0) од,')).toEqual([figure('засоби ППО', '', 526, 0)]);
    });

    it('reads an empty delta "(+)" as no delta and flags it', () => {
      expect(parseFigureLine('РСЗВ – 1344 (+) од,')).toEqual([figure('РСЗВ', '', 1344, null, true)]);
    });

    it('reads an omitted delta as null', () => {
      expect(parseFigureLine('РСЗВ - 266')).toEqual([figure('РСЗВ', '', 266, null)]);
    });

    it('reads a delta with no total', () => {
      expect(parseFigureLine('vehicles and fuel tanks ‒ (+2).')).toEqual([
        figure('vehicles and fuel tanks', '', null, 2),
      ]);
    });

    it('reads a space-separated delta "(+1 070)"', () => {
      expect(parseFigureLine('personnel ‒ about 1 311 180 (+1 070) persons.')).toEqual([
        figure('personnel', 'about', 1311180, 1070),
      ]);
    });

    it('reads a no-break-space-separated total and delta', () => {
      expect(parseFigureLine('БпЛА оперативно-тактичного рівня ‒ 101\u00a0336 (+2\u00a0081)')).toEqual([
        figure('БпЛА оперативно-тактичного рівня', '', 101336, 2081),
      ]);
    });

    it('reads a dot-separated delta followed by words "(+1.460 am vergangenen Tag)"', () => {
      expect(parseFigureLine('Invasoren getötet und verletzt ‒ 849.320 (+1.460 am vergangenen Tag)')).toEqual([
        figure('Invasoren getötet und verletzt', '', 849320, 1460),
      ]);
    });
  });

  describe('labels', () => {
    it('keeps parentheses that belong to the label ("Кораблі (катери) — 16")', () => {
      expect(parseFigureLine('Кораблі (катери) — 16')).toEqual([figure('Кораблі (катери)', '', 16, null)]);
    });

    it('keeps parentheses in the label and still reads the delta', () => {
      expect(parseFigureLine('Кораблі (катери) — 18 (+0)')).toEqual([figure('Кораблі (катери)', '', 18, 0)]);
    });

    it('keeps a slash in the label ("кораблі/катери")', () => {
      expect(parseFigureLine('кораблі/катери ‒ 20 (+0) од,')).toEqual([figure('кораблі/катери', '', 20, 0)]);
    });

    it('reads a bilingual "uk / en" line with a bilingual qualifier and unit', () => {
      expect(parseFigureLine('особового складу / personnel ‒ близько/ about 403720(+1290) осіб / persons,')).toEqual([
        figure('особового складу / personnel', 'близько/ about', 403720, 1290),
      ]);
    });

    it('reads a bilingual label with a slash glued to the Ukrainian half', () => {
      expect(parseFigureLine('автомобільної техніки та автоцистерн/ vehicles and fuel tanks – 12767 (+31) од,')).toEqual([
        figure('автомобільної техніки та автоцистерн/ vehicles and fuel tanks', '', 12767, 31),
      ]);
    });

    it('collapses runs of spaces and no-break spaces inside the label', () => {
      expect(parseFigureLine('особового\u00a0 складу ‒ близько 273980 (+520) осіб,')).toEqual([
        figure('особового складу', 'близько', 273980, 520),
      ]);
    });
  });

  describe('the German number-first sentence', () => {
    it('reads every "N (+d) label" item of the sentence, including an empty "(+)"', () => {
      expect(
        parseFigureLine(
          '10.455 (+17) Panzer, 21.762 (+61) gepanzerte Fahrzeuge, 25.387 (+122) Artilleriesysteme, 1.344 (+) Mehrfachraketenwerfer',
        ),
      ).toEqual([
        enumerated('Panzer', '', 10455, 17),
        enumerated('gepanzerte Fahrzeuge', '', 21762, 61),
        enumerated('Artilleriesysteme', '', 25387, 122),
        enumerated('Mehrfachraketenwerfer', '', 1344, null, true),
      ]);
    });

    it('reads the items after the lead-in words of the sentence', () => {
      expect(
        parseFigureLine(
          'Die Verluste des Feindes an Kriegsgerät, einschließlich in den vorigen 24 Stunden, sind: 10.455 (+17) Panzer, 21.762 (+61) gepanzerte Fahrzeuge',
        ),
      ).toEqual([enumerated('Panzer', '', 10455, 17), enumerated('gepanzerte Fahrzeuge', '', 21762, 61)]);
    });

    it('reads items across a full stop ("3.739 (+1) spezielle Fahrzeuge. 3.054 (+0) Marschflugkörper")', () => {
      expect(parseFigureLine('3.739 (+1) spezielle Fahrzeuge. 3.054 (+0) Marschflugkörper')).toEqual([
        enumerated('spezielle Fahrzeuge', '', 3739, 1),
        enumerated('Marschflugkörper', '', 3054, 0),
      ]);
    });

    it('reads the personnel item "849.320 (+1.460 am vergangenen Tag) Invasoren getötet und verletzt"', () => {
      expect(parseFigureLine('849.320 (+1.460 am vergangenen Tag) Invasoren getötet und verletzt')).toEqual([
        enumerated('Invasoren getötet und verletzt', '', 849320, 1460),
      ]);
    });
  });

  describe('lines that are not figures', () => {
    it('returns nothing for the English heading', () => {
      expect(parseFigureLine('The total combat losses of the enemy from 24.02 to 12.04 were approximately:')).toEqual([]);
    });

    it('returns nothing for the English heading with two-digit years', () => {
      expect(parseFigureLine('The total combat losses of the enemy from 24.02.22 to 01.05.23 were approximately:')).toEqual([]);
    });

    it('returns nothing for the Ukrainian heading', () => {
      expect(parseFigureLine('Загальні бойові втрати противника з 24.02.22 по 19.02.24 орієнтовно склали:')).toEqual([]);
    });

    it('returns nothing for the bilingual heading', () => {
      expect(
        parseFigureLine(
          'Загальні бойові втрати противника з 24.02.22 по 19.02.24 орієнтовно склали / The total combat losses of the enemy from 24.02.22 to 19.02.24 were approximately:',
        ),
      ).toEqual([]);
    });

    it('returns nothing for "Data are being updated."', () => {
      expect(parseFigureLine('Data are being updated.')).toEqual([]);
    });

    it('returns nothing for the direction of greatest losses', () => {
      expect(
        parseFigureLine('Russian enemy suffered the greatest losses (of the past day) at the Bahmut direction.'),
      ).toEqual([]);
    });

    it('returns nothing for the closing slogan', () => {
      expect(parseFigureLine("Strike the occupier! Let's win together! Our strength is in the truth!")).toEqual([]);
    });

    it('returns nothing for a "Personnel:" header alone', () => {
      expect(parseFigureLine('Personnel:')).toEqual([]);
    });

    it('returns nothing for a line with neither total nor delta', () => {
      expect(parseFigureLine('спеціальна техніка ‒ .')).toEqual([]);
      expect(parseFigureLine('personnel ‒ about persons,')).toEqual([]);
    });

    it('returns nothing for an empty or blank line', () => {
      expect(parseFigureLine('')).toEqual([]);
      expect(parseFigureLine('   \u00a0')).toEqual([]);
    });
  });
});

describe('parseFigureLine on texts that run items together or are prose', () => {
  it('reads several label-first items on one line', () => {
    expect(parseFigureLine('танків ‒ 4635 (+7) од, бойових броньованих машин ‒ 8868 (+17) од, артилерійських систем – 6096 (+34) од.')).toEqual([
      { label: 'танків', qualifierText: '', total: 4635, delta: 7, emptyDelta: false },
      { label: 'бойових броньованих машин', qualifierText: '', total: 8868, delta: 17, emptyDelta: false },
      { label: 'артилерійських систем', qualifierText: '', total: 6096, delta: 34, emptyDelta: false },
    ]);
    expect(parseFigureLine('tanks ‒ 732 (+2), APV ‒ 1000 (+3)')).toEqual([
      { label: 'tanks', qualifierText: '', total: 732, delta: 2, emptyDelta: false },
      { label: 'APV', qualifierText: '', total: 1000, delta: 3, emptyDelta: false },
    ]);
  });

  it('prefers the number-first reading when its labels are the known ones', () => {
    const known = (label: string) => ['Panzer', 'gepanzerte Fahrzeuge'].includes(label);
    const vocabulary = { isKnownLabel: known, termLabel: (label: string) => label, saysPerDay: () => false, endsBeforeYear: () => false };
    expect(parseFigureLine('Verluste: 10.455 (+17) Panzer, 21.762 (+61) gepanzerte Fahrzeuge', vocabulary)).toEqual([
      { label: 'Panzer', qualifierText: '', total: 10455, delta: 17, emptyDelta: false, form: 'enumeration' },
      { label: 'gepanzerte Fahrzeuge', qualifierText: '', total: 21762, delta: 61, emptyDelta: false, form: 'enumeration' },
    ]);
  });

  it('does not read the day of a date as a total', () => {
    expect(parseFigureLine('Генштаб ЗСУ – загальні втрати ворога з 24.02.22 по 19.02.24')).toEqual([]);
  });

  it('does not read a sentence with a number as a figure', () => {
    expect(parseFigureLine('Генштаб – за добу сили оборони знищили 34 артсистеми')).toEqual([]);
  });

  it('reads no figure from a 100 000-character line of prose or digits', () => {
    expect(parseFigureLine('ab – '.repeat(20_000))).toEqual([]);
    expect(parseFigureLine('9'.repeat(100_000))).toEqual([]);
    expect(parseFigureLine(`tanks ‒ ${'x '.repeat(9_000)}`)).toEqual([]);
  });
});
