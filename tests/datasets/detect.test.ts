import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LONG_COLUMNS, wideColumns } from '../../src/analyst/export.js';
import { datasetFiles, detectDatasetFormat, detectFileFormat, notASeries } from '../../src/datasets/detect.js';

function head(name: string): { name: string; head: string } {
  const text = readFileSync(new URL(`../fixtures/datasets/${name}`, import.meta.url), 'utf8');
  return { name: name.split('/').pop() ?? name, head: text.slice(0, 1024) };
}

const README = { name: 'README.md', head: '# 2022 Ukraine Russia War Dataset\n\nData about losses, updated daily.\n' };
const CORRECTION = {
  name: 'russia_losses_equipment_correction.json',
  head: '[\n    {\n        "date": "2022-10-13",\n        "day": 231,\n        "aircraft": 0,\n        "APC": -25,\n',
};

describe('detectDatasetFormat', () => {
  it('recognises the PetroIvaniuk folder, with or without its correction file and README', () => {
    const pair = [head('petroivaniuk/russia_losses_equipment.json'), head('petroivaniuk/russia_losses_personnel.json')];
    expect(detectDatasetFormat(pair)).toBe('petroivaniuk');
    expect(detectDatasetFormat([...pair, CORRECTION, README])).toBe('petroivaniuk');
    expect(detectDatasetFormat([head('petroivaniuk/russia_losses_personnel.json')])).toBe('petroivaniuk');
    expect(detectDatasetFormat([head('petroivaniuk-merged-typo-key-2026-05.json')])).toBe('petroivaniuk');
  });

  it('recognises the Kaggle CSV pair and the minfin-derived CSV as kaggle-csv', () => {
    expect(detectDatasetFormat([head('kaggle/russia_losses_equipment.csv'), head('kaggle/russia_losses_personnel.csv')])).toBe('kaggle-csv');
    expect(detectDatasetFormat([head('minfin-wide.csv')])).toBe('kaggle-csv');
  });

  it('recognises the long CSV with and without deltas, a quoted header and a byte-order mark', () => {
    expect(detectDatasetFormat([head('long.csv')])).toBe('long-csv');
    expect(detectDatasetFormat([head('long-delta.csv')])).toBe('long-csv');
    expect(detectDatasetFormat([{ name: 'x.csv', head: '\ufeff"date","category","total"\n2022-03-07,tanks,290\n' }])).toBe('long-csv');
  });

  it('recognises the long and the wide shape of losstally export, a byte-order mark included', () => {
    expect(LONG_COLUMNS.join(',')).toBe('date,day,category,total,delta,source,flags');
    expect(detectFileFormat({ name: 'series.csv', head: `${LONG_COLUMNS.join(',')}\n2026-07-28,1616,tanks,12262,1,mod,"delta_mismatch,total_decreased"\n` })).toBe('long-csv');
    expect(detectFileFormat({ name: 'series.csv', head: `\ufeff${LONG_COLUMNS.join(',')}\n` })).toBe('long-csv');
    expect(detectFileFormat({ name: 'series.csv', head: 'Category,Date,Total,Day\n' })).toBe('long-csv');
    expect(detectFileFormat({ name: 'wide.csv', head: `${wideColumns(undefined).join(',')}\n` })).toBe('kaggle-csv');
    expect(detectFileFormat({ name: 'wide.csv', head: `${wideColumns(['tanks']).join(',')}\n2026-07-28,1616,12262,1\n` })).toBe('kaggle-csv');
  });

  it('does not take a header with other columns, a column twice or no total for a long CSV', () => {
    expect(detectFileFormat({ name: 'x.csv', head: 'date,category,total,comment\n' })).toBeNull();
    expect(detectFileFormat({ name: 'x.csv', head: 'date,category,total,total\n' })).toBeNull();
    expect(detectFileFormat({ name: 'x.csv', head: 'date,day,category,delta\n' })).toBeNull();
  });

  it('still refuses a table of deltas alone, with or without the _delta names', () => {
    expect(detectFileFormat({ name: 'x.csv', head: 'date,tanks_delta,afv_delta\n' })).toBeNull();
    expect(detectFileFormat({ name: 'x.csv', head: 'date,tanks,afv,delta\n' })).toBeNull();
  });

  it('recognises a file by its content whatever its name', () => {
    expect(detectFileFormat({ name: 'download', head: head('long.csv').head })).toBe('long-csv');
    expect(detectFileFormat({ name: 'data.txt', head: head('petroivaniuk/russia_losses_equipment.json').head })).toBe('petroivaniuk');
  });

  it('works on a head cut in the middle of a record', () => {
    expect(detectFileFormat({ name: 'e.json', head: '[\n    {\n        "date": "2022-03-07",\n        "day": 12,\n        "aircraft": 46,\n        "helic' })).toBe('petroivaniuk');
  });

  it("recognises the data.json of AndrewRatnikov/russia-losses, alone and in its folder beside keys.json", () => {
    const folder = [head('russia-losses/data.json'), head('russia-losses/keys.json')];
    expect(detectFileFormat(head('russia-losses/data.json'))).toBe('russia-losses');
    expect(detectFileFormat(head('russia-losses/keys.json'))).toBeNull();
    expect(detectDatasetFormat(folder)).toBe('russia-losses');
    expect(detectFileFormat({ name: 'x.json', head: '\ufeff{"data":[{"date":"30.04.2026","personnel":1330290' })).toBe('russia-losses');
  });

  it('does not take a russianwarship.rip answer, whose "data" is an object, or a "data" array of other records, for it', () => {
    expect(detectFileFormat({ name: 'latest.json', head: '{\n  "message": "The data were fetched successfully.",\n  "data": {\n    "date": "2022-04-14",\n' })).toBeNull();
    expect(detectFileFormat({ name: 'r.json', head: '{"data": {"date": "2022-04-14", "stats": {"tanks": 1}}}' })).toBeNull();
    expect(detectFileFormat({ name: 'r.json', head: '{"data": [{"id": 1, "comment": "no figures"}]}' })).toBeNull();
  });

  it("recognises JJ's ukr-mod-data.csv by its header, alone and in its folder beside the table of deltas", () => {
    const folder = [head('raku-ukr-mod-data/ukr-mod-data.csv'), head('raku-ukr-mod-data/ukr-mod-deltas.csv')];
    expect(detectFileFormat(folder[0] as { name: string; head: string })).toBe('ukr-mod-data');
    expect(detectFileFormat(folder[1] as { name: string; head: string })).toBeNull();
    expect(detectDatasetFormat(folder)).toBe('ukr-mod-data');
    // Its rows hold totals beside the delta, whatever the file is called.
    expect(detectFileFormat({ name: 'daily-deltas.csv', head: '"Item","Date","Total","Delta"\n' })).toBe('ukr-mod-data');
  });

  it('gives null for a folder of two formats', () => {
    expect(detectDatasetFormat([head('long.csv'), head('minfin-wide.csv')])).toBeNull();
  });

  it('gives null for files that are no dataset this project reads', () => {
    const others = [
      README,
      { name: 'report.txt', head: 'Загальні бойові втрати противника з 24.02.22 по 19.02.24 орієнтовно склали:\n' },
      { name: 'latest.json', head: '{\n    "message": "The data were fetched successfully.",\n    "data": {\n        "date": "2022-04-14",\n' },
      { name: 'ukr-mod-data.csv', head: 'Date, Item, Total\n12.04, APV, 1946\n' },
      { name: 'numbers.json', head: '[1, 2, 3]' },
      { name: 'other.json', head: '[{"date": "2022-03-07", "comment": "no figures"}]' },
      { name: 'empty.csv', head: '' },
    ];
    for (const entry of others) expect(detectFileFormat(entry)).toBeNull();
    expect(detectDatasetFormat(others)).toBeNull();
    expect(detectDatasetFormat([])).toBeNull();
  });
});

describe('notASeries', () => {
  it("names PetroIvaniuk's correction file, JJ's table of deltas and Andrew's keys.json, with what to import instead", () => {
    expect(notASeries(CORRECTION)).toEqual({ reason: "the dataset's list of corrections, not its series", instead: 'import russia_losses_equipment.json or the folder' });
    expect(notASeries(head('raku-ukr-mod-data/ukr-mod-deltas.csv'))).toEqual({ reason: 'a table of daily deltas, not of totals', instead: 'import the file of totals beside it, or the folder' });
    expect(notASeries(head('russia-losses/keys.json'))).toEqual({ reason: "the list of the dataset's key labels, not its series", instead: 'import data.json or the folder' });
  });

  it('takes a wide table for one of deltas when its header says so, whatever its name', () => {
    expect(notASeries({ name: 'x.csv', head: 'date,tanks,afv,delta\n' })).toEqual({ reason: 'a table of daily deltas, not of totals', instead: 'import the file of totals beside it, or the folder' });
  });

  it('gives null for the series of every format, the wide export named "deltas" and files that are no dataset', () => {
    const series = [
      head('russia-losses/data.json'),
      head('raku-ukr-mod-data/ukr-mod-data.csv'),
      head('petroivaniuk/russia_losses_equipment.json'),
      head('minfin-wide.csv'),
      head('long-delta.csv'),
      { name: 'deltas.csv', head: `${wideColumns(['tanks']).join(',')}\n` },
      { name: 'daily-deltas.csv', head: 'date,category,total,delta\n' },
      README,
      { name: 'deltas.txt', head: 'Total combat losses of the enemy, daily deltas\n' },
    ];
    expect(series.map(notASeries)).toEqual(series.map(() => null));
  });
});

describe('datasetFiles', () => {
  it('lists the files to read in name order, leaving out the correction file and files of other formats', () => {
    const entries = [head('petroivaniuk/russia_losses_personnel.json'), README, CORRECTION, head('petroivaniuk/russia_losses_equipment.json')];
    expect(datasetFiles('petroivaniuk', entries)).toEqual(['russia_losses_equipment.json', 'russia_losses_personnel.json']);
    expect(datasetFiles('kaggle-csv', [head('minfin-wide.csv'), head('long.csv'), head('kaggle-equipment-2022-02-26.csv')])).toEqual([
      'kaggle-equipment-2022-02-26.csv',
      'minfin-wide.csv',
    ]);
    expect(datasetFiles('russia-losses', [head('russia-losses/keys.json'), head('russia-losses/data.json')])).toEqual(['data.json']);
    expect(datasetFiles('ukr-mod-data', [head('raku-ukr-mod-data/ukr-mod-deltas.csv'), head('raku-ukr-mod-data/ukr-mod-data.csv')])).toEqual(['ukr-mod-data.csv']);
  });
});
