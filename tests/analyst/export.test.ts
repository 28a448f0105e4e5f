/**
 * `export` over a real database: long and wide shapes, filters, RFC 4180 quoting that a CSV
 * parser reads back to the same values, formula injection neutralised in text cells only, a
 * byte-order mark on request, and a file written whole or not at all; the same for the clean
 * series (`--clean`) over the mod.gov.ua fixtures, whose transposed tanks total of 2026-07-28
 * it repairs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExportOptions, writeExport } from '../../src/analyst/export.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { importPath } from '../../src/ingest/import.js';
import { storeReports } from '../../src/ingest/store.js';
import type { ParsedReport } from '../../src/report/types.js';
import { longCsv, syntheticHistory } from '../../scripts/synthetic.js';
import { runCli } from '../helpers/cli.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { createModFixtureDb, type FixtureDb } from './fixture-db.js';

let db: TestDb;
const report = (source: string, date: string, figures: [string, number | null, number | null][], unmapped: ParsedReport['unmapped'] = []): ParsedReport => ({
  source,
  reportDate: date,
  language: 'uk',
  figures: figures.map(([category, total, delta]) => ({ category: category as 'tanks', total, delta, qualifier: null, label: category })),
  warnings: [],
  unmapped,
});

beforeAll(async () => {
  db = await createTestDb();
  // A source whose id starts like a formula, a negative delta (an official correction) and
  // historical categories on their dates.
  db.sqlite.prepare("insert into sources (id, title, kind, priority) values ('=cmd|calc', 'hostile', 'dataset', 5)").run();
  const now = '2026-11-25T10:00:00.000Z';
  await storeReports(
    db.kysely,
    [
      report('mod', '2022-04-29', [['tanks', 995, 13], ['military_auto', 1695, 7], ['fuel_tanks', 76, 0]]),
      report('mod', '2022-04-30', [['tanks', 1008, 13], ['military_auto', 1701, 6], ['fuel_tanks', 76, 0]]),
      report('mod', '2022-10-12', [['afv', 5181, 19]]),
      report('mod', '2022-10-13', [['afv', 5167, -25]]),
      report('=cmd|calc', '2022-10-14', [['afv', 5190, 23]]),
    ].map((r) => ({ report: r, origin: null, document: null, fetch: null, now })),
  );
});
afterAll(async () => {
  await db.dispose();
});

const exportCsv = async (...args: string[]) => {
  const result = await runCli(['export', '--db', db.path, ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
};

describe('losstally export', () => {
  it('writes the long shape, which a CSV parser reads back to the same values', async () => {
    const csv = await exportCsv();
    expect(csv).toBe(
      [
        'date,day,category,total,delta,source,flags',
        '2022-04-29,65,tanks,995,13,mod,',
        '2022-04-29,65,military_auto,1695,7,mod,',
        '2022-04-29,65,fuel_tanks,76,0,mod,',
        '2022-04-30,66,tanks,1008,13,mod,',
        '2022-04-30,66,military_auto,1701,6,mod,',
        '2022-04-30,66,fuel_tanks,76,0,mod,',
        '2022-10-12,231,afv,5181,19,mod,category_new',
        '2022-10-13,232,afv,5167,-25,mod,"delta_mismatch,total_decreased"',
        "2022-10-14,233,afv,5190,23,'=cmd|calc,",
        '',
      ].join('\n'),
    );
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows[7]).toEqual({ date: '2022-10-13', day: '232', category: 'afv', total: '5167', delta: '-25', source: 'mod', flags: 'delta_mismatch,total_decreased' });
    expect(rows[8]?.source).toBe("'=cmd|calc");
  });

  it('writes the wide shape with historical categories empty outside their dates', async () => {
    const csv = await exportCsv('--shape', 'wide', '--category', 'tanks', '--category', 'fuel_tanks');
    expect(csv).toBe(
      ['date,day,tanks,tanks_delta,fuel_tanks,fuel_tanks_delta', '2022-04-29,65,995,13,76,0', '2022-04-30,66,1008,13,76,0', '2022-10-12,231,,,,', '2022-10-13,232,,,,', '2022-10-14,233,,,,', ''].join('\n'),
    );
    const header = (await exportCsv('--shape', 'wide')).split('\n')[0]?.split(',') ?? [];
    expect(header.slice(0, 4)).toEqual(['date', 'day', 'personnel', 'personnel_delta']);
    expect(header.slice(-2)).toEqual(['srbm', 'srbm_delta']);
    expect(header).toHaveLength(2 + 18 * 2);
  });

  it('filters by date and category, and adds a byte-order mark for Excel on request', async () => {
    expect(await exportCsv('--from', '2022-10-01', '--category', 'afv')).toBe(
      "date,day,category,total,delta,source,flags\n2022-10-12,231,afv,5181,19,mod,category_new\n2022-10-13,232,afv,5167,-25,mod,\"delta_mismatch,total_decreased\"\n2022-10-14,233,afv,5190,23,'=cmd|calc,\n",
    );
    expect((await exportCsv('--to', '2022-04-29', '--bom')).startsWith('\ufeffdate,day,category')).toBe(true);
  });

  it('writes a file whole, and refuses bad options with exit code 2', async () => {
    const out = join(db.dir, 'series.csv');
    await exportCsv('--out', out, '--to', '2022-04-29');
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(5);
    expect(await runCli(['export', '--db', db.path, '--shape', 'tall'])).toEqual({ code: 2, stdout: '', stderr: 'Error: shape must be long or wide, got "tall"\n' });
    expect((await runCli(['export', '--db', db.path, '--category', 'camels'])).stderr).toMatch(/^Error: category must be one of personnel, tanks, .*, srbm, got "camels"\n$/);
    expect((await runCli(['export', '--db', db.path, '--from', '2022-10-01', '--to', '2022-01-01'])).stderr).toBe('Error: from 2022-10-01 is after to 2022-01-01\n');
  });

  it('says in one line why --out cannot be written, and leaves no file behind', async () => {
    const folder = join(db.dir, 'missing');
    const out = join(folder, 'series.csv');
    expect(await runCli(['export', '--db', db.path, '--out', out])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: cannot write ${out}: the folder ${folder} does not exist\n`,
    });
    expect(existsSync(folder)).toBe(false);
    const taken = join(db.dir, 'taken');
    mkdirSync(taken);
    expect(await runCli(['export', '--db', db.path, '--out', taken])).toEqual({ code: 1, stdout: '', stderr: `Error: cannot write ${taken}: it is a folder\n` });
    expect(readdirSync(db.dir).filter((name) => name.startsWith('taken'))).toEqual(['taken']);
  });

  it('stops when the output closes early and leaves the connection free for the next query', async () => {
    const sqlite = openSqlite(db.path, { readonly: true });
    try {
      // An output that takes one chunk and then never asks for more, like a client that stalls and hangs up.
      const stalled = new Writable({ highWaterMark: 1, write: () => undefined });
      const exporting = writeExport(sqlite, checkExportOptions({}), stalled);
      setImmediate(() => stalled.destroy());
      await expect(exporting).rejects.toThrow('the output was closed before the export ended');
      expect(sqlite.prepare('select count(*) as n from series').get()).toEqual({ n: 9 });
    } finally {
      sqlite.close();
    }
  });
});

describe('writeExport', () => {
  let history: TestDb;
  beforeAll(async () => {
    history = await createTestDb();
    const file = join(history.dir, 'history.csv');
    writeFileSync(file, longCsv(syntheticHistory(100)));
    await importPath(history.kysely, { path: file, now: '2100-01-01T00:00:00.000Z' });
  });
  afterAll(async () => {
    await history.dispose();
  });

  it('lets other work run between batches of 500 rows into an output that never pushes back', async () => {
    const sqlite = openSqlite(history.path, { readonly: true });
    try {
      let csv = '';
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          csv += chunk.toString();
          done();
        },
      });
      // Another request's work, waiting for its turn of the event loop while the export runs.
      let turns = 0;
      let exporting = true;
      const otherWork = () => {
        if (!exporting) return;
        turns += 1;
        setImmediate(otherWork);
      };
      setImmediate(otherWork);
      await writeExport(sqlite, checkExportOptions({}), sink);
      exporting = false;
      // 100 days × 15 categories: 1500 rows, a turn after each 500.
      expect([csv.split('\n').length - 2, turns]).toEqual([1500, 3]);
    } finally {
      sqlite.close();
    }
  });
});

describe('losstally export --clean', () => {
  let fixture: FixtureDb;
  beforeAll(async () => {
    fixture = await createModFixtureDb();
  });
  afterAll(async () => {
    await fixture.dispose();
  });

  const cleanCsv = async (...args: string[]) => {
    const result = await runCli(['export', '--db', fixture.path, '--clean', ...args]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.stdout;
  };
  const REPAIRED_REASON = 'a total typo: mod printed 12262; the last good total and the stated deltas give 12226, and the next days follow from it';
  const REPAIRED_EVIDENCE = 'mod 2026-07-27: total 12225, and the deltas of 2026-07-28 give 12226; mod 2026-07-29: total 12227 is reached from it by the stated deltas';
  const INFERRED_REASON = "the line states only the delta +331: the day before's total plus it, and the next day's total less its delta, both give 127181";
  const INFERRED_EVIDENCE = 'mod 2026-07-28: total 126850; mod 2026-07-30: total 127621, delta +440';

  it('writes the long shape of series_clean: the repaired tanks total beside the one printed, with reason and evidence', async () => {
    const csv = await cleanCsv('--category', 'tanks', '--category', 'vehicles_fuel');
    expect(csv).toBe(
      [
        'date,day,category,value,stated,status,reason,evidence,source',
        '2026-07-27,1615,tanks,12225,12225,stated,,,mod',
        '2026-07-27,1615,vehicles_fuel,126302,126302,stated,,,mod',
        `2026-07-28,1616,tanks,12226,12262,repaired,"${REPAIRED_REASON}","${REPAIRED_EVIDENCE}",mod`,
        '2026-07-28,1616,vehicles_fuel,126850,126850,stated,,,mod',
        '2026-07-29,1617,tanks,12227,12227,stated,,,mod',
        // A line with only a delta: no total stated, one inferred from both neighbours.
        `2026-07-29,1617,vehicles_fuel,127181,,inferred,"${INFERRED_REASON}","${INFERRED_EVIDENCE}",mod`,
        '2026-07-30,1618,tanks,12230,12230,stated,,,mod',
        '2026-07-30,1618,vehicles_fuel,127621,127621,stated,,,mod',
        '',
      ].join('\n'),
    );
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows[2]).toEqual({ date: '2026-07-28', day: '1616', category: 'tanks', value: '12226', stated: '12262', status: 'repaired', reason: REPAIRED_REASON, evidence: REPAIRED_EVIDENCE, source: 'mod' });
    // Every day and category of series, once: 59 figures with a category in use.
    expect((await cleanCsv()).trim().split('\n')).toHaveLength(1 + 59);
  });

  it('writes the wide shape: per category the value and its status, every date kept', async () => {
    expect(await cleanCsv('--shape', 'wide', '--category', 'vehicles_fuel', '--category', 'tanks')).toBe(
      [
        'date,day,tanks,tanks_status,vehicles_fuel,vehicles_fuel_status',
        '2026-07-27,1615,12225,stated,126302,stated',
        '2026-07-28,1616,12226,repaired,126850,stated',
        '2026-07-29,1617,12227,stated,127181,inferred',
        '2026-07-30,1618,12230,stated,127621,stated',
        '',
      ].join('\n'),
    );
    const header = (await cleanCsv('--shape', 'wide')).split('\n')[0]?.split(',') ?? [];
    expect(header.slice(0, 4)).toEqual(['date', 'day', 'personnel', 'personnel_status']);
    expect(header.slice(-2)).toEqual(['srbm', 'srbm_status']);
    expect(header).toHaveLength(2 + 18 * 2);
    // A category without figures on a date is empty, its status too.
    expect(await cleanCsv('--shape', 'wide', '--category', 'srbm', '--to', '2026-07-27')).toBe('date,day,srbm,srbm_status\n2026-07-27,1615,,\n');
  });

  it('filters by date and category, adds a byte-order mark, and writes a file whole', async () => {
    expect(await cleanCsv('--from', '2026-07-28', '--to', '2026-07-28', '--category', 'tanks', '--bom')).toBe(
      `\ufeffdate,day,category,value,stated,status,reason,evidence,source\n2026-07-28,1616,tanks,12226,12262,repaired,"${REPAIRED_REASON}","${REPAIRED_EVIDENCE}",mod\n`,
    );
    const out = join(fixture.dir, 'clean.csv');
    expect(await cleanCsv('--out', out, '--shape', 'wide', '--category', 'tanks')).toBe('');
    expect(readFileSync(out, 'utf8')).toBe('date,day,tanks,tanks_status\n2026-07-27,1615,12225,stated\n2026-07-28,1616,12226,repaired\n2026-07-29,1617,12227,stated\n2026-07-30,1618,12230,stated\n');
    expect(await runCli(['export', '--db', fixture.path, '--clean', '--shape', 'tall'])).toEqual({ code: 2, stdout: '', stderr: 'Error: shape must be long or wide, got "tall"\n' });
  });

  it('neutralises a formula-like source in the clean series too, and leaves its numbers alone', async () => {
    const csv = (await runCli(['export', '--db', db.path, '--clean', '--category', 'afv'])).stdout;
    expect(csv.split('\n').at(-2)).toBe("2022-10-14,233,afv,5190,5190,stated,,,'=cmd|calc");
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.date, r.value, r.stated])).toEqual([
      ['2022-10-12', '5181', '5181'],
      ['2022-10-13', '5167', '5167'],
      ['2022-10-14', '5190', '5190'],
    ]);
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('is not imported back: a clean export is an estimate, not a source', async () => {
    for (const shape of ['long', 'wide']) {
      const out = join(fixture.dir, `clean-${shape}.csv`);
      expect(await cleanCsv('--out', out, '--shape', shape)).toBe('');
      const target = join(fixture.dir, `clean-${shape}.db`);
      const refusal = `Error: clean-${shape}.csv is a clean-series export (losstally export --clean), an estimate made from the sources, not one; import the export without --clean\n`;
      expect(await runCli(['import', out, '--db', target])).toEqual({ code: 2, stdout: '', stderr: refusal });
      expect(await runCli(['import', out, '--format', shape === 'long' ? 'long-csv' : 'kaggle-csv', '--db', target])).toEqual({ code: 2, stdout: '', stderr: refusal });
      expect((await runCli(['query', 'select count(*) as n from reports', '--csv', '--db', target])).stdout).toBe('n\n0\n');
    }
  });

  it('says how to get the clean series on a database of an older schema, and still exports series', async () => {
    const old = join(fixture.dir, 'old.db');
    await fixture.sqlite.backup(old);
    const writable = openSqlite(old);
    writable.exec('drop view series_clean');
    writable.close();
    expect(await runCli(['export', '--db', old, '--clean'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: ${old} has no clean series yet; run "losstally migrate --db ${old}" to compute it\n`,
    });
    expect((await runCli(['export', '--db', old, '--category', 'tanks', '--to', '2026-07-27'])).stdout).toBe('date,day,category,total,delta,source,flags\n2026-07-27,1615,tanks,12225,8,mod,\n');
  });
});

describe('losstally query for analysts', () => {
  it('binds named parameters and writes JSON lines', async () => {
    const result = await runCli(['query', 'select date, total from series where category = :c and total > :t', '-p', 'c=tanks', '-p', 't=1000', '--nl', '--db', db.path]);
    expect(result).toEqual({ code: 0, stdout: '{"date":"2022-04-30","total":1008}\n', stderr: '' });
  });

  it('stops at the row cap and says so', async () => {
    const result = await runCli(['query', 'select date from series', '--csv', '--max-rows', '2', '--db', db.path]);
    expect(result).toEqual({
      code: 0,
      stdout: 'date\n2022-04-29\n2022-04-29\n',
      stderr: 'note: stopped at 2 rows (--max-rows or LOSSTALLY_QUERY_MAX_ROWS); add LIMIT/OFFSET or raise the cap\n',
    });
  });

  it('stops a slow query at the time limit and says so', async () => {
    const result = await runCli(['query', 'with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r', '--timeout', '300', '--db', db.path]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: the query ran longer than 300 ms and was stopped; narrow it, or allow more time with --timeout or LOSSTALLY_QUERY_TIMEOUT_MS\n',
    });
  });

  it('neutralises formula-like text in CSV output and leaves numbers alone', async () => {
    const result = await runCli(['query', "select '=1+1' as f, '@x' as a, -25 as n, '+3' as p", '--csv', '--db', db.path]);
    expect(result.stdout).toBe("f,a,n,p\n'=1+1,'@x,-25,'+3\n");
    expect(parse(result.stdout, { columns: true })).toEqual([{ f: "'=1+1", a: "'@x", n: '-25', p: "'+3" }]);
  });

  it('refuses a malformed parameter with exit code 2', async () => {
    expect(await runCli(['query', 'select 1', '-p', 'novalue', '--db', db.path])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: -p takes name=value (a parameter :name in the SQL), got "novalue"\n',
    });
  });
});
