/**
 * Media copies and other text forms of the daily report, through the `text` source: each
 * hand-written fixture holds the official figures of its day (reference_long.csv), with the
 * wording, number format and defects of its kind of text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/sources/text/parse.js';

const text = (name: string) => readFileSync(new URL(`../fixtures/text/${name}`, import.meta.url), 'utf8');
type Row = [string, number | null, number | null, string | null, string];
const rows = (name: string, date?: string) => {
  const outcome = parseReportText(text(name), date ? { date } : {});
  if (outcome.status !== 'report') return outcome;
  const { reportDate, language, figures, warnings } = outcome.report;
  return { reportDate, language, figures: figures.map((f): Row => [f.category, f.total, f.delta, f.qualifier, f.label]), warnings: warnings.map((w) => w.message) };
};

describe('text reports from the media', () => {
  it('reads a Ukrainian media copy with nominative labels, "БпЛА" and space thousands, dated by its heading', () => {
    expect(rows('hromadske-uk-2024-11-23.txt')).toEqual({
      reportDate: '2024-11-23',
      language: 'uk',
      figures: [
        ['personnel', 729720, 1420, 'about', 'особовий склад'],
        ['tanks', 9419, 20, null, 'танки'],
        ['afv', 19192, 36, null, 'бойові броньовані машини'],
        ['artillery', 20760, 24, null, 'артилерійські системи'],
        ['mlrs', 1254, null, null, 'РСЗВ'],
        ['air_defense', 1004, null, null, 'засоби ППО'],
        ['aircraft', 369, null, null, 'літаки'],
        ['helicopters', 329, null, null, 'гелікоптери'],
        ['uav', 19365, 105, null, 'БпЛА оперативно-тактичного рівня'],
        ['cruise_missiles', 2764, null, null, 'крилаті ракети'],
        ['ships', 28, null, null, 'кораблі/катери'],
        ['submarines', 1, null, null, 'підводні човни'],
        ['vehicles_fuel', 29850, 73, null, 'автомобільна техніка та автоцистерни'],
        ['special_equipment', 3678, 3, null, 'спеціальна техніка'],
      ],
      warnings: [],
    });
  });

  it('reads an English media translation of April 2022 with comma thousands, dated by --date', () => {
    expect(rows('censor-en-2022-04-12.txt')).toEqual({
      status: 'undated',
      reason: 'the text states "from 24.02 to 12.04" without a year; pass --date YYYY-MM-DD',
    });
    expect(rows('censor-en-2022-04-12.txt', '2022-04-12')).toEqual({
      reportDate: '2022-04-12',
      language: 'en',
      figures: [
        ['personnel', 19600, null, 'about', 'personnel'],
        ['tanks', 732, 7, null, 'tanks'],
        ['afv', 1946, 23, null, 'armored combat vehicles'],
        ['artillery', 349, 2, null, 'artillery systems'],
        ['mlrs', 111, 0, null, 'multiple launch rocket systems'],
        ['air_defense', 63, 8, null, 'air defense systems'],
        ['aircraft', 157, 3, null, 'aircraft'],
        ['helicopters', 140, 3, null, 'helicopters'],
        ['military_auto', 1406, 19, null, 'automotive equipment'],
        ['ships', 7, 0, null, 'ships/boats'],
        ['fuel_tanks', 76, 0, null, 'tanks with fuel and lubricants'],
        ['uav', 124, 5, null, 'unmanned aerial vehicles of the operational-tactical level'],
        ['special_equipment', 25, 0, null, 'special equipment'],
        ['srbm', 4, 0, null, 'Launcher of the operational-tactical missile system'],
      ],
      warnings: [],
    });
  });

  it('reads a German Ukrinform article in its second label set, keeping its typos as printed', () => {
    expect(rows('ukrinform-de-2025-03-28.txt', '2025-03-28')).toEqual({
      reportDate: '2025-03-28',
      language: 'de',
      figures: [
        ['personnel', 910750, 1860, 'about', 'Invasoren getötet und verletzt verloren'],
        ['tanks', 10455, 17, null, 'Panzer'],
        ['afv', 21762, 61, null, 'gepanzerte Fahrzeuge'],
        ['artillery', 25387, 122, null, 'Artilleriesysteme'],
        ['mlrs', 1344, null, null, 'Mehrfachraketenwerfer'],
        ['air_defense', 1119, 1, null, 'Luftabwehrsysteme'],
        ['aircraft', 370, 0, null, 'Flugzeuge'],
        ['helicopters', 331, 0, null, 'Hubschrauber'],
        ['uav', 30070, 144, null, 'operativ-taktische Drohnen'],
        ['cruise_missiles', 3121, 0, null, 'Marschflugkörper'],
        ['ships', 28, 0, null, 'Schiffe/Boote'],
        ['submarines', 1, 0, null, 'U-Boote'],
        ['vehicles_fuel', 42280, 210, null, 'Kraftfahrzeuge und Tanks mit Treib- und Schmierstoffen'],
        ['special_equipment', 3787, 0, null, 'spezielle Technikeinheiten'],
      ],
      warnings: ['"Mehrfachraketenwerfer": the delta is printed empty "(+)"'],
    });
  });

  it('reads the English 2026 form with a header line per category, dated by "as of April 12, 2026"', () => {
    expect(rows('mod-en-2026-04-12.txt')).toEqual({
      reportDate: '2026-04-12',
      language: 'en',
      figures: [
        ['personnel', 1311180, 1070, 'about', 'Personnel'],
        ['tanks', 11859, 8, null, 'Tanks'],
        ['afv', 24384, 3, null, 'Armoured fighting vehicles'],
        ['artillery', 39871, 73, null, 'Artillery systems'],
        ['mlrs', 1727, 1, null, 'MLRS'],
        ['air_defense', 1345, 1, null, 'Air defence systems'],
        ['aircraft', 435, null, null, 'Aircraft'],
        ['helicopters', 351, null, null, 'Helicopters'],
        ['uav', 233866, 2081, null, 'UAVs operational-tactical level'],
        ['cruise_missiles', 4517, null, null, 'Cruise missiles'],
        ['ships', 33, null, null, 'Warships / boats'],
        ['submarines', 2, null, null, 'Submarines'],
        ['vehicles_fuel', 88914, 216, null, 'Vehicles and fuel tanks'],
        ['special_equipment', 4121, null, null, 'Special equipment'],
      ],
      warnings: [],
    });
  });
});
