/**
 * Conformance: the real data.json of AndrewRatnikov/russia-losses and ukr-mod-data.csv of
 * JJ/raku-ukr-mod-data in ../shared/datasets, imported through `import` (their folders, without
 * --format) and checked. Every value stored must be the file's own under the canonical key
 * mapping of ../shared/datasets/README.md §2, which this test reads the files by on its own
 * (JSON.parse, a split on commas; Andrew's keys by the table tests/datasets/keys.test.ts holds
 * to that mapping), and the counts and the anomalies the README states must come out of the
 * import and the checks.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/findings.js';
import { RUSSIA_LOSSES_KEYS } from '../../src/datasets/keys.js';
import { importPath, type ImportResult } from '../../src/ingest/import.js';
import { recomputeFindings } from '../../src/ingest/recheck.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { DATASETS, reportSkipped, sharedAvailable } from '../helpers/shared.js';

const available = sharedAvailable();
if (!available) reportSkipped('the conformance of the russia-losses and ukr-mod-data imports (AndrewRatnikov/russia-losses data.json, JJ/raku-ukr-mod-data ukr-mod-data.csv)');

const NOW = '2026-11-25T10:00:00.000Z';

/** README §2 and the report's English labels, as JJ's items write them. */
const JJ_MAPPING: Readonly<Record<string, string>> = {
  personnel: 'personnel',
  tanks: 'tanks',
  APV: 'afv',
  'artillery systems': 'artillery',
  MLRS: 'mlrs',
  'Anti-aircraft warfare systems': 'air_defense',
  aircraft: 'aircraft',
  helicopters: 'helicopters',
  'UAV operational-tactical level': 'uav',
  'cruise missiles': 'cruise_missiles',
  'warships / boats': 'ships',
  'vehicles and fuel tanks': 'vehicles_fuel',
  'special equipment': 'special_equipment',
};

type Values = Map<string, { total: number | null; delta: number | null }>;

/** Andrew's values by "date|category", the first record of a date kept. */
function andrewValues(): { values: Values; records: number } {
  const records = (JSON.parse(readFileSync(`${DATASETS}russia-losses/data.json`, 'utf8')) as { data: Record<string, string | number | null>[] }).data;
  const values: Values = new Map();
  for (const record of records) {
    const [day, month, year] = String(record['date']).split('.');
    const date = `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
    for (const [key, value] of Object.entries(record)) {
      if (key === 'date' || value === null) continue;
      // README §2: Andrew's vehicles are military_auto before 2022-05-01, vehicles_fuel from then on.
      const category = key === 'vehicles' ? (date < '2022-05-01' ? 'military_auto' : 'vehicles_fuel') : RUSSIA_LOSSES_KEYS[key];
      if (category === undefined) throw new Error(`data.json has the key "${key}", which README §2 does not map`);
      if (!values.has(`${date}|${category}`)) values.set(`${date}|${category}`, { total: Number(value), delta: null });
    }
  }
  return { values, records: records.length };
}

/** JJ's values by "date|category", in 2022 (README §2: "dd.mm, year 2022 implied"). */
function jjValues(): { values: Values; rows: number } {
  const lines = readFileSync(`${DATASETS}raku-ukr-mod-data/ukr-mod-data.csv`, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('Date, Item, Delta, Total');
  const values: Values = new Map();
  for (const line of lines.slice(1)) {
    const [dayMonth = '', item = '', delta = '', total = ''] = line.split(', ');
    const [day, month] = dayMonth.split('.');
    const category = JJ_MAPPING[item];
    if (category === undefined) throw new Error(`ukr-mod-data.csv has the item "${item}", which README §2 does not map`);
    values.set(`2022-${month}-${day}|${category}`, { total: Number(total), delta: Number(delta) });
  }
  return { values, rows: lines.length - 1 };
}

function spanOf(values: Values): { dates: number; first: string; last: string } {
  const dates = [...new Set([...values.keys()].map((key) => key.split('|')[0] as string))].sort();
  return { dates: dates.length, first: dates[0] ?? '', last: dates.at(-1) ?? '' };
}

describe.runIf(available)('the real russia-losses and ukr-mod-data datasets, imported and checked', () => {
  let db: TestDb;
  let andrew: ImportResult;
  let jj: ImportResult;
  let findings: Finding[] = [];

  const stored = (source: string): Values =>
    new Map(
      (
        db.sqlite
          .prepare(`select r.report_date as date, f.category, f.total, f.delta from reports r join figures f on f.report_id = r.id where r.source = ?`)
          .all(source) as { date: string; category: string; total: number | null; delta: number | null }[]
      ).map((row) => [`${row.date}|${row.category}`, { total: row.total, delta: row.delta }]),
    );

  beforeAll(async () => {
    db = await createTestDb();
    andrew = await importPath(db.kysely, { path: `${DATASETS}russia-losses/`, now: NOW });
    jj = await importPath(db.kysely, { path: `${DATASETS}raku-ukr-mod-data/`, now: NOW });
    findings = await recomputeFindings(db.kysely);
  }, 60_000);

  afterAll(async () => {
    await db.dispose();
  });

  it("recognises both folders, reads data.json and ukr-mod-data.csv, and leaves out keys.json and the table of deltas with a note", () => {
    expect([andrew.source, andrew.files.map((f) => [f.name, f.rows]), andrew.warnings, andrew.notes]).toEqual([
      'russia-losses:russia-losses',
      [['data.json', 1528]],
      [],
      ["keys.json is left out: the list of the dataset's key labels, not its series"],
    ]);
    expect([jj.source, jj.files.map((f) => [f.name, f.rows]), jj.warnings, jj.notes]).toEqual([
      'ukr-mod-data:raku-ukr-mod-data',
      [['ukr-mod-data.csv', 1274]],
      [],
      [
        'ukr-mod-deltas.csv is left out: a table of daily deltas, not of totals',
        'ukr-mod-data.csv gives its dates as dd.mm, without a year: read as 2022-04-12 … 2022-08-16, counting from 2022, the year the war began, and a year on each time the month goes back',
      ],
    ]);
  });

  it("stores Andrew's 1,527 dates from 2022-02-24 to 2026-04-30, every value the one data.json gives under README §2's mapping", () => {
    const { values, records } = andrewValues();
    expect(records).toBe(1528);
    expect(spanOf(values)).toEqual({ dates: 1527, first: '2022-02-24', last: '2026-04-30' });
    expect([andrew.reports, andrew.firstDate, andrew.lastDate, andrew.stored]).toEqual([1527, '2022-02-24', '2026-04-30', 1527]);
    expect(stored(andrew.source)).toEqual(values);
  });

  it("holds README §3's rows per category for Andrew, vehicles split at 2022-05-01 and the frozen fuel tanks and SRBM as stated", () => {
    const rows = new Map<string, number>();
    for (const key of stored(andrew.source).keys()) {
      const category = key.split('|')[1] as string;
      rows.set(category, (rows.get(category) ?? 0) + 1);
    }
    expect(Object.fromEntries(rows)).toEqual({
      personnel: 1527,
      tanks: 1527,
      afv: 1527,
      artillery: 1524,
      mlrs: 1524,
      air_defense: 1524,
      aircraft: 1527,
      helicopters: 1527,
      uav: 1524,
      cruise_missiles: 1461,
      ships: 1524,
      submarines: 960,
      vehicles_fuel: 1461,
      special_equipment: 1507,
      srbm: 1497,
      military_auto: 62,
      fuel_tanks: 1521,
    });
  });

  it("finds README §5's 12 decreases of Andrew, and no delta_mismatch (the dataset has no deltas)", () => {
    const decreases = findings.filter((f) => f.source === andrew.source && f.kind === 'total_decreased').map((f) => `${f.date} ${f.category} ${f.expected} ${f.actual}`);
    expect(decreases).toEqual([
      '2022-10-12 afv 5162 5156',
      '2022-10-12 helicopters 235 234',
      '2023-05-27 tanks 3796 3794',
      '2023-10-03 aircraft 316 315',
      '2024-12-01 mlrs 1255 1253',
      '2024-12-01 special_equipment 3700 3619',
      '2025-04-22 mlrs 1368 1367',
      '2025-05-04 cruise_missiles 3197 3196',
      '2025-06-06 tanks 10887 10880',
      '2025-10-04 special_equipment 3979 3971',
      '2025-10-06 air_defense 1224 1223',
      '2026-04-27 personnel 1325650 1325460',
    ]);
    expect(findings.filter((f) => f.source === andrew.source && f.kind === 'delta_mismatch')).toEqual([]);
  });

  it("stores JJ's 98 dates from 2022-04-12 to 2022-08-16, every total and delta the one ukr-mod-data.csv gives", () => {
    const { values, rows } = jjValues();
    expect(rows).toBe(1274);
    expect(spanOf(values)).toEqual({ dates: 98, first: '2022-04-12', last: '2022-08-16' });
    expect([jj.reports, jj.firstDate, jj.lastDate, jj.stored]).toEqual([98, '2022-04-12', '2022-08-16', 98]);
    expect(stored(jj.source)).toEqual(values);
  });

  it("finds README §7's only two delta mismatches of JJ (2022-07-31) and its five gaps", () => {
    const own = findings.filter((f) => f.source === jj.source);
    expect(own.filter((f) => f.kind === 'delta_mismatch').map((f) => `${f.date} ${f.category} ${f.expected} ${f.actual}`)).toEqual([
      '2022-07-31 special_equipment 78 82',
      '2022-07-31 vehicles_fuel 2889 2912',
    ]);
    expect(own.filter((f) => f.kind === 'gap').map((f) => `${f.date} ${f.actual}`)).toEqual(['2022-05-10 9', '2022-06-13 7', '2022-07-11 3', '2022-07-18 6', '2022-07-27 4']);
  });

  it("finds where JJ and Andrew disagree, JJ's 2022-07-31 totals among them (README §7: the others have 80 and 2902), and nothing else to warn about", () => {
    const own = findings.filter((f) => f.source === jj.source && f.severity !== 'info' && f.kind !== 'delta_mismatch');
    expect(own.map((f) => `${f.kind} ${f.date} ${f.category}: ${f.detail}`)).toEqual([
      'source_disagreement 2022-05-25 vehicles_fuel: ukr-mod-data:raku-ukr-mod-data says 2217, russia-losses:russia-losses says 2218 (-1)',
      'source_disagreement 2022-06-03 artillery: ukr-mod-data:raku-ukr-mod-data says 661, russia-losses:russia-losses says 675 (-14)',
      'source_disagreement 2022-06-14 helicopters: ukr-mod-data:raku-ukr-mod-data says 178, russia-losses:russia-losses says 179 (-1)',
      'source_disagreement 2022-07-31 special_equipment: ukr-mod-data:raku-ukr-mod-data says 82, russia-losses:russia-losses says 80 (+2)',
      'source_disagreement 2022-07-31 vehicles_fuel: ukr-mod-data:raku-ukr-mod-data says 2912, russia-losses:russia-losses says 2902 (+10)',
    ]);
  });
});
