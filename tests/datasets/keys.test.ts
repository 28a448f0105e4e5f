import { describe, expect, it } from 'vitest';
import { columnRole, DATASET_KEYS, figureCategory, MERGED_KEYS, MINFIN_CSV_KEYS, PETROIVANIUK_KEYS, RUSSIA_LOSSES_KEYS } from '../../src/datasets/keys.js';
import { CATEGORIES } from '../../src/report/categories.js';

describe('the dataset key map', () => {
  it('maps every PetroIvaniuk / Kaggle key to its category', () => {
    expect(PETROIVANIUK_KEYS).toEqual({
      personnel: 'personnel',
      aircraft: 'aircraft',
      helicopter: 'helicopters',
      tank: 'tanks',
      APC: 'afv',
      'field artillery': 'artillery',
      MRL: 'mlrs',
      'military auto': 'military_auto',
      'fuel tank': 'fuel_tanks',
      drone: 'uav',
      'naval ship': 'ships',
      'anti-aircraft warfare': 'air_defense',
      'special equipment': 'special_equipment',
      'mobile SRBM system': 'srbm',
      'vehicles and fuel tanks': 'vehicles_fuel',
      'cruise missiles': 'cruise_missiles',
      submarines: 'submarines',
      'ground robotic systems': 'ground_robots',
    });
    for (const [key, category] of Object.entries(PETROIVANIUK_KEYS)) expect(columnRole(key)).toEqual({ kind: 'figure', category });
  });

  it('maps every column of the minfin-derived CSV to its category', () => {
    expect(MINFIN_CSV_KEYS).toEqual({
      personnel: 'personnel',
      tanks: 'tanks',
      apv: 'afv',
      artillery: 'artillery',
      mlrs: 'mlrs',
      aaws: 'air_defense',
      aircrafts: 'aircraft',
      helicopters: 'helicopters',
      uav: 'uav',
      cruise_missiles: 'cruise_missiles',
      warships: 'ships',
      vehicles_fuel_tanks: 'vehicles_fuel',
      special_equipment: 'special_equipment',
      submarines: 'submarines',
    });
    for (const [key, category] of Object.entries(MINFIN_CSV_KEYS)) expect(columnRole(key)).toEqual({ kind: 'figure', category });
  });

  it('maps every key of the minfin-derived JSON of AndrewRatnikov/russia-losses to its category, the frozen fuelTanks and srbmSystem included', () => {
    expect(RUSSIA_LOSSES_KEYS).toEqual({
      personnel: 'personnel',
      tanks: 'tanks',
      apv: 'afv',
      artillerySystems: 'artillery',
      mlrs: 'mlrs',
      aaws: 'air_defense',
      aircraft: 'aircraft',
      helicopters: 'helicopters',
      uav: 'uav',
      cruiseMissiles: 'cruise_missiles',
      boatsCutters: 'ships',
      submarines: 'submarines',
      specialEquipment: 'special_equipment',
      fuelTanks: 'fuel_tanks',
      srbmSystem: 'srbm',
    });
    for (const [key, category] of Object.entries(RUSSIA_LOSSES_KEYS)) expect(columnRole(key)).toEqual({ kind: 'figure', category });
  });

  it("maps minfin's vehicles to military_auto until 2022-04-30 and to vehicles_fuel from 2022-05-01, by the registry's dates", () => {
    expect(MERGED_KEYS).toEqual({ vehicles: { category: 'military_auto', mergedInto: 'vehicles_fuel' } });
    const vehicles = columnRole('vehicles');
    expect(vehicles).toEqual({ kind: 'figure', category: 'military_auto', mergedInto: 'vehicles_fuel' });
    if (vehicles.kind !== 'figure') throw new Error('vehicles is no figure column');
    expect(['2022-02-28', '2022-04-30', '2022-05-01', '2026-04-30'].map((date) => figureCategory(vehicles, date))).toEqual([
      'military_auto',
      'military_auto',
      'vehicles_fuel',
      'vehicles_fuel',
    ]);
    expect(figureCategory({ kind: 'figure', category: 'fuel_tanks' }, '2026-04-30')).toBe('fuel_tanks');
  });

  it('maps every registry key to itself', () => {
    for (const { key } of CATEGORIES) expect(columnRole(key)).toEqual({ kind: 'figure', category: key });
  });

  it('holds exactly the names of the five sets, lower-cased, in DATASET_KEYS', () => {
    const sets = [PETROIVANIUK_KEYS, MINFIN_CSV_KEYS, RUSSIA_LOSSES_KEYS, MERGED_KEYS].map((set) => Object.keys(set));
    const names = new Set([...sets.flat(), ...CATEGORIES.map((c) => c.key)].map((n) => n.toLowerCase()));
    expect(new Set(DATASET_KEYS.keys())).toEqual(names);
  });

  it('compares names trimmed, case-insensitively and with runs of spaces collapsed', () => {
    expect(columnRole('apc')).toEqual({ kind: 'figure', category: 'afv' });
    expect(columnRole(' Special  Equipment ')).toEqual({ kind: 'figure', category: 'special_equipment' });
    // An earlier data.json of AndrewRatnikov/russia-losses had the key with a trailing space.
    expect(columnRole('specialEquipment ')).toEqual({ kind: 'figure', category: 'special_equipment' });
    expect(columnRole('special Equipment')).toEqual({ kind: 'figure', category: 'special_equipment' });
    expect(columnRole('Special_Equipment')).toEqual({ kind: 'figure', category: 'special_equipment' });
  });

  it('knows the columns that are not figures: date, day, the direction of greatest losses, personnel* and POW', () => {
    expect(columnRole('date')).toEqual({ kind: 'date' });
    expect(columnRole('Date')).toEqual({ kind: 'date' });
    expect(columnRole('day')).toEqual({ kind: 'ignored' });
    expect(columnRole('greatest losses direction')).toEqual({ kind: 'ignored' });
    expect(columnRole('personnel*')).toEqual({ kind: 'qualifier' });
    expect(columnRole('POW')).toEqual({ kind: 'pow' });
  });

  it('calls every other name unknown, misspellings and retired keys included', () => {
    for (const name of ['groun d robotic systems', 'BUK', 'fuel tanks', 'srbmSystems', 'vehicle', '', 'Unnamed: 0']) {
      expect(columnRole(name)).toEqual({ kind: 'unknown' });
    }
  });
});

describe('the delta columns of the wide export', () => {
  it('takes <registry key>_delta as the delta of that category, and nothing else as a delta', () => {
    for (const { key } of CATEGORIES) expect(columnRole(`${key}_delta`)).toEqual({ kind: 'delta', category: key });
    expect(columnRole('Tanks_Delta')).toEqual({ kind: 'delta', category: 'tanks' });
    expect(columnRole('tank_delta')).toEqual({ kind: 'unknown' });
    expect(columnRole('delta')).toEqual({ kind: 'unknown' });
  });
});
