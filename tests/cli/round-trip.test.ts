/**
 * Export → import through the command line: a database built from mod.gov.ua pages (served
 * locally) and dataset fixtures is exported, the file imported into a fresh database, and the
 * two `series` compared row by row (date, category, total, delta).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';
import { startServer, type TestServer } from '../helpers/server.js';

interface SeriesRow {
  readonly date: string;
  readonly category: string;
  readonly total: number | null;
  readonly delta: number | null;
}

const fixturePath = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const modPath = (day: number) => `/news/boiovi-vtraty-voroha-na-${day}-lypnia-2026-roku`;

let server: TestServer;
let dir: string;
let original: string;

async function cli(...args: string[]): Promise<string> {
  const result = await runCli(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

async function series(db: string): Promise<SeriesRow[]> {
  return JSON.parse(await cli('query', 'select date, category, total, delta from series order by date, category', '--json', '--db', db)) as SeriesRow[];
}

async function sourcesOf(db: string): Promise<string> {
  return cli('query', 'select distinct source from series order by source', '--csv', '--db', db);
}

beforeAll(async () => {
  server = await startServer(Object.fromEntries([27, 28, 29, 30].map((day) => [modPath(day), { body: readFileSync(fixturePath(`mod/2026-07-${day}.html`)) }])));
  dir = tempDir();
  original = join(dir, 'original.db');
  for (const day of [27, 28, 29, 30]) await cli('ingest', '--date', `2026-07-${day}`, '--base-url', server.url, '--db', original);
  // Other sources and days: two datasets, and a long CSV that disagrees with mod on 27 July.
  writeFileSync(join(dir, 'other.csv'), 'date,category,total\n2026-07-27,tanks,12252\n2026-07-31,tanks,12240\n');
  for (const path of [fixturePath('datasets/petroivaniuk'), fixturePath('datasets/kaggle'), join(dir, 'other.csv')]) await cli('import', path, '--db', original);
}, 60_000);

afterAll(async () => {
  await server.close();
});

describe('losstally export, then losstally import of the file', () => {
  it('gives the same series from the long shape, recognised without --format; the rows become the imported source', async () => {
    const file = join(dir, 'series-long.csv');
    await cli('export', '--out', file, '--db', original);
    const copy = join(dir, 'from-long.db');
    const imported = await cli('import', file, '--db', copy);
    expect(imported.split('\n')[0]).toBe('imported long-csv:series-long.csv: 12 reports 2022-03-07 … 2026-07-31; 12 stored, 0 unchanged');

    const before = await series(original);
    expect(before).toHaveLength(152);
    // Rows of every source are compared, a delta without a total among them.
    expect(before).toContainEqual({ date: '2026-07-29', category: 'vehicles_fuel', total: null, delta: 331 });
    expect(before).toContainEqual({ date: '2026-07-30', category: 'tanks', total: 12230, delta: 3 });
    expect(await series(copy)).toEqual(before);
    expect(await sourcesOf(original)).toBe('source\nkaggle-csv:kaggle\nlong-csv:other.csv\nmod\npetroivaniuk:petroivaniuk\n');
    expect(await sourcesOf(copy)).toBe('source\nlong-csv:series-long.csv\n');
    // The flags of the file are not stored: the checks of the new database make their own.
    expect(readFileSync(file, 'utf8')).toContain('2026-07-27,1615,tanks,12225,8,mod,source_disagreement\n');
    expect(await cli('query', "select count(*) as n from findings where kind = 'source_disagreement'", '--csv', '--db', copy)).toBe('n\n0\n');
  });

  it('gives the same series with --format long-csv and from a file with a byte-order mark', async () => {
    const file = join(dir, 'series-bom.csv');
    writeFileSync(file, await cli('export', '--bom', '--db', original));
    const copy = join(dir, 'from-bom.db');
    expect((await cli('import', file, '--format', 'long-csv', '--db', copy)).split('\n')[0]).toBe(
      'imported long-csv:series-bom.csv: 12 reports 2022-03-07 … 2026-07-31; 12 stored, 0 unchanged',
    );
    expect(await series(copy)).toEqual(await series(original));
  });

  it('gives the same series from the wide shape, read as a wide CSV with a delta column beside each total', async () => {
    const file = join(dir, 'series-wide.csv');
    await cli('export', '--shape', 'wide', '--out', file, '--db', original);
    const copy = join(dir, 'from-wide.db');
    expect((await cli('import', file, '--db', copy)).split('\n')[0]).toBe('imported kaggle-csv:series-wide.csv: 12 reports 2022-03-07 … 2026-07-31; 12 stored, 0 unchanged');
    expect(await series(copy)).toEqual(await series(original));
  });

  it('refuses an exported file with a malformed row, naming its line, and stores nothing', async () => {
    const lines = (await cli('export', '--db', original)).split('\n');
    const at = lines.indexOf('2026-07-29,1617,tanks,12227,1,mod,"delta_mismatch,total_decreased"');
    expect(at).toBeGreaterThan(0);
    const bad = (replacement: string, name: string) => {
      const path = join(dir, name);
      writeFileSync(path, lines.map((line, i) => (i === at ? replacement : line)).join('\n'));
      return path;
    };
    const copy = join(dir, 'refused.db');
    const wrongDay = await runCli(['import', bad('2026-07-29,1616,tanks,12227,1,mod,', 'wrong-day.csv'), '--db', copy]);
    expect(wrongDay).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: wrong-day.csv line ${at + 1}: day "1616" does not agree with the date 2026-07-29, which is day 1617 of the war\n`,
    });
    const shortRow = await runCli(['import', bad('2026-07-29,1617,tanks,12227', 'short-row.csv'), '--db', copy]);
    expect(shortRow).toEqual({ code: 1, stdout: '', stderr: `Error: short-row.csv line ${at + 1}: 4 fields where the header has 7\n` });
    const badTotal = await runCli(['import', bad('2026-07-29,1617,tanks,12 227,1,mod,', 'bad-total.csv'), '--db', copy]);
    expect(badTotal).toEqual({ code: 1, stdout: '', stderr: `Error: bad-total.csv line ${at + 1}: total "12 227" is not a count\n` });
    expect(await cli('query', 'select count(*) as n from reports', '--csv', '--db', copy)).toBe('n\n0\n');
  });
});
