import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { gzipBomb } from '../helpers/bomb.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';
import { closedPort, startServer, type TestServer } from '../helpers/server.js';
import { startSyntheticSite } from '../../scripts/synthetic-site.js';
import { syntheticHistory } from '../../scripts/synthetic.js';

const fixturePath = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const modPath = (day: number) => `/news/boiovi-vtraty-voroha-na-${day}-lypnia-2026-roku`;

let server: TestServer;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  server = await startServer(
    Object.fromEntries([27, 28, 29, 30].map((day) => [modPath(day), { body: readFileSync(fixturePath(`mod/2026-07-${day}.html`)) }])),
  );
  dir = tempDir();
  dbPath = join(dir, 'cli.db');
  for (const day of [27, 28, 29, 30]) {
    const result = await runCli(['ingest', '--date', `2026-07-${day}`, '--base-url', server.url, '--db', dbPath]);
    expect(result.code).toBe(0);
  }
});

afterAll(async () => {
  await server.close();
});

describe('losstally --help', () => {
  it('lists every command and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['migrate', 'ingest', 'parse', 'check', 'status', 'query']) {
      expect(result.stdout).toContain(`\n  ${command} `);
    }
  });

  it('exits 2 with a usage message for an unknown command', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("Error: unknown command 'frobnicate'\n(run with --help for usage)\n");
  });
});

describe('losstally migrate', () => {
  it('creates a database, then reports it up to date', async () => {
    const path = join(tempDir(), 'nested', 'new.db');
    const first = await runCli(['migrate', '--db', path]);
    expect(first).toEqual({ code: 0, stdout: `${path}: applied ${Object.keys(MIGRATIONS).join(', ')}\n`, stderr: '' });
    const second = await runCli(['migrate'], { env: { LOSSTALLY_DB: path } });
    expect(second).toEqual({ code: 0, stdout: `${path}: schema already up to date\n`, stderr: '' });
  });

  it('migrates a new database exactly once when two processes start at the same time', async () => {
    const path = join(tempDir(), 'race.db');
    const results = await Promise.all([runCli(['migrate', '--db', path]), runCli(['migrate', '--db', path])]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(results.map((r) => r.stdout).sort()).toEqual([
      `${path}: applied ${Object.keys(MIGRATIONS).join(', ')}\n`,
      `${path}: schema already up to date\n`,
    ]);
  });
});

describe('losstally parse', () => {
  it('prints the contract JSON for a mod.gov.ua page', async () => {
    const result = await runCli(['parse', fixturePath('mod/2026-07-29.html'), '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['source', 'reportDate', 'language', 'figures', 'warnings']);
    expect(json.source).toBe('mod');
    expect(json.reportDate).toBe('2026-07-29');
    expect(json.language).toBe('uk');
    expect(json.warnings).toEqual([
      {
        code: 'delta_only',
        message: '"автомобільна техніка та автоцистерни": the line states only the day\'s change (+331), no total',
        label: 'автомобільна техніка та автоцистерни',
        total: null,
        delta: 331,
      },
    ]);
    expect(json.figures[0]).toEqual({ category: 'personnel', total: 1443450, delta: 1310, qualifier: 'about', label: 'військовослужбовці' });
    expect(json.figures.find((f: { category: string }) => f.category === 'vehicles_fuel')).toEqual({
      category: 'vehicles_fuel',
      total: null,
      delta: 331,
      qualifier: null,
      label: 'автомобільна техніка та автоцистерни',
    });
    expect(json.figures).toHaveLength(15);
  });

  it('prints a readable table without --json', async () => {
    const result = await runCli(['parse', fixturePath('mod/2026-07-30.html')]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      'mod report for 2026-07-30 (uk): 14 figures',
      'category         total    delta  qualifier  label',
      '---------------  -------  -----  ---------  ------------------------------------',
      'personnel        1444810  +1360  about      військовослужбовці',
    ]);
  });

  it('prints every day of a many-day document as an array, or the day of --date', async () => {
    const page = fixturePath('minfin/uk-month-2022-05.html');
    const all = await runCli(['parse', page, '--json']);
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as { reportDate: string }[]).map((r) => r.reportDate)).toEqual(['2022-05-01', '2022-05-02', '2022-05-03']);
    const one = await runCli(['parse', page, '--json', '--date', '2022-05-02']);
    expect(JSON.parse(one.stdout).reportDate).toBe('2022-05-02');
    const none = await runCli(['parse', page, '--date', '2022-06-02']);
    expect(none).toEqual({ code: 1, stdout: '', stderr: `Error: no report in ${page}: index.minfin.com.ua page has no report for 2022-06-02 (it holds 2022-05-01 … 2022-05-03)\n` });
  });

  it('reads a pasted report from standard input, dated by --date', async () => {
    const text = 'танків ‒ 4635 (+7) од,\nбойових броньованих машин ‒ 8868 (+17) од,\n';
    const result = await runCli(['parse', '-', '--date', '2023-09-20', '--json'], { input: text });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      source: 'text',
      reportDate: '2023-09-20',
      language: 'uk',
      figures: [
        { category: 'tanks', total: 4635, delta: 7, qualifier: null, label: 'танків' },
        { category: 'afv', total: 8868, delta: 17, qualifier: null, label: 'бойових броньованих машин' },
      ],
      warnings: [],
    });
  });

  it('exits 2 when a pasted report states no date and --date is missing', async () => {
    const result = await runCli(['parse', '-'], { input: 'танків ‒ 4635 (+7) од,\n' });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'Error: standard input: the text does not say which day it reports; pass --date YYYY-MM-DD\n' });
  });

  it('exits 1 with the reason when the document holds no report', async () => {
    const path = join(dir, 'prose.txt');
    writeFileSync(path, 'Data are being updated.\nStrike the occupier!\n');
    const result = await runCli(['parse', path, '--date', '2026-07-27']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `Error: no report in ${path}: the text holds no report lines ("<label> – <total> (+<delta>)")\n` });
  });

  it('exits 1 and says blocked for a captcha page, whatever site it came from', async () => {
    const path = fixturePath('kmu/captcha-shieldsquare.html');
    const result = await runCli(['parse', path]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `Error: no report in ${path}: the site answered with a bot-protection page ("ShieldSquare Captcha")\n` });
  });

  it('exits 1 when the page holds another day than --date', async () => {
    const path = fixturePath('mod/2026-07-28.html');
    const result = await runCli(['parse', path, '--date', '2026-07-27']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `Error: no report in ${path}: mod.gov.ua page holds the report for 2026-07-28, not 2026-07-27\n` });
  });

  it('exits 1 when the file cannot be read, 2 for a folder with nothing to parse', async () => {
    const result = await runCli(['parse', 'no-such-file.html']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'Error: cannot read no-such-file.html: no such file\n' });
    const empty = tempDir();
    expect(await runCli(['parse', empty])).toEqual({ code: 2, stdout: '', stderr: `Error: folder ${empty} holds no files to parse\n` });
  });

  it('exits 1 for an HTML page from a site it has no parser for', async () => {
    const path = join(dir, 'other-site.html');
    writeFileSync(path, '<html><head><title>Weather</title></head><body><p>tanks ‒ 5 (+1)</p></body></html>');
    expect(await runCli(['parse', path])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: no report in ${path}: an HTML page from a site losstally has no parser for; pass --source if it is one of mod, milgov, kmu, minfin, russianwarship, text\n`,
    });
  });

  it('exits 2 for a malformed --date and an unknown --source', async () => {
    const badDate = await runCli(['parse', fixturePath('mod/2026-07-27.html'), '--date', '2026-02-30']);
    expect(badDate).toEqual({ code: 2, stdout: '', stderr: 'Error: --date must be a calendar date YYYY-MM-DD, got "2026-02-30"\n' });
    const badSource = await runCli(['parse', fixturePath('mod/2026-07-27.html'), '--source', 'tass']);
    expect(badSource).toEqual({ code: 2, stdout: '', stderr: 'Error: --source must be auto or one of mod, milgov, kmu, minfin, russianwarship, text, got "tass"\n' });
  });
});

describe('losstally ingest', () => {
  it('reports what it stored and the findings of the day', async () => {
    const path = join(tempDir(), 'ingest.db');
    await runCli(['ingest', '--date', '2026-07-27', '--base-url', server.url, '--db', path]);
    const result = await runCli(['ingest', '--date', '2026-07-28', '--base-url', server.url, '--db', path]);
    expect(result).toEqual({
      code: 0,
      stdout:
        `mod 2026-07-28: stored revision 1, 15 figures from ${server.url}${modPath(28)}\n` +
        'error: delta_mismatch tanks: 12225 on 2026-07-27 plus the stated delta +1 gives 12226, the report says 12262 (+36)\n',
      stderr: '',
    });
    const again = await runCli(['ingest', '--date', '2026-07-28', '--db', path], { env: { LOSSTALLY_MOD_BASE_URL: server.url } });
    expect(again.stdout.split('\n')[0]).toBe(`mod 2026-07-28: unchanged (revision 1 already stored), 15 figures from ${server.url}${modPath(28)}`);
  });

  it('stores a report exactly once when two processes ingest it at the same time', async () => {
    const path = join(tempDir(), 'race.db');
    const args = ['ingest', '--date', '2026-07-27', '--base-url', server.url, '--db', path];
    const results = await Promise.all([runCli(args), runCli(args)]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(results.map((r) => r.stdout.split(':')[1]).sort()).toEqual([' stored revision 1, 15 figures from http', ' unchanged (revision 1 already stored), 15 figures from http']);
    const db = openDatabase(path, { readonly: true });
    expect(db.sqlite.prepare(`select count(*) as reports, (select count(*) from figures) as figures from reports`).get()).toEqual({ reports: 1, figures: 15 });
    await db.close();
  });

  it('exits 1 with the reason when the page layout changed, keeping the document', async () => {
    const changed = readFileSync(fixturePath('mod/2026-07-27.html'), 'utf8').replace(/<ul>[\s\S]*?<\/ul>/, '<p>Інфографіка</p>');
    const local = await startServer({ [modPath(27)]: { body: changed } });
    try {
      const path = join(tempDir(), 'layout.db');
      const result = await runCli(['ingest', '--date', '2026-07-27', '--base-url', local.url, '--db', path], { env: { LOSSTALLY_RETRIES: '1' } });
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'Error: mod.gov.ua page for 2026-07-27 could not be read: mod.gov.ua page "Бойові втрати ворога на 27 липня 2026 року" has no figure lines; the page layout may have changed; the document is kept, nothing stored\n',
      });
      const counts = await runCli(['query', 'select (select count(*) from documents) as documents, (select count(*) from reports) as reports', '--csv', '--db', path]);
      expect(counts.stdout).toBe('documents,reports\n1,0\n');
    } finally {
      await local.close();
    }
  });

  it('exits 1 with one line for a gzip bomb and for a redirect to another host, each a fetches row', async () => {
    const local = await startServer({
      [modPath(27)]: { body: gzipBomb(1024), headers: { 'content-encoding': 'gzip' } },
      [modPath(30)]: { status: 302, body: '', headers: { location: `http://evil.example${modPath(30)}` } },
    });
    try {
      const path = join(tempDir(), 'hostile.db');
      // LOSSTALLY_MIN_SPACING_MS=0: a local mirror needs no pacing.
      const env = { LOSSTALLY_RETRIES: '1', LOSSTALLY_MIN_SPACING_MS: '0' };
      const bomb = await runCli(['ingest', '--date', '2026-07-27', '--base-url', local.url, '--db', path], { env });
      expect(bomb).toEqual({
        code: 1,
        stdout: '',
        stderr: `Error: mod.gov.ua gave no readable page for 2026-07-27: ${local.url}${modPath(27)} sent a gzip body that inflates past 5000000 bytes; a report page is far smaller\n`,
      });
      const redirect = await runCli(['ingest', '--date', '2026-07-30', '--base-url', local.url, '--db', path], { env });
      expect(redirect).toEqual({
        code: 1,
        stdout: '',
        stderr: `Error: mod.gov.ua redirected the request for 2026-07-30 (${local.url}${modPath(30)}) to another host, http://evil.example${modPath(30)}; not followed\n`,
      });
      const rows = await runCli(['query', 'select report_date, outcome, final_url = url as same from fetches order by id', '--csv', '--db', path]);
      expect(rows.stdout).toBe('report_date,outcome,same\n2026-07-27,http_error,1\n2026-07-30,http_error,1\n');
    } finally {
      await local.close();
    }
  });

  it('exits 75 when the day is not published yet, and 2 for a day that can hold no report', async () => {
    const path = join(tempDir(), 'ingest.db');
    // The clock of the command reads 4 January 2027: the 5th is tomorrow.
    const env = { LOSSTALLY_TEST_CLOCK: '2027-01-04T09:00:00Z,1' };
    const result = await runCli(['ingest', '--date', '2027-01-05', '--base-url', server.url, '--db', path], { env });
    expect(result).toEqual({
      code: 75,
      stdout: '',
      stderr: `Error: mod.gov.ua has not published the report for 2027-01-05 yet (404 at 2 URLs, first ${server.url}/news/boiovi-vtraty-voroha-na-5-sichnia-2027-roku); try again later\n`,
    });
    const requests = server.requests.length;
    expect(await runCli(['ingest', '--date', '2027-01-06', '--base-url', server.url, '--db', path], { env })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: --date 2027-01-06 is after tomorrow (2027-01-05); no report is dated later\n',
    });
    expect(await runCli(['ingest', '--date', '2020-01-01', '--base-url', server.url, '--db', path], { env })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: --date 2020-01-01 is before the war began on 2022-02-24; no report is dated earlier\n',
    });
    expect(server.requests.length).toBe(requests);
  });

  it('exits 2 for a source that cannot be fetched and for a malformed base URL', async () => {
    const source = await runCli(['ingest', '--source', 'text', '--db', join(dir, 'x.db')]);
    expect(source).toEqual({ code: 2, stdout: '', stderr: 'Error: --source must be one of mod, milgov, kmu, minfin, russianwarship, got "text" (pasted texts go through "losstally parse")\n' });
    const url = await runCli(['ingest', '--date', '2026-07-27', '--db', join(dir, 'x.db')], { env: { LOSSTALLY_MOD_BASE_URL: 'ftp://mirror' } });
    expect(url).toEqual({ code: 2, stdout: '', stderr: 'Error: environment variable LOSSTALLY_MOD_BASE_URL: "ftp://mirror" is not an http or https URL\n' });
  });
});

describe('npm start without a network', () => {
  it('exits 1 with one line and leaves a migrated database behind', async () => {
    const port = await closedPort();
    const path = join(tempDir(), 'start.db');
    const result = await runCli(['ingest'], { env: { LOSSTALLY_DB: path, LOSSTALLY_MOD_BASE_URL: `http://127.0.0.1:${port}`, LOSSTALLY_RETRIES: '1' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(`^Error: mod\\.gov\\.ua could not be reached for \\d{4}-\\d{2}-\\d{2}: could not fetch http://127\\.0\\.0\\.1:${port}/news/\\S+ from 127\\.0\\.0\\.1:${port}: the connection was refused \\(ECONNREFUSED\\); check the network or the base URL\\n$`),
    );
    expect(existsSync(path)).toBe(true);
    const db = openDatabase(path, { readonly: true });
    expect(db.sqlite.prepare(`select count(*) as n from categories`).get()).toEqual({ n: 18 });
    expect(db.sqlite.prepare(`select outcome from fetches`).all()).toEqual([{ outcome: 'network_error' }]);
    await db.close();
  });
});

describe('losstally check', () => {
  it('lists exactly the findings the defects imply, as JSON', async () => {
    const result = await runCli(['check', '--json', '--db', dbPath]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { date: '2026-07-28', source: 'mod', category: 'tanks', kind: 'delta_mismatch', severity: 'error', expected: 12226, actual: 12262, detail: '12225 on 2026-07-27 plus the stated delta +1 gives 12226, the report says 12262 (+36)' },
      { date: '2026-07-29', source: 'mod', category: 'tanks', kind: 'delta_mismatch', severity: 'error', expected: 12263, actual: 12227, detail: '12262 on 2026-07-28 plus the stated delta +1 gives 12263, the report says 12227 (-36)' },
      { date: '2026-07-29', source: 'mod', category: 'tanks', kind: 'total_decreased', severity: 'warning', expected: 12262, actual: 12227, detail: 'the total fell from 12262 on 2026-07-28 to 12227 (-35)' },
      { date: '2026-07-29', source: 'mod', category: 'vehicles_fuel', kind: 'total_missing', severity: 'warning', expected: null, actual: null, detail: 'the line states only the delta +331, no total' },
      { date: '2026-07-30', source: 'mod', category: 'special_equipment', kind: 'category_missing', severity: 'error', expected: null, actual: null, detail: 'listed on 2026-07-29, missing from this report' },
    ]);
    const again = await runCli(['check', '--json', '--db', dbPath]);
    expect(again.stdout).toBe(result.stdout);
  });

  it('limits the list to a date range and summarises it, with the clean series of the range', async () => {
    const result = await runCli(['check', '--from', '2026-07-30', '--db', dbPath]);
    expect(result).toEqual({
      code: 0,
      stdout:
        '2026-07-30 mod error category_missing special_equipment: listed on 2026-07-29, missing from this report\n' +
        '1 findings: 1 errors, 0 warnings, 0 info\n' +
        'clean series: 0 repaired, 0 inferred, 0 disputed, 14 as stated (series_clean)\n',
      stderr: '',
    });
    // The whole history: the transposed tanks total repaired, the vehicles line with only a delta inferred.
    expect((await runCli(['check', '--db', dbPath])).stdout.split('\n').slice(-4)).toEqual([
      '2026-07-28 tanks repaired 12262 → 12226: a total typo: mod printed 12262; the last good total and the stated deltas give 12226, and the next days follow from it',
      "2026-07-29 vehicles_fuel inferred none → 127181: the line states only the delta +331: the day before's total plus it, and the next day's total less its delta, both give 127181",
      'clean series: 1 repaired, 1 inferred, 0 disputed, 57 as stated (series_clean)',
      '',
    ]);
  });

  it('exits 2 when --from is after --to', async () => {
    const result = await runCli(['check', '--from', '2026-07-30', '--to', '2026-07-01', '--db', dbPath]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'Error: --from 2026-07-30 is after --to 2026-07-01\n' });
  });
});

describe('source priority', () => {
  it('files disagreements under the source that is not preferred, also after the order changes', async () => {
    const folder = tempDir();
    const path = join(folder, 'priority.db');
    writeFileSync(join(folder, 'a.csv'), 'date,category,total\n2026-07-27,tanks,12225\n');
    writeFileSync(join(folder, 'b.csv'), 'date,category,total\n2026-07-27,tanks,12252\n');
    for (const file of ['a.csv', 'b.csv']) expect((await runCli(['import', join(folder, file), '--db', path])).code).toBe(0);
    const filed = async () => (await runCli(['query', "select source, expected, actual from findings where kind = 'source_disagreement'", '--csv', '--db', path])).stdout;
    expect(await filed()).toBe('source,expected,actual\nlong-csv:b.csv,12225,12252\n');
    const reordered = await runCli(['migrate', '--db', path], { env: { LOSSTALLY_SOURCE_PRIORITY: 'long-csv:b.csv,dataset' } });
    expect(reordered.code).toBe(0);
    expect(await filed()).toBe('source,expected,actual\nlong-csv:a.csv,12252,12225\n');
    // A later run without the variable keeps the chosen order.
    await runCli(['migrate', '--db', path]);
    expect(await filed()).toBe('source,expected,actual\nlong-csv:a.csv,12252,12225\n');
  });
});

describe('losstally migrate to the clean series', () => {
  it('computes the clean series of a database that had figures before it, not only at the next check', async () => {
    const path = join(tempDir(), 'older.db');
    const source = openDatabase(dbPath);
    await source.sqlite.backup(path);
    await source.close();
    const older = openDatabase(path);
    // As it was before the clean series: without it and the migrations after it.
    older.sqlite.exec(`drop table url_forms; drop index reports_by_date; drop view series_clean; drop table clean_values; delete from kysely_migration where name >= '2026_11_28_0009'`);
    await older.close();
    const migrated = await runCli(['migrate', '--db', path]);
    expect(migrated).toEqual({ code: 0, stdout: `${path}: applied 2026_11_28_0009_add_clean_series, 2026_11_29_0010_index_reports_by_date, 2026_11_29_0011_add_url_forms\n`, stderr: '' });
    const clean = await runCli(['query', "select date, value, stated, status from series_clean where category = 'tanks' and status <> 'stated'", '--csv', '--db', path]);
    expect(clean.stdout).toBe('date,value,stated,status\n2026-07-28,12226,12262,repaired\n');
  });
});

describe('losstally query', () => {
  it('prints the series view as a table, CSV and JSON', async () => {
    const sql = "select date, category, total, delta, flags from series where category = 'tanks' order by date";
    const table = await runCli(['query', sql, '--db', dbPath]);
    expect(table.stdout).toBe(
      [
        'date        category  total  delta  flags',
        '----------  --------  -----  -----  ------------------------------',
        '2026-07-27  tanks     12225      8',
        '2026-07-28  tanks     12262      1  delta_mismatch',
        '2026-07-29  tanks     12227      1  delta_mismatch,total_decreased',
        '2026-07-30  tanks     12230      3',
        '',
      ].join('\n'),
    );
    const csv = await runCli(['query', sql, '--csv', '--db', dbPath]);
    expect(csv.stdout).toBe(
      'date,category,total,delta,flags\n2026-07-27,tanks,12225,8,\n2026-07-28,tanks,12262,1,delta_mismatch\n2026-07-29,tanks,12227,1,"delta_mismatch,total_decreased"\n2026-07-30,tanks,12230,3,\n',
    );
    const json = await runCli(['query', `${sql} limit 1`, '--json', '--db', dbPath]);
    expect(JSON.parse(json.stdout)).toEqual([{ date: '2026-07-27', category: 'tanks', total: 12225, delta: 8, flags: null }]);
  });

  it('refuses a write and leaves the database unchanged', async () => {
    const count = async () => (await runCli(['query', 'select count(*) as n from figures', '--csv', '--db', dbPath])).stdout;
    const before = await count();
    const result = await runCli(['query', 'delete from figures', '--db', dbPath]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: the query does not return rows; losstally query is read-only and runs only SELECT, WITH and read-only PRAGMA statements\n',
    });
    const returning = await runCli(['query', "insert into sources (id, title, kind, priority) values ('x', 'x', 'text', 1) returning id", '--db', dbPath]);
    expect(returning).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: the query would change the database; losstally query is read-only and runs only SELECT, WITH and read-only PRAGMA statements\n',
    });
    expect(await count()).toBe(before);
    expect(before).toBe('n\n59\n');
  });

  it('exits 2 for two output formats or an empty query, and explains a query that fails while running', async () => {
    expect(await runCli(['query', 'select 1', '--csv', '--json', '--db', dbPath])).toEqual({ code: 2, stdout: '', stderr: 'Error: choose one output format, not --csv and --json\n' });
    expect(await runCli(['query', '  ', '--db', dbPath])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: the query is empty; give a SELECT statement, e.g. losstally query "select * from series limit 5"\n',
    });
    expect(await runCli(['query', 'select abs(-9223372036854775808)', '--db', dbPath])).toEqual({ code: 1, stdout: '', stderr: 'Error: the query failed: integer overflow\n' });
  });

  it('says when a file is not a losstally database', async () => {
    const path = join(dir, 'other.db');
    writeFileSync(path, '');
    expect(await runCli(['status', '--db', path])).toEqual({ code: 1, stdout: '', stderr: `Error: ${path} is not a losstally database yet; run "losstally migrate --db ${path}"\n` });
  });

  it('explains an SQL error and a missing database', async () => {
    const bad = await runCli(['query', 'select * from nope', '--db', dbPath]);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'Error: the query cannot run: no such table: nope\n' });
    const missing = join(dir, 'missing.db');
    const none = await runCli(['query', 'select 1', '--db', missing]);
    expect(none).toEqual({ code: 1, stdout: '', stderr: `Error: no database at ${missing}; create it with "losstally migrate" or point --db at one\n` });
    expect(existsSync(missing)).toBe(false);
  });
});

describe('dates outside the war', () => {
  // The commands' clock reads 25 February 2022: tomorrow is the 26th.
  const env = { LOSSTALLY_TEST_CLOCK: '2022-02-25T10:00:00Z,1', LOSSTALLY_MIN_SPACING_MS: '0' };

  it('backfills only the days of the war, saying what it left out', async () => {
    const site = await startSyntheticSite({ days: syntheticHistory(2, '2022-02-25') });
    try {
      const path = join(tempDir(), 'war.db');
      const result = await runCli(['backfill', '--from', '2022-02-20', '--to', '2099-12-31', '--base-url', site.url, '--db', path], { env });
      expect(result.code).toBe(0);
      expect(result.stderr.split('\n').slice(0, 2)).toEqual([
        'note: --from 2022-02-20 is before the war began on 2022-02-24; starting at 2022-02-24',
        'note: --to 2099-12-31 is after tomorrow (2022-02-26); stopping at 2022-02-26',
      ]);
      expect(result.stdout.split('\n')[0]).toMatch(/^backfill mod 2022-02-24 … 2022-02-26: 3 days fetched, 0 already stored; 2 stored, 0 unchanged, 1 not found, 0 failed \(\d+\.\d s\)$/);
      expect(site.requests.every((r) => r.date === null || (r.date >= '2022-02-24' && r.date <= '2022-02-26'))).toBe(true);
      expect(await runCli(['backfill', '--from', '2021-01-01', '--to', '2021-12-31', '--db', path], { env })).toEqual({
        code: 2,
        stdout: '',
        stderr: 'Error: --from 2021-01-01 … --to 2021-12-31 holds no day of the war (2022-02-24 to tomorrow, 2022-02-26)\n',
      });
    } finally {
      await site.close();
    }
  });

  it('imports no dataset with a day after tomorrow, and stores nothing of it', async () => {
    const folder = tempDir();
    const file = join(folder, 'future.csv');
    writeFileSync(file, 'date,category,total\n2022-02-25,tanks,80\n2099-01-01,tanks,99999\n');
    const path = join(folder, 'future.db');
    expect(await runCli(['import', file, '--db', path], { env })).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: long-csv:future.csv report of 2099-01-01 not stored: 2099-01-01 is after tomorrow (2022-02-26); no report is dated later (from ${file})\n`,
    });
    expect((await runCli(['query', 'select count(*) as n from reports', '--csv', '--db', path])).stdout).toBe('n\n0\n');
  });

  it('finds no report in a text dated outside the war', async () => {
    const text = 'Загальні бойові втрати противника з 24.02.22 по 11.06.99:\nтанки ‒ 7902 (+23);\n';
    expect(await runCli(['parse', '-'], { env, input: text })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: no report in standard input: its date 2099-06-11 is after tomorrow (2022-02-26); no report is dated later\n',
    });
  });
});

describe('LOSSTALLY_SOURCE_PRIORITY and the commands that only read', () => {
  it('says that an order not applied yet is not applied, until a command that writes applies it', async () => {
    const path = join(tempDir(), 'priority.db');
    await runCli(['ingest', '--date', '2026-07-27', '--base-url', server.url, '--db', path]);
    const env = { LOSSTALLY_SOURCE_PRIORITY: 'kmu,mod' };
    const sql = 'select count(*) as n from series';
    expect(await runCli(['query', sql, '--csv', '--db', path], { env })).toEqual({
      code: 0,
      stdout: 'n\n15\n',
      stderr: `note: LOSSTALLY_SOURCE_PRIORITY is not applied to ${path} yet; "losstally migrate" (or any command that writes) applies it\n`,
    });
    await runCli(['migrate', '--db', path], { env });
    expect(await runCli(['query', sql, '--csv', '--db', path], { env })).toEqual({ code: 0, stdout: 'n\n15\n', stderr: '' });
  });
});

describe('losstally status', () => {
  it('exits 1 with the reason when a followed source is stale, for cron and monitors', async () => {
    const result = await runCli(['status', '--db', dbPath], { env: { TZ: 'UTC' } });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[2]).toMatch(/^series         2026-07-30 \(\d+ day\(s\) behind \d{4}-\d{2}-\d{2}\) from mod$/);
    expect(result.stderr).toMatch(/^Error: mod has no report after 2026-07-30 \(\d+ days, more than --stale-after 2\); is the worker running and the source reachable\?\n$/);
  });

  it('shows the latest report, the sources, gaps and open errors', async () => {
    const result = await runCli(['status', '--json', '--stale-after', '100000', '--db', dbPath]);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.stale).toBe(false);
    expect(status.latestReportDate).toBe('2026-07-30');
    expect(status.followed).toEqual(['mod']);
    expect(status.sources.map((s: { source: string; reports: number; lastFetch: { outcome: string } }) => [s.source, s.reports, s.lastFetch.outcome])).toEqual([['mod', 4, 'stored']]);
    expect(status.gaps).toEqual([]);
    expect(status.openErrors.map((e: { date: string; kind: string }) => `${e.date} ${e.kind}`)).toEqual([
      '2026-07-28 delta_mismatch',
      '2026-07-29 delta_mismatch',
      '2026-07-30 category_missing',
    ]);
  });
});
