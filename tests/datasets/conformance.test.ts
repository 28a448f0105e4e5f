/**
 * Conformance: the readers on the real datasets in ../shared/datasets. reference_long.csv was
 * built from the PetroIvaniuk pair (POW left out), so reading the pair must give it back
 * exactly; the minfin-derived CSV must give the values the known-issues file lists for it;
 * Andrew's data.json and JJ's ukr-mod-data.csv the counts the folder's README states (their
 * values, imported, are compared with the files in tests/conformance).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetFiles, detectDatasetFormat, notASeries } from '../../src/datasets/detect.js';
import { readLongCsv } from '../../src/datasets/long-csv.js';
import { readPetroIvaniuk } from '../../src/datasets/petroivaniuk.js';
import { readRussiaLosses } from '../../src/datasets/russia-losses.js';
import { readUkrModData } from '../../src/datasets/ukr-mod-data.js';
import { readWideCsv } from '../../src/datasets/wide-csv.js';
import type { DatasetResult } from '../../src/datasets/types.js';
import { DATASETS, readReferenceTotals, reportSkipped, sharedAvailable } from '../helpers/shared.js';

const PETRO = `${DATASETS}2022-Ukraine-Russia-War-Dataset/`;
const ROMAN = `${DATASETS}russian-Losses-in-Ukraine/`;
const ANDREW = `${DATASETS}russia-losses/`;
const JJ = `${DATASETS}raku-ukr-mod-data/`;

function totalsOf(result: DatasetResult): Map<string, number> {
  const totals = new Map<string, number>();
  for (const report of result.reports) {
    for (const figure of report.figures) {
      if (figure.total !== null) totals.set(`${report.reportDate}|${figure.category}`, figure.total);
    }
  }
  return totals;
}

function heads(folder: string): { name: string; head: string }[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ name: entry.name, head: readFileSync(`${folder}${entry.name}`, 'utf8').slice(0, 1024) }));
}

/** The rows of reference_known_issues.csv flagged differs_from_minfin_scrapes, with Roman's value from the detail. */
function minfinDifferences(): { date: string; category: string; roman: number }[] {
  const lines = readFileSync(`${DATASETS}reference_known_issues.csv`, 'utf8').trim().split('\n').slice(1);
  const rows: { date: string; category: string; roman: number }[] = [];
  for (const line of lines) {
    const [date = '', category = '', , issue] = line.split(',');
    const roman = /roman=(\d+)/.exec(line)?.[1];
    if (issue === 'differs_from_minfin_scrapes' && roman !== undefined) rows.push({ date, category, roman: Number(roman) });
  }
  return rows;
}

const available = sharedAvailable();
if (!available) reportSkipped("the dataset conformance tests (the PetroIvaniuk pair, the minfin-derived CSV, Andrew's data.json, JJ's ukr-mod-data.csv and reference_long.csv)");

describe.runIf(available)('the real PetroIvaniuk pair against reference_long.csv', () => {
  const result = available
    ? readPetroIvaniuk(readFileSync(`${PETRO}russia_losses_equipment.json`, 'utf8'), readFileSync(`${PETRO}russia_losses_personnel.json`, 'utf8'), 'petroivaniuk:real')
    : null;

  it('gives 1,626 reports, one per date from 2022-02-25 to 2026-08-08, from 3,252 records', () => {
    expect(result?.reports.length).toBe(1626);
    expect(result?.rows).toBe(3252);
    expect(result?.reports[0]?.reportDate).toBe('2022-02-25');
    expect(result?.reports.at(-1)?.reportDate).toBe('2026-08-08');
  });

  it('gives exactly the (date, category, total) rows of reference_long.csv, no more and no fewer', () => {
    expect(totalsOf(result as DatasetResult)).toEqual(readReferenceTotals());
  });

  it('has no warnings, no unknown keys and no deltas, and counts the 62 POW values in a note', () => {
    expect(result?.warnings).toEqual([]);
    expect(result?.reports.filter((r) => r.unmapped.length > 0)).toEqual([]);
    expect(result?.reports.flatMap((r) => r.figures).filter((f) => f.delta !== null)).toEqual([]);
    expect(result?.notes).toEqual(['POW (prisoners of war) is not a General Staff category: 62 values in russia_losses_personnel.json not imported']);
  });

  it('qualifies personnel "more than" on the six days the dataset says "more" and "about" on the others', () => {
    const more = result?.reports.filter((r) => r.figures[0]?.qualifier === 'more than').map((r) => r.reportDate);
    expect(more).toEqual(['2022-03-07', '2022-03-10', '2022-03-11', '2022-03-12', '2022-03-13', '2022-03-14']);
    expect(result?.reports.filter((r) => r.figures[0]?.category === 'personnel' && r.figures[0].qualifier === 'about').length).toBe(1620);
  });

  it('is detected as petroivaniuk, and the correction file is not among the files to read', () => {
    expect(detectDatasetFormat(heads(PETRO))).toBe('petroivaniuk');
    expect(datasetFiles('petroivaniuk', heads(PETRO))).toEqual(['russia_losses_equipment.json', 'russia_losses_personnel.json']);
  });
});

describe.runIf(available)('the real minfin-derived CSV (russian-Losses-in-Ukraine/russia_losses.csv)', () => {
  const result = available ? readWideCsv([{ name: 'russia_losses.csv', text: readFileSync(`${ROMAN}russia_losses.csv`, 'utf8') }], 'kaggle-csv:real') : null;

  it('gives one report per row: 1,641 dates from 2022-02-24 to 2026-08-22, without warnings', () => {
    expect(result?.rows).toBe(1641);
    expect(result?.reports.length).toBe(1641);
    expect(result?.reports[0]?.reportDate).toBe('2022-02-24');
    expect(result?.reports.at(-1)?.reportDate).toBe('2026-08-22');
    expect(result?.warnings).toEqual([]);
  });

  it('holds the "roman=" value of every differs_from_minfin_scrapes row of reference_known_issues.csv', () => {
    const differences = minfinDifferences();
    expect(differences.length).toBe(70);
    const totals = totalsOf(result as DatasetResult);
    const read = differences.map((d) => ({ ...d, roman: totals.get(`${d.date}|${d.category}`) }));
    expect(read).toEqual(differences);
  });

  it('is detected as kaggle-csv together with its 2022 subset, which adds no disagreement', () => {
    expect(detectDatasetFormat(heads(ROMAN))).toBe('kaggle-csv');
    const files = datasetFiles('kaggle-csv', heads(ROMAN)).map((name) => ({ name, text: readFileSync(`${ROMAN}${name}`, 'utf8') }));
    const both = readWideCsv(files, 'kaggle-csv:real');
    expect(both.reports.length).toBe(1641);
    expect(both.warnings).toEqual([]);
  });
});

describe.runIf(available)("the real minfin-derived JSON of AndrewRatnikov/russia-losses (russia-losses/data.json)", () => {
  const result = available ? readRussiaLosses(readFileSync(`${ANDREW}data.json`, 'utf8'), 'russia-losses:real') : null;

  it('gives 1,527 reports from 2022-02-24 to 2026-04-30 from 1,528 records (2024-01-28 twice, the same), without warnings', () => {
    expect(result?.rows).toBe(1528);
    expect(result?.reports.length).toBe(1527);
    expect(result?.reports[0]?.reportDate).toBe('2022-02-24');
    expect(result?.reports.at(-1)?.reportDate).toBe('2026-04-30');
    expect(result?.warnings).toEqual([]);
    expect(result?.notes).toEqual([]);
  });

  it('is detected as russia-losses, data.json the file to read and keys.json left out', () => {
    expect(detectDatasetFormat(heads(ANDREW))).toBe('russia-losses');
    expect(datasetFiles('russia-losses', heads(ANDREW))).toEqual(['data.json']);
    expect(heads(ANDREW).map((entry) => [entry.name, notASeries(entry)?.reason ?? null]).sort()).toEqual([
      ['data.json', null],
      ['keys.json', "the list of the dataset's key labels, not its series"],
    ]);
  });
});

describe.runIf(available)("the real ukr-mod-data.csv of JJ/raku-ukr-mod-data", () => {
  const result = available ? readUkrModData(readFileSync(`${JJ}ukr-mod-data.csv`, 'utf8'), 'ukr-mod-data:real') : null;

  it('gives 98 reports from 2022-04-12 to 2022-08-16 from 1,274 rows, every item mapped', () => {
    expect(result?.rows).toBe(1274);
    expect(result?.reports.length).toBe(98);
    expect(result?.reports[0]?.reportDate).toBe('2022-04-12');
    expect(result?.reports.at(-1)?.reportDate).toBe('2022-08-16');
    expect(result?.warnings).toEqual([]);
    expect(result?.reports.every((r) => r.figures.length === 13 && r.unmapped.length === 0)).toBe(true);
  });

  it('is detected as ukr-mod-data, its table of deltas left out', () => {
    expect(detectDatasetFormat(heads(JJ))).toBe('ukr-mod-data');
    expect(datasetFiles('ukr-mod-data', heads(JJ))).toEqual(['ukr-mod-data.csv']);
    expect(heads(JJ).map((entry) => [entry.name, notASeries(entry)?.reason ?? null]).sort()).toEqual([
      ['ukr-mod-data.csv', null],
      ['ukr-mod-deltas.csv', 'a table of daily deltas, not of totals'],
    ]);
  });
});

describe.runIf(available)('reference_long.csv read as a long CSV', () => {
  it('gives back its own 22,313 rows', () => {
    const result = readLongCsv(readFileSync(`${DATASETS}reference_long.csv`, 'utf8'), 'long-csv:reference', 'reference_long.csv');
    expect(result.rows).toBe(22313);
    expect(result.warnings).toEqual([]);
    expect(totalsOf(result)).toEqual(readReferenceTotals());
    expect(detectDatasetFormat([{ name: 'reference_long.csv', head: readFileSync(`${DATASETS}reference_long.csv`, 'utf8').slice(0, 1024) }])).toBe('long-csv');
  });
});
