import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPetroIvaniuk } from '../../src/datasets/petroivaniuk.js';
import { ParseError } from '../../src/errors.js';
import type { CategoryKey } from '../../src/report/categories.js';
import type { Figure, ParsedReport, Qualifier } from '../../src/report/types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/datasets/${name}`, import.meta.url), 'utf8');
}

function fig(category: CategoryKey, total: number, label: string, qualifier: Qualifier | null = null): Figure {
  return { category, total, delta: null, qualifier, label };
}

function report(reportDate: string, figures: Figure[], unmapped: ParsedReport['unmapped'] = []): ParsedReport {
  return { source: 'petroivaniuk:test', reportDate, language: 'en', figures, warnings: [], unmapped };
}

function parseErrorOf(read: () => unknown): { name: string; code: string; message: string } {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    const e = error as ParseError;
    return { name: e.name, code: e.code, message: e.message };
  }
  throw new Error('expected a ParseError, nothing was thrown');
}

/** What the JSON parser of this Node says about a text (its wording differs between versions). */
function jsonReason(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the text is valid JSON');
}

const EQUIPMENT = fixture('petroivaniuk/russia_losses_equipment.json');
const PERSONNEL = fixture('petroivaniuk/russia_losses_personnel.json');
const SOURCE = 'petroivaniuk:test';

const PAIR_REPORTS: ParsedReport[] = [
  report('2022-03-07', [
    fig('personnel', 11000, 'personnel', 'more than'),
    fig('tanks', 290, 'tank'),
    fig('afv', 999, 'APC'),
    fig('artillery', 117, 'field artillery'),
    fig('mlrs', 50, 'MRL'),
    fig('air_defense', 23, 'anti-aircraft warfare'),
    fig('aircraft', 46, 'aircraft'),
    fig('helicopters', 68, 'helicopter'),
    fig('uav', 7, 'drone'),
    fig('ships', 3, 'naval ship'),
    fig('military_auto', 454, 'military auto'),
    fig('fuel_tanks', 60, 'fuel tank'),
  ]),
  report('2022-03-08', [
    fig('personnel', 12000, 'personnel', 'about'),
    fig('tanks', 303, 'tank'),
    fig('afv', 1036, 'APC'),
    fig('artillery', 120, 'field artillery'),
    fig('mlrs', 56, 'MRL'),
    fig('air_defense', 27, 'anti-aircraft warfare'),
    fig('aircraft', 48, 'aircraft'),
    fig('helicopters', 80, 'helicopter'),
    fig('uav', 7, 'drone'),
    fig('ships', 3, 'naval ship'),
    fig('military_auto', 474, 'military auto'),
    fig('fuel_tanks', 60, 'fuel tank'),
  ]),
  report('2022-04-30', [
    fig('personnel', 23200, 'personnel', 'about'),
    fig('tanks', 1008, 'tank'),
    fig('afv', 2445, 'APC'),
    fig('artillery', 436, 'field artillery'),
    fig('mlrs', 151, 'MRL'),
    fig('air_defense', 77, 'anti-aircraft warfare'),
    fig('aircraft', 190, 'aircraft'),
    fig('helicopters', 155, 'helicopter'),
    fig('uav', 232, 'drone'),
    fig('ships', 8, 'naval ship'),
    fig('special_equipment', 32, 'special equipment'),
    fig('military_auto', 1701, 'military auto'),
    fig('fuel_tanks', 76, 'fuel tank'),
    fig('srbm', 4, 'mobile SRBM system'),
  ]),
  report('2022-05-01', [
    fig('personnel', 23500, 'personnel', 'about'),
    fig('tanks', 1026, 'tank'),
    fig('afv', 2471, 'APC'),
    fig('artillery', 451, 'field artillery'),
    fig('mlrs', 151, 'MRL'),
    fig('air_defense', 80, 'anti-aircraft warfare'),
    fig('aircraft', 192, 'aircraft'),
    fig('helicopters', 155, 'helicopter'),
    fig('uav', 245, 'drone'),
    fig('cruise_missiles', 84, 'cruise missiles'),
    fig('ships', 8, 'naval ship'),
    fig('vehicles_fuel', 1796, 'vehicles and fuel tanks'),
    fig('special_equipment', 32, 'special equipment'),
  ]),
];

describe('readPetroIvaniuk on the hand-written pair (2022-03-07, 03-08, 04-30, 05-01)', () => {
  it('merges the equipment and personnel records into one report per date, in registry order, with no deltas', () => {
    expect(readPetroIvaniuk(EQUIPMENT, PERSONNEL, SOURCE)).toEqual({
      origins: expect.any(Map),
      reports: PAIR_REPORTS,
      rows: 8,
      warnings: [],
      notes: ['POW (prisoners of war) is not a General Staff category: 2 values in russia_losses_personnel.json not imported'],
    });
  });

  it('reads "personnel*": "more" as "more than" and "about" as "about" on the personnel figure only', () => {
    const { reports } = readPetroIvaniuk(EQUIPMENT, PERSONNEL, SOURCE);
    expect(reports.map((r) => [r.reportDate, r.figures.filter((f) => f.qualifier !== null).map((f) => [f.category, f.qualifier])])).toEqual([
      ['2022-03-07', [['personnel', 'more than']]],
      ['2022-03-08', [['personnel', 'about']]],
      ['2022-04-30', [['personnel', 'about']]],
      ['2022-05-01', [['personnel', 'about']]],
    ]);
  });

  it('gives no figure for a key a record does not have: no cruise missiles or vehicles_fuel before 2022-05-01, no srbm after 2022-04-30', () => {
    const { reports } = readPetroIvaniuk(EQUIPMENT, PERSONNEL, SOURCE);
    const categories = (date: string) => reports.find((r) => r.reportDate === date)?.figures.map((f) => f.category) ?? [];
    expect(categories('2022-03-07')).not.toContain('cruise_missiles');
    expect(categories('2022-03-07')).not.toContain('special_equipment');
    expect(categories('2022-04-30')).not.toContain('vehicles_fuel');
    expect(categories('2022-05-01')).not.toContain('srbm');
    expect(categories('2022-05-01')).not.toContain('military_auto');
  });

  it('reads the same reports when the two files are given the other way round', () => {
    const swapped = readPetroIvaniuk(PERSONNEL, EQUIPMENT, SOURCE, { equipment: 'russia_losses_personnel.json', personnel: 'russia_losses_equipment.json' });
    expect(swapped.reports).toEqual(PAIR_REPORTS);
  });
});

describe('readPetroIvaniuk on the merged excerpt with a misspelt key (2026-05-02, 2026-05-03)', () => {
  const merged = fixture('petroivaniuk-merged-typo-key-2026-05.json');
  const common = (d: { tank: number; APC: number; art: number; mrl: number; uav: number; vf: number; personnel: number }) => [
    fig('personnel', d.personnel, 'personnel'),
    fig('tanks', d.tank, 'tank'),
    fig('afv', d.APC, 'APC'),
    fig('artillery', d.art, 'field artillery'),
    fig('mlrs', d.mrl, 'MRL'),
    fig('air_defense', 1357, 'anti-aircraft warfare'),
    fig('aircraft', 435, 'aircraft'),
    fig('helicopters', 352, 'helicopter'),
    fig('uav', d.uav, 'drone'),
    fig('cruise_missiles', 4579, 'cruise missiles'),
    fig('ships', 33, 'naval ship'),
    fig('submarines', 2, 'submarines'),
    fig('vehicles_fuel', d.vf, 'vehicles and fuel tanks'),
    fig('special_equipment', 4151, 'special equipment'),
  ];

  it('reads personnel from the equipment records, keeps the unknown key\'s value as an unknown label and warns once with the key', () => {
    expect(readPetroIvaniuk(merged, '[]', SOURCE, { equipment: 'excerpt.json', personnel: 'none.json' })).toEqual({
      origins: expect.any(Map),
      reports: [
        report('2026-05-02', common({ personnel: 1332950, tank: 11906, APC: 24500, art: 41117, mrl: 1763, uav: 267589, vf: 93274 })),
        report('2026-05-03', common({ personnel: 1334030, tank: 11908, APC: 24503, art: 41193, mrl: 1765, uav: 269813, vf: 93556 }), [
          { label: 'groun d robotic systems', total: 1306, delta: null, qualifier: null },
        ]),
      ],
      rows: 2,
      warnings: [
        {
          code: 'unknown_label',
          message: 'unknown column "groun d robotic systems" in excerpt.json: no category takes it; 1 value kept as unknown labels',
          label: 'groun d robotic systems',
        },
      ],
      notes: [],
    });
  });
});

describe('readPetroIvaniuk on small variants', () => {
  it('keeps values as given, a known typo included (tank 655 on 2024-02-26)', () => {
    const result = readPetroIvaniuk('[{"date":"2024-02-26","tank":655}]', '[]', SOURCE);
    expect(result.reports).toEqual([report('2024-02-26', [fig('tanks', 655, 'tank')])]);
  });

  it('treats a null value like an absent key and reads a count written as a string', () => {
    const result = readPetroIvaniuk('[{"date":"2022-05-01","cruise missiles":null,"tank":"1026"}]', '[]', SOURCE);
    expect(result.reports).toEqual([report('2022-05-01', [fig('tanks', 1026, 'tank')])]);
  });

  it('keeps the first value and warns with both files and values when the pair disagrees on a date and category', () => {
    const result = readPetroIvaniuk('[{"date":"2022-02-26","personnel":4300}]', '[{"date":"2022-02-26","personnel":3000,"personnel*":"about"}]', SOURCE);
    expect(result.reports).toEqual([report('2022-02-26', [fig('personnel', 4300, 'personnel', 'about')])]);
    expect(result.warnings).toEqual([
      {
        code: 'duplicate_category',
        message:
          '2022-02-26 personnel: 4300 in russia_losses_equipment.json record 1, 3000 in russia_losses_personnel.json record 1; the first is kept',
        label: 'personnel',
        total: 3000,
        delta: null,
      },
    ]);
  });

  it('makes no report for a date whose records hold no figure', () => {
    const result = readPetroIvaniuk('[{"date":"2022-02-25","day":2}]', '[{"date":"2022-02-25","personnel*":"about","POW":0}]', SOURCE);
    expect(result).toEqual({
      origins: expect.any(Map),
      reports: [],
      rows: 2,
      warnings: [],
      notes: ['POW (prisoners of war) is not a General Staff category: 1 value in russia_losses_personnel.json not imported'],
    });
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(readPetroIvaniuk('\ufeff[{"date":"2022-03-07","tank":290}]', '[]', SOURCE).reports).toEqual([report('2022-03-07', [fig('tanks', 290, 'tank')])]);
  });

  it('warns about a "personnel*" that is not "about" or "more" and keeps the total without a qualifier', () => {
    const result = readPetroIvaniuk(fixture('bad/petroivaniuk-unknown-qualifier.json'), '[]', SOURCE, { equipment: 'bad.json', personnel: 'none.json' });
    expect(result.reports).toEqual([report('2022-03-07', [fig('personnel', 11000, 'personnel')])]);
    expect(result.warnings).toEqual([
      {
        code: 'unknown_qualifier',
        message: 'bad.json record 1 (2022-03-07): "personnel*" is "approximately", not "about" or "more"; the personnel total is kept without a qualifier',
        label: 'personnel*',
      },
    ]);
  });
});

describe('readPetroIvaniuk errors', () => {
  const read = (name: string) => () => readPetroIvaniuk(fixture(`bad/${name}`), '[]', SOURCE, { equipment: name, personnel: 'russia_losses_personnel.json' });

  it('says a truncated file is not valid JSON, and in which record it ends', () => {
    expect(parseErrorOf(read('petroivaniuk-truncated.json'))).toEqual({
      name: 'ParseError',
      code: 'LT_PARSE',
      message: 'petroivaniuk-truncated.json is not valid JSON: it ends inside record 1',
    });
  });

  it('refuses a JSON object where the array of records should be', () => {
    expect(parseErrorOf(read('petroivaniuk-object.json')).message).toBe(
      'petroivaniuk-object.json holds an object, not the array of daily records the PetroIvaniuk dataset has',
    );
  });

  it('refuses a record that is not an object', () => {
    expect(parseErrorOf(read('petroivaniuk-record-not-object.json')).message).toBe(
      'petroivaniuk-record-not-object.json record 1 is "2022-03-07", not an object with a "date"',
    );
  });

  it('names the record that has no date', () => {
    expect(parseErrorOf(read('petroivaniuk-no-date.json')).message).toBe('petroivaniuk-no-date.json record 2 has no "date"');
  });

  it('names the record and the value of a date that does not exist', () => {
    expect(parseErrorOf(read('petroivaniuk-bad-date.json')).message).toBe(
      'petroivaniuk-bad-date.json record 1: date "2022-02-30" is not a date (YYYY-MM-DD or d.mm.yyyy)',
    );
  });

  it('names the record, date, key and value of a figure that is not a count', () => {
    expect(parseErrorOf(read('petroivaniuk-not-a-count.json')).message).toBe(
      'petroivaniuk-not-a-count.json record 1 (2022-03-07): "APC" is "999 (+12)", not a count',
    );
  });

  it('refuses negative and fractional numbers as counts', () => {
    expect(parseErrorOf(() => readPetroIvaniuk('[{"date":"2022-10-13","APC":-25}]', '[]', SOURCE)).message).toBe(
      'russia_losses_equipment.json record 1 (2022-10-13): "APC" is -25, not a count',
    );
    expect(parseErrorOf(() => readPetroIvaniuk('[{"date":"2022-10-13","APC":5167.5}]', '[]', SOURCE)).message).toBe(
      'russia_losses_equipment.json record 1 (2022-10-13): "APC" is 5167.5, not a count',
    );
  });

  it('says so when neither file holds a record', () => {
    expect(parseErrorOf(() => readPetroIvaniuk('[]', ' [ ] ', SOURCE)).message).toBe(
      'neither russia_losses_equipment.json nor russia_losses_personnel.json holds a record',
    );
  });

  it('says an empty personnel file is not valid JSON', () => {
    expect(parseErrorOf(() => readPetroIvaniuk(EQUIPMENT, '', SOURCE)).message).toBe(`russia_losses_personnel.json is not valid JSON: ${jsonReason('')}`);
  });
});
