import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileError, InputTooLargeError, NoReportError, ParseError, UsageError } from '../../src/errors.js';
import { importPath } from '../../src/ingest/import.js';
import { recomputeFindings } from '../../src/ingest/recheck.js';
import { createTestDb, tableCounts, type TestDb } from '../helpers/db.js';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const NOW = '2026-11-25T10:00:00.000Z';

let db: TestDb;
beforeEach(async () => {
  db = await createTestDb();
});
afterEach(async () => {
  await db.dispose();
});

describe('importPath', () => {
  it('imports the PetroIvaniuk pair of a folder as a source of its own, with provenance', async () => {
    const result = await importPath(db.kysely, { path: fixture('datasets/petroivaniuk'), now: NOW });
    expect([result.source, result.format, result.reports, result.firstDate, result.lastDate, result.stored, result.unchanged]).toEqual([
      'petroivaniuk:petroivaniuk',
      'petroivaniuk',
      4,
      '2022-03-07',
      '2022-05-01',
      4,
      0,
    ]);
    expect(db.sqlite.prepare(`select id, title, kind, priority from sources where id = ?`).get(result.source)).toEqual({
      id: 'petroivaniuk:petroivaniuk',
      title: 'petroivaniuk',
      kind: 'dataset',
      priority: 75,
    });
    expect(db.sqlite.prepare(`select file_name, rows, bytes, sha256 = (select sha256 from documents d where d.sha256 = i.sha256) as kept from imports i order by id`).all()).toEqual([
      { file_name: 'russia_losses_equipment.json', rows: 4, bytes: result.files[0]?.bytes, kept: 1 },
      { file_name: 'russia_losses_personnel.json', rows: 4, bytes: result.files[1]?.bytes, kept: 1 },
    ]);
    const traced = db.sqlite.prepare(`select count(*) as n from reports r join documents d on d.sha256 = r.document_sha256 where r.source = ?`).get(result.source);
    expect(traced).toEqual({ n: 4 });
  });

  it('stores nothing new when the same files are imported again, and records the run', async () => {
    await importPath(db.kysely, { path: fixture('datasets/petroivaniuk'), now: NOW });
    const before = tableCounts(db);
    const again = await importPath(db.kysely, { path: fixture('datasets/petroivaniuk'), now: NOW });
    expect([again.stored, again.unchanged]).toEqual([0, 4]);
    expect(tableCounts(db)).toEqual(before);
    expect(db.sqlite.prepare('select count(*) as n from imports').get()).toEqual({ n: 4 });
  });

  it('reads one file of the pair together with its twin', async () => {
    const result = await importPath(db.kysely, { path: fixture('datasets/petroivaniuk/russia_losses_personnel.json'), now: NOW });
    expect([result.source, result.files.map((f) => f.name)]).toEqual(['petroivaniuk:petroivaniuk', ['russia_losses_equipment.json', 'russia_losses_personnel.json']]);
  });

  it('imports a Kaggle CSV pair, a long CSV, a minfin text dump and a pasted text, each as its own source', async () => {
    const sources = [];
    for (const [path, date] of [['datasets/kaggle', undefined], ['datasets/long.csv', undefined], ['minfin/text-2022-03-07_2022-03-09.txt', undefined], ['text/censor-en-2022-04-12.txt', '2022-04-12']] as const) {
      const result = await importPath(db.kysely, { path: fixture(path), now: NOW, ...(date ? { date } : {}) });
      sources.push([result.source, result.format, result.reports]);
    }
    expect(sources).toEqual([
      ['kaggle-csv:kaggle', 'kaggle-csv', 3],
      ['long-csv:long.csv', 'long-csv', 2],
      ['minfin:text-2022-03-07_2022-03-09.txt', 'minfin', 3],
      ['text:censor-en-2022-04-12.txt', 'text', 1],
    ]);
    expect(db.sqlite.prepare(`select id, kind from sources where id like 'text:%' or id like 'minfin:%' order by id`).all()).toEqual([
      { id: 'minfin:text-2022-03-07_2022-03-09.txt', kind: 'aggregator' },
      { id: 'text:censor-en-2022-04-12.txt', kind: 'text' },
    ]);
  });

  it('finds where imported sources disagree, and agrees where they do not', async () => {
    await importPath(db.kysely, { path: fixture('datasets/petroivaniuk'), now: NOW });
    await importPath(db.kysely, { path: fixture('datasets/long.csv'), now: NOW });
    const path = join(db.dir, 'typo.csv');
    writeFileSync(path, 'date,category,total\n2022-04-30,tanks,1080\n2022-04-30,aircraft,190\n');
    await importPath(db.kysely, { path, now: NOW });
    const disagreements = (await recomputeFindings(db.kysely)).filter((f) => f.kind === 'source_disagreement');
    // The three sources agree on aircraft, and two of them on tanks: one disagreement.
    expect(disagreements.map((f) => [f.date, f.category, f.source, f.expected, f.actual, f.detail])).toEqual([
      ['2022-04-30', 'tanks', 'long-csv:typo.csv', 1008, 1080, 'long-csv:typo.csv says 1080, long-csv:long.csv says 1008 (+72)'],
    ]);
  });

  it('reads a saved page or API answer with its source parser', async () => {
    const page = await importPath(db.kysely, { path: fixture('minfin/uk-month-2022-05.html'), now: NOW });
    const api = await importPath(db.kysely, { path: fixture('russianwarship/v2-2023-09-14.json'), now: NOW });
    expect([page.source, page.reports, api.source, api.reports]).toEqual(['minfin:uk-month-2022-05.html', 3, 'russianwarship:v2-2023-09-14.json', 1]);
  });

  it('refuses a page or JSON as a pasted text, a correction file, and a folder of several long CSVs', async () => {
    const json = fixture('russianwarship/v2-2023-09-14.json');
    await expect(importPath(db.kysely, { path: json, format: 'text', date: '2023-09-14', now: NOW })).rejects.toThrow(
      new UsageError(`${json} looks like JSON, not a pasted report; pass --format with its source (mod, milgov, kmu, minfin, russianwarship, text)`),
    );
    const folder = join(db.dir, 'petro');
    mkdirSync(folder);
    writeFileSync(join(folder, 'russia_losses_equipment_correction.json'), '[{"date": "2022-10-13", "APC": -25}]');
    await expect(importPath(db.kysely, { path: join(folder, 'russia_losses_equipment_correction.json'), format: 'petroivaniuk', now: NOW })).rejects.toThrow(
      new UsageError("russia_losses_equipment_correction.json is the dataset's list of corrections, not its series; import russia_losses_equipment.json or the folder"),
    );
    const longs = join(db.dir, 'longs');
    mkdirSync(longs);
    writeFileSync(join(longs, 'a.csv'), 'date,category,total\n2022-04-30,tanks,1008\n');
    writeFileSync(join(longs, 'b.csv'), 'date,category,total\n2022-04-30,tanks,1080\n');
    await expect(importPath(db.kysely, { path: longs, now: NOW })).rejects.toThrow(
      new UsageError('the folder holds 2 long CSV files (a.csv, b.csv); import each file on its own'),
    );
    const deltas = join(db.dir, 'deltas.csv');
    writeFileSync(deltas, '"","Date"," aircraft"," tanks","Losses"\n"1",2022-04-13,1,7,100\n');
    await expect(importPath(db.kysely, { path: deltas, now: NOW })).rejects.toThrow(
      new UsageError('deltas.csv is a table of daily deltas, not of totals; import the file of totals beside it, or the folder'),
    );
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 0 });
  });

  it('explains what it cannot import', async () => {
    const missing = fixture('datasets/no-such-file.csv');
    await expect(importPath(db.kysely, { path: missing, now: NOW })).rejects.toThrow(new FileError(`cannot read ${missing}: no such file or folder`));
    await expect(importPath(db.kysely, { path: fixture('.'), now: NOW })).rejects.toThrow(
      new UsageError(`cannot tell the format of ${fixture('.')}; pass --format petroivaniuk|kaggle-csv|long-csv|russia-losses|ukr-mod-data|mod|milgov|kmu|minfin|russianwarship|text`),
    );
    await expect(importPath(db.kysely, { path: fixture('text'), format: 'text', now: NOW })).rejects.toThrow(
      new UsageError('--format text reads one file; give the file, not a folder'),
    );
    const censor = fixture('text/censor-en-2022-04-12.txt');
    await expect(importPath(db.kysely, { path: censor, now: NOW })).rejects.toThrow(
      new UsageError(`${censor}: the text states "from 24.02 to 12.04" without a year; pass --date YYYY-MM-DD`),
    );
    const prose = join(db.dir, 'prose.txt');
    writeFileSync(prose, 'Data are being updated.\n');
    await expect(importPath(db.kysely, { path: prose, format: 'text', date: '2026-07-27', now: NOW })).rejects.toThrow(
      new NoReportError(`no report in ${prose}: the text holds no report lines ("<label> – <total> (+<delta>)")`),
    );
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 0 });
  });
});

describe('importPath of the russia-losses and ukr-mod-data datasets', () => {
  const figures = (source: string, date: string) =>
    db.sqlite
      .prepare(`select f.category, f.total, f.delta from reports r join figures f on f.report_id = r.id where r.source = ? and r.report_date = ? order by f.category`)
      .all(source, date);

  it("imports Andrew's folder as russia-losses:<folder>, reading data.json and saying that keys.json is left out", async () => {
    const result = await importPath(db.kysely, { path: fixture('datasets/russia-losses'), now: NOW });
    expect([result.source, result.format, result.reports, result.rows, result.firstDate, result.lastDate, result.stored]).toEqual([
      'russia-losses:russia-losses',
      'russia-losses',
      7,
      8,
      '2022-02-27',
      '2024-04-10',
      7,
    ]);
    expect(result.files.map((f) => [f.name, f.rows])).toEqual([['data.json', 8]]);
    expect(result.notes).toEqual(["keys.json is left out: the list of the dataset's key labels, not its series"]);
    expect(result.warnings).toEqual([]);
    expect(db.sqlite.prepare(`select id, kind from sources where id = ?`).get(result.source)).toEqual({ id: 'russia-losses:russia-losses', kind: 'dataset' });
    expect(figures(result.source, '2022-04-30').filter((f) => ['military_auto', 'vehicles_fuel', 'fuel_tanks', 'srbm'].includes((f as { category: string }).category))).toEqual([
      { category: 'fuel_tanks', total: 76, delta: null },
      { category: 'military_auto', total: 1701, delta: null },
      { category: 'srbm', total: 4, delta: null },
    ]);
    expect(figures(result.source, '2022-05-01').filter((f) => ['military_auto', 'vehicles_fuel'].includes((f as { category: string }).category))).toEqual([
      { category: 'vehicles_fuel', total: 1796, delta: null },
    ]);
  });

  it('keeps the frozen fuel_tanks and srbm as stated, out of the series once the registry retired them', async () => {
    const result = await importPath(db.kysely, { path: fixture('datasets/russia-losses/data.json'), now: NOW });
    expect(result.source).toBe('russia-losses:data.json');
    expect(result.notes).toEqual([]);
    const retired = db.sqlite.prepare(`select date, category, total from series where category in ('fuel_tanks', 'srbm', 'military_auto') order by date, category`).all();
    expect(retired).toEqual([
      { date: '2022-04-30', category: 'fuel_tanks', total: 76 },
      { date: '2022-04-30', category: 'military_auto', total: 1701 },
      { date: '2022-04-30', category: 'srbm', total: 4 },
    ]);
    expect(figures(result.source, '2024-01-28')).toContainEqual({ category: 'fuel_tanks', total: 76, delta: null });
  });

  it("imports JJ's folder as ukr-mod-data:<folder> with its deltas, leaving out the table of deltas with a note", async () => {
    const result = await importPath(db.kysely, { path: fixture('datasets/raku-ukr-mod-data'), now: NOW });
    expect([result.source, result.format, result.reports, result.rows, result.firstDate, result.lastDate, result.stored]).toEqual([
      'ukr-mod-data:raku-ukr-mod-data',
      'ukr-mod-data',
      4,
      52,
      '2022-05-30',
      '2022-06-03',
      4,
    ]);
    expect(result.files.map((f) => f.name)).toEqual(['ukr-mod-data.csv']);
    expect(result.notes).toEqual([
      'ukr-mod-deltas.csv is left out: a table of daily deltas, not of totals',
      'ukr-mod-data.csv gives its dates as dd.mm, without a year: read as 2022-05-30 … 2022-06-03, counting from 2022, the year the war began, and a year on each time the month goes back',
    ]);
    expect(figures(result.source, '2022-06-01')).toContainEqual({ category: 'afv', total: 3343, delta: 41 });
    // The deltas agree with the totals day over day; the missing 2022-06-02 is a gap, not a mismatch.
    const findings = await recomputeFindings(db.kysely);
    expect(findings.filter((f) => f.source === result.source && f.severity !== 'info')).toEqual([]);
    expect(findings.filter((f) => f.source === result.source && f.kind === 'gap').map((f) => [f.date, f.actual])).toEqual([['2022-06-03', 1]]);
  });

  it("imports JJ's file as ukr-mod-data:ukr-mod-data.csv, and refuses the table of deltas beside it or alone in a folder", async () => {
    const result = await importPath(db.kysely, { path: fixture('datasets/raku-ukr-mod-data/ukr-mod-data.csv'), now: NOW });
    expect([result.source, result.reports]).toEqual(['ukr-mod-data:ukr-mod-data.csv', 4]);
    await expect(importPath(db.kysely, { path: fixture('datasets/raku-ukr-mod-data/ukr-mod-deltas.csv'), format: 'ukr-mod-data', now: NOW })).rejects.toThrow(
      new UsageError('ukr-mod-deltas.csv is a table of daily deltas, not of totals; import the file of totals beside it, or the folder'),
    );
    const folder = join(db.dir, 'deltas-only');
    mkdirSync(folder);
    writeFileSync(join(folder, 'ukr-mod-deltas.csv'), '"","Date"," tanks","Losses"\n"39",2022-05-30,11,150\n');
    await expect(importPath(db.kysely, { path: folder, now: NOW })).rejects.toThrow(
      new UsageError(`${folder} holds no series to import: ukr-mod-deltas.csv is a table of daily deltas, not of totals`),
    );
  });

  it("refuses Andrew's keys.json, and data.json in another dataset's layout", async () => {
    await expect(importPath(db.kysely, { path: fixture('datasets/russia-losses/keys.json'), now: NOW })).rejects.toThrow(
      new UsageError("keys.json is the list of the dataset's key labels, not its series; import data.json or the folder"),
    );
    const petro = fixture('datasets/petroivaniuk/russia_losses_equipment.json');
    await expect(importPath(db.kysely, { path: petro, format: 'russia-losses', now: NOW })).rejects.toThrow(
      new ParseError('russia_losses_equipment.json holds an array, not the object of daily records of AndrewRatnikov/russia-losses'),
    );
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 0 });
  });

  it("says which files of the PetroIvaniuk folder it left out, and the POW values it did not import", async () => {
    const folder = join(db.dir, 'petro-folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'russia_losses_equipment.json'), '[{"date": "2022-04-27", "tank": 1000}]');
    writeFileSync(join(folder, 'russia_losses_personnel.json'), '[{"date": "2022-04-27", "personnel": 22800, "personnel*": "about", "POW": 496}]');
    writeFileSync(join(folder, 'russia_losses_equipment_correction.json'), '[{"date": "2022-10-13", "APC": -25}]');
    const result = await importPath(db.kysely, { path: folder, now: NOW });
    expect(result.notes).toEqual([
      "russia_losses_equipment_correction.json is left out: the dataset's list of corrections, not its series",
      'POW (prisoners of war) is not a General Staff category: 1 value in russia_losses_personnel.json not imported',
    ]);
  });
});

describe('importPath and its files', () => {
  const LONG = 'date,category,total\n2022-04-30,tanks,1008\n2022-05-01,tanks,1026\n';

  it('follows a symbolic link to a CSV in a dataset folder and names where it leads', async () => {
    const elsewhere = join(db.dir, 'elsewhere');
    const folder = join(db.dir, 'linked');
    mkdirSync(elsewhere);
    mkdirSync(folder);
    writeFileSync(join(elsewhere, 'series.csv'), LONG);
    symlinkSync(join(elsewhere, 'series.csv'), join(folder, 'series.csv'));
    const result = await importPath(db.kysely, { path: folder, now: NOW });
    expect([result.format, result.reports, result.files.map((f) => [f.name, f.link, f.rows])]).toEqual(['long-csv', 2, [['series.csv', join(elsewhere, 'series.csv'), 2]]]);
  });

  it('refuses a folder holding a symbolic link that leads nowhere, naming it, and stores nothing', async () => {
    const folder = join(db.dir, 'dangling');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.csv'), LONG);
    symlinkSync(join(db.dir, 'gone.csv'), join(folder, 'b.csv'));
    await expect(importPath(db.kysely, { path: folder, now: NOW })).rejects.toThrow(
      new FileError(`cannot read ${join(folder, 'b.csv')}: it is a symbolic link to ${join(db.dir, 'gone.csv')}, which does not exist`),
    );
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 0 });
  });

  it('refuses a dataset file larger than LOSSTALLY_MAX_IMPORT_BYTES and a text larger than LOSSTALLY_MAX_DOCUMENT_BYTES, storing nothing', async () => {
    const csv = join(db.dir, 'big.csv');
    writeFileSync(csv, LONG);
    const limits = { datasetBytes: LONG.length - 1, documentBytes: 10 };
    await expect(importPath(db.kysely, { path: csv, now: NOW, limits })).rejects.toThrow(
      new InputTooLargeError(csv, LONG.length - 1, 'a dataset file', 'LOSSTALLY_MAX_IMPORT_BYTES'),
    );
    await expect(importPath(db.kysely, { path: csv, now: NOW, limits })).rejects.toThrow(
      `cannot read ${csv}: it holds more than ${LONG.length - 1} bytes, the limit for a dataset file (LOSSTALLY_MAX_IMPORT_BYTES)`,
    );
    // A text is held to the smaller limit once it is known not to be a dataset.
    const text = fixture('text/censor-en-2022-04-12.txt');
    const small = { datasetBytes: 1_000_000, documentBytes: 10 };
    await expect(importPath(db.kysely, { path: text, date: '2022-04-12', now: NOW, limits: small })).rejects.toThrow(
      `cannot read ${text}: it holds more than 10 bytes, the limit for a report text or page (LOSSTALLY_MAX_DOCUMENT_BYTES)`,
    );
    await expect(importPath(db.kysely, { path: text, format: 'text', date: '2022-04-12', now: NOW, limits: small })).rejects.toThrow(InputTooLargeError);
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 0 });
    expect((await importPath(db.kysely, { path: csv, now: NOW, limits: { datasetBytes: LONG.length, documentBytes: 10 } })).reports).toBe(2);
  });

  it('keeps a dataset file compressed on disk while it reads, and leaves nothing there after', async () => {
    const spool = join(db.dir, 'tmp');
    mkdirSync(spool);
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = spool;
    try {
      const csv = join(db.dir, 'series.csv');
      writeFileSync(csv, LONG);
      const result = await importPath(db.kysely, { path: csv, now: NOW });
      const bad = join(db.dir, 'bad.csv');
      writeFileSync(bad, `${LONG}2022-05-02,tanks,x\n`);
      await expect(importPath(db.kysely, { path: bad, now: NOW })).rejects.toThrow(`${basename(bad)} line 4: total "x" is not a count`);
      expect(readdirSync(spool)).toEqual([]);
      // The stored document is the file, whole.
      const stored = db.sqlite.prepare('select bytes, body from documents where sha256 = ?').get(result.files[0]?.sha256) as { bytes: number; body: Buffer };
      expect([stored.bytes, gunzipSync(stored.body).toString('utf8')]).toEqual([LONG.length, LONG]);
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
    }
  });
});
