import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRussiaLosses } from '../../src/datasets/russia-losses.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, ParsedReport } from '../../src/report/types.js';
import { datasetReport, parseErrorOf } from '../helpers/datasets.js';

const DATA = readFileSync(new URL('../fixtures/datasets/russia-losses/data.json', import.meta.url), 'utf8');
const SOURCE = 'russia-losses:test';

function fig(category: CategoryKey, total: number, label: string): Figure {
  return { category, total, delta: null, qualifier: null, label };
}

function report(reportDate: string, figures: Figure[], unmapped: ParsedReport['unmapped'] = []): ParsedReport {
  return datasetReport(SOURCE, reportDate, figures, unmapped);
}

/** The figures of a record of 2023-09-14 or later, in registry order; `vehicles` is vehicles_fuel by then. */
function fullDay(d: {
  personnel: number;
  tanks: number;
  apv: number;
  art: number;
  mlrs: number;
  aaws: number;
  aircraft: number;
  helicopters: number;
  uav: number;
  cruise: number;
  ships: number;
  vehicles: number;
  special: number;
}): Figure[] {
  return [
    fig('personnel', d.personnel, 'personnel'),
    fig('tanks', d.tanks, 'tanks'),
    fig('afv', d.apv, 'apv'),
    fig('artillery', d.art, 'artillerySystems'),
    fig('mlrs', d.mlrs, 'mlrs'),
    fig('air_defense', d.aaws, 'aaws'),
    fig('aircraft', d.aircraft, 'aircraft'),
    fig('helicopters', d.helicopters, 'helicopters'),
    fig('uav', d.uav, 'uav'),
    fig('cruise_missiles', d.cruise, 'cruiseMissiles'),
    fig('ships', d.ships, 'boatsCutters'),
    fig('submarines', 1, 'submarines'),
    fig('vehicles_fuel', d.vehicles, 'vehicles'),
    fig('special_equipment', d.special, 'specialEquipment'),
    fig('fuel_tanks', 76, 'fuelTanks'),
    fig('srbm', 4, 'srbmSystem'),
  ];
}

describe('readRussiaLosses on the data.json of AndrewRatnikov/russia-losses (newest first, 2022-02-27 … 2024-04-10)', () => {
  const result = readRussiaLosses(DATA, SOURCE);

  it('gives one report per date, oldest first, from 8 records of 7 dates: the repeated 2024-01-28 is read once, silently, as its two records are the same', () => {
    expect(result.rows).toBe(8);
    expect(result.reports.map((r) => r.reportDate)).toEqual(['2022-02-27', '2022-04-30', '2022-05-01', '2024-01-28', '2024-01-29', '2024-04-09', '2024-04-10']);
    expect(result.warnings).toEqual([]);
    expect(result.notes).toEqual([]);
  });

  it('reads the non-padded date 9.04.2024 as 2024-04-09', () => {
    expect(result.reports[5]).toEqual(
      report('2024-04-09', fullDay({ personnel: 449250, tanks: 7110, apv: 13620, art: 11386, mlrs: 1039, aaws: 753, aircraft: 347, helicopters: 325, uav: 9033, cruise: 2065, ships: 26, vehicles: 15181, special: 1868 })),
    );
  });

  it('reads the records of 2024-01-28 and 2024-01-29 with every key, fuelTanks 76 and srbmSystem 4 kept as stated long after they were retired', () => {
    expect(result.reports[3]).toEqual(
      report('2024-01-28', fullDay({ personnel: 382110, tanks: 6280, apv: 11671, art: 9097, mlrs: 972, aaws: 660, aircraft: 331, helicopters: 324, uav: 7041, cruise: 1845, ships: 23, vehicles: 12103, special: 1436 })),
    );
    expect(result.reports[4]).toEqual(
      report('2024-01-29', fullDay({ personnel: 383180, tanks: 6290, apv: 11696, art: 9113, mlrs: 972, aaws: 660, aircraft: 331, helicopters: 324, uav: 7049, cruise: 1846, ships: 23, vehicles: 12149, special: 1443 })),
    );
  });

  it('reads vehicles as military_auto on 2022-04-30 and as vehicles_fuel from 2022-05-01, when the report merged vehicles and fuel tanks', () => {
    expect(result.reports[1]).toEqual(
      report('2022-04-30', [
        fig('personnel', 23200, 'personnel'),
        fig('tanks', 1008, 'tanks'),
        fig('afv', 2445, 'apv'),
        fig('artillery', 436, 'artillerySystems'),
        fig('mlrs', 151, 'mlrs'),
        fig('air_defense', 77, 'aaws'),
        fig('aircraft', 190, 'aircraft'),
        fig('helicopters', 155, 'helicopters'),
        fig('uav', 232, 'uav'),
        fig('ships', 8, 'boatsCutters'),
        fig('special_equipment', 32, 'specialEquipment'),
        fig('military_auto', 1701, 'vehicles'),
        fig('fuel_tanks', 76, 'fuelTanks'),
        fig('srbm', 4, 'srbmSystem'),
      ]),
    );
    expect(result.reports[2]).toEqual(
      report('2022-05-01', [
        fig('personnel', 23500, 'personnel'),
        fig('tanks', 1026, 'tanks'),
        fig('afv', 2471, 'apv'),
        fig('artillery', 451, 'artillerySystems'),
        fig('mlrs', 151, 'mlrs'),
        fig('air_defense', 80, 'aaws'),
        fig('aircraft', 192, 'aircraft'),
        fig('helicopters', 155, 'helicopters'),
        fig('uav', 245, 'uav'),
        fig('cruise_missiles', 84, 'cruiseMissiles'),
        fig('ships', 8, 'boatsCutters'),
        fig('vehicles_fuel', 1796, 'vehicles'),
        fig('special_equipment', 32, 'specialEquipment'),
        fig('fuel_tanks', 76, 'fuelTanks'),
        fig('srbm', 4, 'srbmSystem'),
      ]),
    );
  });

  it('gives no figure for a null key (2022-02-27: no vehicles, fuel tanks, special equipment or SRBM yet)', () => {
    expect(result.reports[0]).toEqual(
      report('2022-02-27', [
        fig('personnel', 4500, 'personnel'),
        fig('tanks', 150, 'tanks'),
        fig('afv', 706, 'apv'),
        fig('artillery', 50, 'artillerySystems'),
        fig('mlrs', 4, 'mlrs'),
        fig('air_defense', 1, 'aaws'),
        fig('aircraft', 27, 'aircraft'),
        fig('helicopters', 26, 'helicopters'),
        fig('uav', 2, 'uav'),
        fig('ships', 2, 'boatsCutters'),
      ]),
    );
  });

  it('names the file each date came from', () => {
    expect([...result.origins.values()]).toEqual(Array(7).fill('data.json'));
  });
});

describe('readRussiaLosses on small variants', () => {
  it('keeps the first record of a date listed twice with other values, and names both records', () => {
    const text = '{"data": [{"date": "28.01.2024", "tanks": 6280}, {"date": "28.01.2024", "tanks": 6271, "apv": 11652}]}';
    const result = readRussiaLosses(text, SOURCE);
    expect(result.reports).toEqual([report('2024-01-28', [fig('tanks', 6280, 'tanks'), fig('afv', 11652, 'apv')])]);
    expect(result.warnings).toEqual([
      {
        code: 'duplicate_category',
        message: '2024-01-28 tanks: 6280 in data.json record 1, 6271 in data.json record 2; the first is kept',
        label: 'tanks',
        total: 6271,
        delta: null,
      },
    ]);
  });

  it('keeps an unknown key as an unknown label with one warning, and reads a key with a trailing space', () => {
    const text = '{"data": [{"date": "2.05.2022", "specialEquipment ": 38, "atgm": 3}, {"date": "3.05.2022", "atgm": 4}]}';
    const result = readRussiaLosses(text, SOURCE);
    expect(result.reports).toEqual([
      report('2022-05-02', [fig('special_equipment', 38, 'specialEquipment ')], [{ label: 'atgm', total: 3, delta: null, qualifier: null }]),
      report('2022-05-03', [], [{ label: 'atgm', total: 4, delta: null, qualifier: null }]),
    ]);
    expect(result.warnings).toEqual([
      { code: 'unknown_label', message: 'unknown column "atgm" in data.json: no category takes it; 2 values kept as unknown labels', label: 'atgm' },
    ]);
  });

  it('reads a file that starts with a byte-order mark and has no space anywhere', () => {
    expect(readRussiaLosses('\ufeff{"data":[{"date":"24.02.2022","tanks":30}]}', SOURCE).reports).toEqual([report('2022-02-24', [fig('tanks', 30, 'tanks')])]);
  });

  it('gives no report for an empty array', () => {
    expect(readRussiaLosses('{"data": []}', SOURCE)).toEqual({ origins: new Map(), reports: [], rows: 0, warnings: [], notes: [] });
  });
});

describe('readRussiaLosses errors', () => {
  const read = (text: string) => () => readRussiaLosses(text, SOURCE);

  it('refuses a bare array, which is the PetroIvaniuk layout', () => {
    expect(parseErrorOf(read('[{"date": "2022-03-07", "tank": 290}]'))).toBe('data.json holds an array, not the object of daily records of AndrewRatnikov/russia-losses');
  });

  it('refuses an object whose first member is not the "data" array', () => {
    expect(parseErrorOf(read('{"keys": [{"id": "apv"}]}'))).toBe(
      'data.json starts with "{"keys": [", where the object of daily records of AndrewRatnikov/russia-losses starts with {"data": [',
    );
    expect(parseErrorOf(read('{"updated": "2026-04-30", "data": [{"date": "30.04.2026"}]}'))).toBe(
      'data.json starts with "{"updated": "2026-04-30", "data": [", where the object of daily records of AndrewRatnikov/russia-losses starts with {"data": [',
    );
  });

  it('refuses an object without any array, and one whose "data" is an object', () => {
    expect(parseErrorOf(read('{"message": "not found"}'))).toBe('data.json holds an object, not the object of daily records of AndrewRatnikov/russia-losses');
    expect(parseErrorOf(read('{"data": {"date": "30.04.2026"}}'))).toBe('data.json holds an object, not the object of daily records of AndrewRatnikov/russia-losses');
  });

  it('says where the file ends too early, and what follows the array instead of the closing brace', () => {
    expect(parseErrorOf(read('{"data": [{"date": "30.04.2026", "tanks": 11901}'))).toBe('data.json is not valid JSON: it ends inside record 1');
    expect(parseErrorOf(read('{"data": [{"date": "30.04.2026", "tanks": 11901}]'))).toBe(
      'data.json is not valid JSON: it ends after the "data" array, before the object around it is closed',
    );
    expect(parseErrorOf(read('{"data": [{"date": "30.04.2026", "tanks": 11901}], "keys": []}'))).toBe(
      'data.json is not valid JSON: the "data" array is followed by ", "keys": []}", not by the "}" that closes the object',
    );
    expect(parseErrorOf(read('{"data": [{"date": "30.04.2026", "tanks": 11901}]} x'))).toBe('data.json is not valid JSON: text after the end of the object: "x"');
  });

  it('names the record of a date or a count it cannot read', () => {
    expect(parseErrorOf(read('{"data": [{"date": "30.04.2026"}, {"date": "31.04.2026"}]}'))).toBe('data.json record 2: date "31.04.2026" is not a date (YYYY-MM-DD or d.mm.yyyy)');
    expect(parseErrorOf(read('{"data": [{"date": "30.04.2026", "tanks": -1}]}'))).toBe('data.json record 1 (2026-04-30): "tanks" is -1, not a count');
    expect(parseErrorOf(read('{"data": [{"tanks": 11901}]}'))).toBe('data.json record 1 has no "date"');
  });
});
