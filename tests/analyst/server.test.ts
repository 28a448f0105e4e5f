import { once } from 'node:events';
import { request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { PassThrough } from 'node:stream';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostGuard } from '../../src/analyst/host-guard.js';
import { createAnalystServer, PAGE_POLICY } from '../../src/analyst/server.js';
import type { CommandContext } from '../../src/cli/context.js';
import { serveUntil } from '../../src/cli/commands/serve.js';
import { loadConfig } from '../../src/config.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { tableCounts } from '../helpers/db.js';
import { createModFixtureDb, TOTALS_DATASET_FILE, TOTALS_DATASET_SOURCE, type FixtureDb } from './fixture-db.js';

const JSON_TYPE = 'application/json; charset=utf-8';

let db: FixtureDb;
let sqlite: BetterSqlite3.Database;
let server: Server;
let base: string;

beforeAll(async () => {
  db = await createModFixtureDb();
  sqlite = openSqlite(db.path, { readonly: true });
  server = createAnalystServer(sqlite);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  sqlite.close();
  await db.dispose();
});

async function get(path: string, init?: RequestInit): Promise<{ status: number; type: string | null; body: unknown }> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: text === '' ? '' : JSON.parse(text) };
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request as a browser would not send it: with any Host header (fetch refuses to set one). */
function requestWithHost(url: string, host: string, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { host }, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Bytes written to the server as they are, and its whole answer (it closes the connection). */
async function rawExchange(port: number, bytes: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let answer = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
  socket.write(bytes);
  await once(socket, 'close');
  return answer;
}

const tanks = [
  { date: '2026-07-27', day: 1615, total: 12225, delta: 8, qualifier: null, source: 'mod', flags: [] },
  { date: '2026-07-28', day: 1616, total: 12262, delta: 1, qualifier: null, source: 'mod', flags: ['delta_mismatch'] },
  { date: '2026-07-29', day: 1617, total: 12227, delta: 1, qualifier: null, source: 'mod', flags: ['delta_mismatch', 'total_decreased'] },
  { date: '2026-07-30', day: 1618, total: 12230, delta: 3, qualifier: null, source: 'mod', flags: [] },
];

const findings = {
  tanks0728: {
    date: '2026-07-28',
    source: 'mod',
    category: 'tanks',
    kind: 'delta_mismatch',
    severity: 'error',
    expected: 12226,
    actual: 12262,
    detail: '12225 on 2026-07-27 plus the stated delta +1 gives 12226, the report says 12262 (+36)',
  },
  tanks0729: {
    date: '2026-07-29',
    source: 'mod',
    category: 'tanks',
    kind: 'delta_mismatch',
    severity: 'error',
    expected: 12263,
    actual: 12227,
    detail: '12262 on 2026-07-28 plus the stated delta +1 gives 12263, the report says 12227 (-36)',
  },
  tanksDecreased: {
    date: '2026-07-29',
    source: 'mod',
    category: 'tanks',
    kind: 'total_decreased',
    severity: 'warning',
    expected: 12262,
    actual: 12227,
    detail: 'the total fell from 12262 on 2026-07-28 to 12227 (-35)',
  },
  vehicles: {
    date: '2026-07-29',
    source: 'mod',
    category: 'vehicles_fuel',
    kind: 'total_missing',
    severity: 'warning',
    expected: null,
    actual: null,
    detail: 'the line states only the delta +331, no total',
  },
  special: {
    date: '2026-07-30',
    source: 'mod',
    category: 'special_equipment',
    kind: 'category_missing',
    severity: 'error',
    expected: null,
    actual: null,
    detail: 'listed on 2026-07-29, missing from this report',
  },
};

/** What series_clean says of the fixtures' days that it does not take as stated. */
const clean = {
  tanks0728: {
    reason: 'a total typo: mod printed 12262; the last good total and the stated deltas give 12226, and the next days follow from it',
    evidence: 'mod 2026-07-27: total 12225, and the deltas of 2026-07-28 give 12226; mod 2026-07-29: total 12227 is reached from it by the stated deltas',
  },
  vehicles0729: {
    reason: "the line states only the delta +331: the day before's total plus it, and the next day's total less its delta, both give 127181",
    evidence: 'mod 2026-07-28: total 126850; mod 2026-07-30: total 127621, delta +440',
  },
};
const asStated = { status: 'stated', reason: null, evidence: null } as const;

describe('GET /api/series', () => {
  it('answers every stored day of a category with total, delta, qualifier, source and flags', async () => {
    expect(await get('/api/series?category=tanks')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: { category: 'tanks', from: null, to: null, rows: tanks },
    });
  });

  it('keeps a day whose line stated only a delta, with a null total, within the asked range', async () => {
    expect(await get('/api/series?category=vehicles_fuel&from=2026-07-28&to=2026-07-29')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: {
        category: 'vehicles_fuel',
        from: '2026-07-28',
        to: '2026-07-29',
        rows: [
          { date: '2026-07-28', day: 1616, total: 126850, delta: 548, qualifier: null, source: 'mod', flags: [] },
          { date: '2026-07-29', day: 1617, total: null, delta: 331, qualifier: null, source: 'mod', flags: ['total_missing'] },
        ],
      },
    });
  });

  it('keeps the qualifier of personnel and an open end of the range', async () => {
    expect(await get('/api/series?category=personnel&from=2026-07-30')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: {
        category: 'personnel',
        from: '2026-07-30',
        to: null,
        rows: [{ date: '2026-07-30', day: 1618, total: 1444810, delta: 1360, qualifier: 'about', source: 'mod', flags: [] }],
      },
    });
  });

  it('answers an empty list for a category with no figures in the range', async () => {
    expect(await get('/api/series?category=srbm')).toEqual({ status: 200, type: JSON_TYPE, body: { category: 'srbm', from: null, to: null, rows: [] } });
    expect((await get('/api/series?category=tanks&to=2026-07-26')).body).toEqual({ category: 'tanks', from: null, to: '2026-07-26', rows: [] });
  });

  it('refuses a missing category, an unknown category, a bad date and a range that ends before it starts', async () => {
    const cases: [string, string][] = [
      ['/api/series', 'category is required; /api/categories lists the keys'],
      ['/api/series?from=2026-07-27', 'category is required; /api/categories lists the keys'],
      ['/api/series?category=boats', 'unknown category "boats"; /api/categories lists the keys'],
      ['/api/series?category=', 'unknown category ""; /api/categories lists the keys'],
      ['/api/series?category=tanks&from=2026-02-30', 'from must be a calendar date YYYY-MM-DD, got "2026-02-30"'],
      ['/api/series?category=tanks&to=28.07.2026', 'to must be a calendar date YYYY-MM-DD, got "28.07.2026"'],
      ['/api/series?category=tanks&from=2026-07-30&to=2026-07-27', 'from 2026-07-30 is after to 2026-07-27'],
      ['/api/series?category=tanks&category=afv', 'parameter "category" is given 2 times; give it once'],
      ['/api/series?categry=tanks', 'unknown parameter "categry"; /api/series takes category, from, to, clean'],
      ['/api/series?category=tanks&clean=yes', 'clean must be 0 or 1, got "yes"'],
      ['/api/series?category=tanks&clean=', 'clean must be 0 or 1, got ""'],
      ['/api/series?category=tanks&clean=1&clean=0', 'parameter "clean" is given 2 times; give it once'],
      ['/api/series?category=boats&clean=1', 'unknown category "boats"; /api/categories lists the keys'],
    ];
    for (const [path, error] of cases) {
      expect([path, await get(path)]).toEqual([path, { status: 400, type: JSON_TYPE, body: { error } }]);
    }
  });
});

describe('GET /api/series?clean=1', () => {
  it('answers the clean series of a category: the best estimate, the total printed, the status, the reason and the evidence', async () => {
    expect(await get('/api/series?category=tanks&clean=1')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: {
        category: 'tanks',
        from: null,
        to: null,
        rows: [
          { date: '2026-07-27', day: 1615, value: 12225, stated: 12225, ...asStated, source: 'mod' },
          // The transposed total: 12262 printed, 12226 from the day before and its delta, which the next day confirms.
          { date: '2026-07-28', day: 1616, value: 12226, stated: 12262, status: 'repaired', ...clean.tanks0728, source: 'mod' },
          { date: '2026-07-29', day: 1617, value: 12227, stated: 12227, ...asStated, source: 'mod' },
          { date: '2026-07-30', day: 1618, value: 12230, stated: 12230, ...asStated, source: 'mod' },
        ],
      },
    });
  });

  it('takes the range of /api/series, infers a total no line stated, and clean=0 is /api/series itself', async () => {
    expect((await get('/api/series?category=vehicles_fuel&from=2026-07-29&to=2026-07-29&clean=1')).body).toEqual({
      category: 'vehicles_fuel',
      from: '2026-07-29',
      to: '2026-07-29',
      rows: [{ date: '2026-07-29', day: 1617, value: 127181, stated: null, status: 'inferred', ...clean.vehicles0729, source: 'mod' }],
    });
    expect((await get('/api/series?category=srbm&clean=1')).body).toEqual({ category: 'srbm', from: null, to: null, rows: [] });
    expect(await get('/api/series?category=tanks&clean=0')).toEqual(await get('/api/series?category=tanks'));
  });
});

describe('GET /api/chart', () => {
  it('answers several categories with stated deltas, deltas derived from the day before, the findings and the sources in view', async () => {
    // aircraft: mod omits a zero delta, so it is derived from the totals; the one of 2026-07-28
    // from 2026-07-27, a day before the range, which the server reads for it.
    const mod = { qualifier: null, source: 'mod' };
    expect(await get('/api/chart?category=tanks&category=aircraft&from=2026-07-28')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: {
        categories: ['tanks', 'aircraft'],
        from: '2026-07-28',
        to: null,
        series: [
          {
            category: 'tanks',
            rows: [
              { date: '2026-07-28', day: 1616, total: 12262, delta: 1, derivedDelta: null, average7: null, ...mod, flags: ['delta_mismatch'] },
              { date: '2026-07-29', day: 1617, total: 12227, delta: 1, derivedDelta: null, average7: null, ...mod, flags: ['delta_mismatch', 'total_decreased'] },
              // 8, 1, 1 and 3 of 2026-07-27 … 30: four days of the week, the fewest for an average.
              { date: '2026-07-30', day: 1618, total: 12230, delta: 3, derivedDelta: null, average7: 3.3, ...mod, flags: [] },
            ],
          },
          {
            category: 'aircraft',
            rows: [
              { date: '2026-07-28', day: 1616, total: 439, delta: null, derivedDelta: 0, average7: null, ...mod, flags: [] },
              { date: '2026-07-29', day: 1617, total: 439, delta: null, derivedDelta: 0, average7: null, ...mod, flags: [] },
              { date: '2026-07-30', day: 1618, total: 439, delta: null, derivedDelta: 0, average7: null, ...mod, flags: [] },
            ],
          },
        ],
        findings: [findings.tanks0728, findings.tanks0729, findings.tanksDecreased],
        sources: [{ id: 'mod', title: 'mod.gov.ua', kind: 'official', days: 3, firstDate: '2026-07-28', lastDate: '2026-07-30' }],
      },
    });
  });

  it('derives no delta next to a day without a total, and answers empty series for a category without figures', async () => {
    expect((await get('/api/chart?category=vehicles_fuel&category=srbm&from=2026-07-29')).body).toEqual({
      categories: ['vehicles_fuel', 'srbm'],
      from: '2026-07-29',
      to: null,
      series: [
        {
          category: 'vehicles_fuel',
          rows: [
            { date: '2026-07-29', day: 1617, total: null, delta: 331, derivedDelta: null, average7: null, qualifier: null, source: 'mod', flags: ['total_missing'] },
            // (491 + 548 + 331 + 440) / 4, the stated deltas of 2026-07-27 … 30.
            { date: '2026-07-30', day: 1618, total: 127621, delta: 440, derivedDelta: null, average7: 452.5, qualifier: null, source: 'mod', flags: [] },
          ],
        },
        { category: 'srbm', rows: [] },
      ],
      findings: [findings.vehicles],
      sources: [{ id: 'mod', title: 'mod.gov.ua', kind: 'official', days: 2, firstDate: '2026-07-29', lastDate: '2026-07-30' }],
    });
    expect((await get('/api/chart?category=srbm')).body).toEqual({ categories: ['srbm'], from: null, to: null, series: [{ category: 'srbm', rows: [] }], findings: [], sources: [] });
    // Comma-separated keys, as /export.csv takes them, in the order given.
    const both = (await get('/api/chart?category=srbm,tanks&to=2026-07-27')).body as { categories: string[]; series: { rows: unknown[] }[] };
    expect([both.categories, both.series.map((s) => s.rows.length)]).toEqual([['srbm', 'tanks'], [0, 1]]);
  });

  it('adds the clean series to each row with clean=1, the other fields as they are', async () => {
    const mod = { qualifier: null, source: 'mod' };
    expect(await get('/api/chart?category=tanks&category=vehicles_fuel&from=2026-07-28&clean=1')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: {
        categories: ['tanks', 'vehicles_fuel'],
        from: '2026-07-28',
        to: null,
        series: [
          {
            category: 'tanks',
            rows: [
              {
                date: '2026-07-28',
                day: 1616,
                total: 12262,
                delta: 1,
                derivedDelta: null,
                average7: null,
                ...mod,
                flags: ['delta_mismatch'],
                clean: { value: 12226, status: 'repaired', ...clean.tanks0728 },
              },
              { date: '2026-07-29', day: 1617, total: 12227, delta: 1, derivedDelta: null, average7: null, ...mod, flags: ['delta_mismatch', 'total_decreased'], clean: { value: 12227, ...asStated } },
              { date: '2026-07-30', day: 1618, total: 12230, delta: 3, derivedDelta: null, average7: 3.3, ...mod, flags: [], clean: { value: 12230, ...asStated } },
            ],
          },
          {
            category: 'vehicles_fuel',
            rows: [
              { date: '2026-07-28', day: 1616, total: 126850, delta: 548, derivedDelta: null, average7: null, ...mod, flags: [], clean: { value: 126850, ...asStated } },
              {
                date: '2026-07-29',
                day: 1617,
                total: null,
                delta: 331,
                derivedDelta: null,
                average7: null,
                ...mod,
                flags: ['total_missing'],
                clean: { value: 127181, status: 'inferred', ...clean.vehicles0729 },
              },
              { date: '2026-07-30', day: 1618, total: 127621, delta: 440, derivedDelta: null, average7: 452.5, ...mod, flags: [], clean: { value: 127621, ...asStated } },
            ],
          },
        ],
        findings: [findings.tanks0728, findings.tanks0729, findings.tanksDecreased, findings.vehicles],
        sources: [{ id: 'mod', title: 'mod.gov.ua', kind: 'official', days: 3, firstDate: '2026-07-28', lastDate: '2026-07-30' }],
      },
    });
    // clean=0 is the answer without it.
    expect(await get('/api/chart?category=tanks&clean=0')).toEqual(await get('/api/chart?category=tanks'));
  });

  it('gives clean null on a day the clean series has no row (the checks have not run since)', async () => {
    const row = db.sqlite.prepare(`select * from clean_values where date = '2026-07-30' and category = 'tanks'`).get() as Record<string, unknown>;
    db.sqlite.prepare(`delete from clean_values where date = '2026-07-30' and category = 'tanks'`).run();
    try {
      const answer = (await get('/api/chart?category=tanks&from=2026-07-29&clean=1')).body as { series: { rows: { date: string; total: number; clean: unknown }[] }[] };
      expect(answer.series[0]!.rows.map((r) => [r.date, r.total, r.clean])).toEqual([
        ['2026-07-29', 12227, { value: 12227, ...asStated }],
        ['2026-07-30', 12230, null],
      ]);
    } finally {
      db.sqlite.prepare(`insert into clean_values (date, category, value, stated, status, reason, evidence, source) values (@date, @category, @value, @stated, @status, @reason, @evidence, @source)`).run(row);
    }
  });

  it('refuses no category, an unknown or repeated one, a bad date, a range that ends before it starts and other parameters', async () => {
    const cases: [string, string][] = [
      ['/api/chart', 'category is required (repeat it for several); /api/categories lists the keys'],
      ['/api/chart?from=2026-07-27', 'category is required (repeat it for several); /api/categories lists the keys'],
      ['/api/chart?category=tanks&category=boats', 'unknown category "boats"; /api/categories lists the keys'],
      ['/api/chart?category=tanks,', 'unknown category ""; /api/categories lists the keys'],
      ['/api/chart?category=afv,tanks&category=afv', 'category "afv" is given 2 times; give each once'],
      ['/api/chart?category=tanks&category=afv&category=tanks', 'category "tanks" is given 2 times; give each once'],
      ['/api/chart?category=tanks&from=2026-02-30', 'from must be a calendar date YYYY-MM-DD, got "2026-02-30"'],
      ['/api/chart?category=tanks&from=2026-07-30&to=2026-07-27', 'from 2026-07-30 is after to 2026-07-27'],
      ['/api/chart?category=tanks&to=2026-07-30&to=2026-07-29', 'parameter "to" is given 2 times; give it once'],
      ['/api/chart?category=tanks&shape=wide', 'unknown parameter "shape"; /api/chart takes category, from, to, clean'],
      ['/api/chart?category=tanks&clean=true', 'clean must be 0 or 1, got "true"'],
    ];
    for (const [path, error] of cases) {
      expect([path, await get(path)]).toEqual([path, { status: 400, type: JSON_TYPE, body: { error } }]);
    }
  });
});

describe('GET /api/chart over an imported dataset of totals without deltas', () => {
  let withDataset: FixtureDb;
  let datasetSqlite: BetterSqlite3.Database;
  let datasetServer: Server;
  let datasetBase: string;

  beforeAll(async () => {
    withDataset = await createModFixtureDb({ totalsDataset: true });
    datasetSqlite = openSqlite(withDataset.path, { readonly: true });
    datasetServer = createAnalystServer(datasetSqlite);
    datasetServer.listen(0, '127.0.0.1');
    await once(datasetServer, 'listening');
    datasetBase = `http://127.0.0.1:${(datasetServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    datasetServer.closeAllConnections();
    datasetServer.close();
    datasetSqlite.close();
    await withDataset.dispose();
  });

  const chart = async (query: string) => (await fetch(`${datasetBase}/api/chart?${query}`)).json();
  const dataset = { qualifier: null, source: TOTALS_DATASET_SOURCE, flags: [] };
  const datasetSource = { id: TOTALS_DATASET_SOURCE, title: TOTALS_DATASET_FILE, kind: 'dataset' };

  it('derives each delta from the total of the day before, never across a gap, and says why a day has none', async () => {
    expect(await chart('category=afv&from=2026-07-12&to=2026-07-16')).toEqual({
      categories: ['afv'],
      from: '2026-07-12',
      to: '2026-07-16',
      series: [
        {
          category: 'afv',
          rows: [
            // The day before is 2026-04-15: 88 days are missing, so no delta is derived.
            { date: '2026-07-13', day: 1601, total: 24884, delta: null, derivedDelta: null, average7: null, ...dataset },
            { date: '2026-07-14', day: 1602, total: 24896, delta: null, derivedDelta: 12, average7: null, ...dataset },
            { date: '2026-07-15', day: 1603, total: 24911, delta: null, derivedDelta: 15, average7: null, ...dataset },
            { date: '2026-07-16', day: 1604, total: 24920, delta: null, derivedDelta: 9, average7: null, ...dataset },
          ],
        },
      ],
      // A finding about the whole report of a source that gives a day in view.
      findings: [
        {
          date: '2026-07-13',
          source: TOTALS_DATASET_SOURCE,
          category: null,
          kind: 'gap',
          severity: 'info',
          expected: null,
          actual: 88,
          detail: `no report from ${TOTALS_DATASET_SOURCE} for the 88 day(s) after 2026-04-15; checks compare with 2026-04-15`,
        },
      ],
      sources: [{ ...datasetSource, days: 4, firstDate: '2026-07-13', lastDate: '2026-07-16' }],
    });
  });

  it('averages derived and stated deltas alike across the change of source, and names both sources', async () => {
    const mod = { qualifier: null, source: 'mod' };
    expect(await chart('category=afv&category=tanks&from=2026-07-25&to=2026-07-28')).toEqual({
      categories: ['afv', 'tanks'],
      from: '2026-07-25',
      to: '2026-07-28',
      series: [
        {
          category: 'afv',
          rows: [
            // 11, -3, 18, 10, 13, 8 and 16 of 2026-07-19 … 25 (the total fell on 2026-07-20).
            { date: '2026-07-25', day: 1613, total: 25007, delta: null, derivedDelta: 16, average7: 10.4, ...dataset },
            { date: '2026-07-26', day: 1614, total: 25019, delta: null, derivedDelta: 12, average7: 10.6, ...dataset },
            { date: '2026-07-27', day: 1615, total: 25032, delta: 13, derivedDelta: null, average7: 12.9, ...mod, flags: [] },
            { date: '2026-07-28', day: 1616, total: 25038, delta: 6, derivedDelta: null, average7: 11.1, ...mod, flags: [] },
          ],
        },
        {
          category: 'tanks',
          rows: [
            { date: '2026-07-25', day: 1613, total: 12211, delta: null, derivedDelta: 4, average7: 5, ...dataset },
            { date: '2026-07-26', day: 1614, total: 12217, delta: null, derivedDelta: 6, average7: 5, ...dataset },
            { date: '2026-07-27', day: 1615, total: 12225, delta: 8, derivedDelta: null, average7: 5.9, ...mod, flags: [] },
            { date: '2026-07-28', day: 1616, total: 12262, delta: 1, derivedDelta: null, average7: 4.9, ...mod, flags: ['delta_mismatch'] },
          ],
        },
      ],
      findings: [findings.tanks0728],
      sources: [
        { id: 'mod', title: 'mod.gov.ua', kind: 'official', days: 2, firstDate: '2026-07-27', lastDate: '2026-07-28' },
        { ...datasetSource, days: 2, firstDate: '2026-07-25', lastDate: '2026-07-26' },
      ],
    });
  });

  it('leaves /api/series as it was: the stated delta only', async () => {
    expect(await (await fetch(`${datasetBase}/api/series?category=afv&from=2026-07-20&to=2026-07-20`)).json()).toEqual({
      category: 'afv',
      from: '2026-07-20',
      to: '2026-07-20',
      rows: [{ date: '2026-07-20', day: 1608, total: 24942, delta: null, ...dataset, flags: ['total_decreased'] }],
    });
  });
});

describe('GET /api/latest', () => {
  it('answers the latest report date with its figures in registry order', async () => {
    expect(await get('/api/latest')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: {
        date: '2026-07-30',
        day: 1618,
        rows: [
          { category: 'personnel', total: 1444810, delta: 1360, qualifier: 'about', source: 'mod', flags: [] },
          { category: 'tanks', total: 12230, delta: 3, qualifier: null, source: 'mod', flags: [] },
          { category: 'afv', total: 25049, delta: 5, qualifier: null, source: 'mod', flags: [] },
          { category: 'artillery', total: 47003, delta: 41, qualifier: null, source: 'mod', flags: [] },
          { category: 'mlrs', total: 1976, delta: 3, qualifier: null, source: 'mod', flags: [] },
          { category: 'air_defense', total: 1522, delta: 1, qualifier: null, source: 'mod', flags: [] },
          { category: 'aircraft', total: 439, delta: null, qualifier: null, source: 'mod', flags: [] },
          { category: 'helicopters', total: 354, delta: null, qualifier: null, source: 'mod', flags: [] },
          { category: 'uav', total: 434140, delta: 1362, qualifier: null, source: 'mod', flags: [] },
          { category: 'cruise_missiles', total: 4950, delta: null, qualifier: null, source: 'mod', flags: [] },
          { category: 'ships', total: 34, delta: null, qualifier: null, source: 'mod', flags: [] },
          { category: 'submarines', total: 2, delta: null, qualifier: null, source: 'mod', flags: [] },
          { category: 'vehicles_fuel', total: 127621, delta: 440, qualifier: null, source: 'mod', flags: [] },
          { category: 'ground_robots', total: 2071, delta: 8, qualifier: null, source: 'mod', flags: [] },
        ],
      },
    });
  });

  it('refuses parameters it does not take', async () => {
    expect(await get('/api/latest?date=2026-07-29')).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: { error: 'unknown parameter "date"; /api/latest takes no parameters' },
    });
  });
});

describe('GET /api/findings', () => {
  it('answers every finding in date and registry order with the fields of check --json', async () => {
    expect(await get('/api/findings')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: {
        from: null,
        to: null,
        category: null,
        findings: [findings.tanks0728, findings.tanks0729, findings.tanksDecreased, findings.vehicles, findings.special],
      },
    });
  });

  it('narrows the findings to a range and a category', async () => {
    expect((await get('/api/findings?from=2026-07-29&to=2026-07-29')).body).toEqual({
      from: '2026-07-29',
      to: '2026-07-29',
      category: null,
      findings: [findings.tanks0729, findings.tanksDecreased, findings.vehicles],
    });
    expect((await get('/api/findings?category=tanks&from=2026-07-28&to=2026-07-28')).body).toEqual({
      from: '2026-07-28',
      to: '2026-07-28',
      category: 'tanks',
      findings: [findings.tanks0728],
    });
    expect((await get('/api/findings?category=afv')).body).toEqual({ from: null, to: null, category: 'afv', findings: [] });
  });

  it('refuses an unknown category, a bad date and a range that ends before it starts', async () => {
    const cases: [string, string][] = [
      ['/api/findings?category=drones', 'unknown category "drones"; /api/categories lists the keys'],
      ['/api/findings?from=yesterday', 'from must be a calendar date YYYY-MM-DD, got "yesterday"'],
      ['/api/findings?to=2026-7-28', 'to must be a calendar date YYYY-MM-DD, got "2026-7-28"'],
      ['/api/findings?from=2026-07-29&to=2026-07-28', 'from 2026-07-29 is after to 2026-07-28'],
      ['/api/findings?kind=gap', 'unknown parameter "kind"; /api/findings takes from, to, category'],
    ];
    for (const [path, error] of cases) {
      expect([path, await get(path)]).toEqual([path, { status: 400, type: JSON_TYPE, body: { error } }]);
    }
  });
});

describe('GET /api/sources and /api/categories', () => {
  it('lists the sources in priority order with their report counts and dates', async () => {
    const none = { reports: 0, firstDate: null, latestDate: null };
    expect(await get('/api/sources')).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: {
        sources: [
          { id: 'mod', title: 'mod.gov.ua', kind: 'official', priority: 10, reports: 4, firstDate: '2026-07-27', latestDate: '2026-07-30' },
          { id: 'milgov', title: 'mil.gov.ua', kind: 'official', priority: 20, ...none },
          { id: 'kmu', title: 'kmu.gov.ua', kind: 'official', priority: 30, ...none },
          { id: 'russianwarship', title: 'russianwarship.rip API', kind: 'api', priority: 55, ...none },
          { id: 'minfin', title: 'index.minfin.com.ua', kind: 'aggregator', priority: 65, ...none },
          { id: 'text', title: 'pasted text', kind: 'text', priority: 80, ...none },
        ],
      },
    });
  });

  it('lists the categories in registry order with their labels and dates', async () => {
    const { status, type, body } = await get('/api/categories');
    expect([status, type]).toEqual([200, JSON_TYPE]);
    const list = (body as { categories: { key: string }[] }).categories;
    expect(list.map((c) => c.key)).toEqual([
      'personnel',
      'tanks',
      'afv',
      'artillery',
      'mlrs',
      'air_defense',
      'aircraft',
      'helicopters',
      'uav',
      'cruise_missiles',
      'ships',
      'submarines',
      'vehicles_fuel',
      'special_equipment',
      'ground_robots',
      'military_auto',
      'fuel_tanks',
      'srbm',
    ]);
    expect(list[1]).toEqual({ key: 'tanks', position: 2, labels: { uk: 'танки', en: 'tanks', de: 'Kampfpanzer' }, since: '2022-02-24', until: null });
    expect(list[17]).toEqual({
      key: 'srbm',
      position: 18,
      labels: { uk: 'пускові установки ОТРК', en: 'mobile SRBM systems', de: 'mobile Kurzstreckenraketensysteme' },
      since: '2022-03-26',
      until: '2022-04-30',
    });
  });
});

describe('the rest of the server', () => {
  it('answers 404 with the list of paths for a path it does not have', async () => {
    const error = 'the server has /api/series, /api/chart, /api/latest, /api/findings, /api/sources, /api/categories, /export.csv, /';
    expect(await get('/api/nothing')).toEqual({ status: 404, type: JSON_TYPE, body: { error: `no such path: /api/nothing; ${error}` } });
    expect(await get('/api/series/')).toEqual({ status: 404, type: JSON_TYPE, body: { error: `no such path: /api/series/; ${error}` } });
    expect(await get('/../package.json')).toEqual({ status: 404, type: JSON_TYPE, body: { error: `no such path: /package.json; ${error}` } });
  });

  it('answers 405 to methods that would write, and names the allowed ones', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetch(`${base}/api/series?category=tanks`, { method });
      expect([method, response.status, response.headers.get('allow'), response.headers.get('content-type'), await response.json()]).toEqual([
        method,
        405,
        'GET, HEAD',
        JSON_TYPE,
        { error: `method ${method} is not allowed; this server only reads (GET or HEAD)` },
      ]);
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await fetch(`${base}/api/latest`, { method: 'HEAD' });
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([200, JSON_TYPE, '']);
  });

  it('answers /export.csv with the export, taking its options as parameters', async () => {
    const response = await fetch(`${base}/export.csv?category=tanks&from=2026-07-28`);
    expect([response.status, response.headers.get('content-type'), response.headers.get('content-disposition'), await response.text()]).toEqual([
      200,
      'text/csv; charset=utf-8',
      'attachment; filename="losstally-long.csv"',
      [
        'date,day,category,total,delta,source,flags',
        '2026-07-28,1616,tanks,12262,1,mod,delta_mismatch',
        '2026-07-29,1617,tanks,12227,1,mod,"delta_mismatch,total_decreased"',
        '2026-07-30,1618,tanks,12230,3,mod,',
        '',
      ].join('\n'),
    ]);
    const wide = await fetch(`${base}/export.csv?shape=wide&category=tanks&category=afv&to=2026-07-28&bom=1`);
    const bytes = Buffer.from(await wide.arrayBuffer());
    expect([wide.headers.get('content-disposition'), bytes.subarray(0, 3).toString('hex'), bytes.subarray(3).toString('utf8')]).toEqual([
      'attachment; filename="losstally-wide.csv"',
      'efbbbf',
      'date,day,tanks,tanks_delta,afv,afv_delta\n2026-07-27,1615,12225,8,25032,13\n2026-07-28,1616,12262,1,25038,6\n',
    ]);
  });

  it('answers /export.csv?clean=1 with export --clean: the clean series, long or wide', async () => {
    const response = await fetch(`${base}/export.csv?category=tanks&from=2026-07-28&to=2026-07-29&clean=1`);
    expect([response.status, response.headers.get('content-type'), response.headers.get('content-disposition'), await response.text()]).toEqual([
      200,
      'text/csv; charset=utf-8',
      'attachment; filename="losstally-clean-long.csv"',
      [
        'date,day,category,value,stated,status,reason,evidence,source',
        `2026-07-28,1616,tanks,12226,12262,repaired,"${clean.tanks0728.reason}","${clean.tanks0728.evidence}",mod`,
        '2026-07-29,1617,tanks,12227,12227,stated,,,mod',
        '',
      ].join('\n'),
    ]);
    const wide = await fetch(`${base}/export.csv?shape=wide&category=tanks,vehicles_fuel&from=2026-07-28&clean=1&bom=1`);
    const bytes = Buffer.from(await wide.arrayBuffer());
    expect([wide.headers.get('content-disposition'), bytes.subarray(0, 3).toString('hex'), bytes.subarray(3).toString('utf8')]).toEqual([
      'attachment; filename="losstally-clean-wide.csv"',
      'efbbbf',
      'date,day,tanks,tanks_status,vehicles_fuel,vehicles_fuel_status\n2026-07-28,1616,12226,repaired,126850,stated\n2026-07-29,1617,12227,stated,127181,inferred\n2026-07-30,1618,12230,stated,127621,stated\n',
    ]);
    // clean=0 is the plain export.
    expect(await (await fetch(`${base}/export.csv?category=tanks&clean=0`)).text()).toBe(await (await fetch(`${base}/export.csv?category=tanks`)).text());
  });

  it('says what to run on a database without the clean series, before any CSV goes out, and answers the rest', async () => {
    const old = `${db.path}.old.db`;
    await db.sqlite.backup(old);
    const writable = openSqlite(old);
    writable.exec('drop view series_clean');
    writable.close();
    const oldSqlite = openSqlite(old, { readonly: true });
    const oldServer = createAnalystServer(oldSqlite);
    oldServer.listen(0, '127.0.0.1');
    await once(oldServer, 'listening');
    const oldBase = `http://127.0.0.1:${(oldServer.address() as AddressInfo).port}`;
    try {
      const reason = `the server failed: ${old} has no clean series yet; run "losstally migrate --db ${old}" to compute it`;
      for (const path of ['/api/series?category=tanks&clean=1', '/api/chart?category=tanks&clean=1', '/export.csv?clean=1']) {
        const response = await fetch(`${oldBase}${path}`);
        expect([path, response.status, response.headers.get('content-type'), await response.json()]).toEqual([path, 500, JSON_TYPE, { error: reason }]);
      }
      expect(((await (await fetch(`${oldBase}/api/series?category=tanks`)).json()) as { rows: unknown[] }).rows).toEqual(tanks);
    } finally {
      oldServer.closeAllConnections();
      oldServer.close();
      oldSqlite.close();
    }
  });

  it('refuses bad /export.csv parameters with the reason', async () => {
    const cases: [string, string][] = [
      ['shape=tall', 'shape must be long or wide, got "tall"'],
      ['from=2026-02-30', 'from must be a calendar date YYYY-MM-DD, got "2026-02-30"'],
      ['from=2026-07-30&to=2026-07-27', 'from 2026-07-30 is after to 2026-07-27'],
      ['bom=yes', 'bom must be 0 or 1, got "yes"'],
      ['shape=long&shape=wide', 'parameter "shape" is given 2 times; give it once'],
      ['format=xlsx', 'unknown parameter "format"; /export.csv takes shape, from, to, category, bom, clean'],
      ['clean=2', 'clean must be 0 or 1, got "2"'],
      ['clean=1&shape=tall', 'shape must be long or wide, got "tall"'],
    ];
    for (const [query, error] of cases) {
      expect([query, await get(`/export.csv?${query}`)]).toEqual([query, { status: 400, type: JSON_TYPE, body: { error } }]);
    }
    const category = await get('/export.csv?category=tank');
    expect([category.status, (category.body as { error: string }).error.startsWith('category must be one of personnel, ')]).toEqual([400, true]);
  });

  it('serves the chart page, its script and uPlot from the same origin', async () => {
    const expected: [string, string, string][] = [
      ['/', 'text/html; charset=utf-8', '<script type="module" src="chart.js"></script>'],
      ['/chart.js', 'text/javascript; charset=utf-8', "import uPlot from './vendor/uPlot.esm.js';"],
      ['/chart.css', 'text/css; charset=utf-8', '.finding-marker'],
      ['/api.js', 'text/javascript; charset=utf-8', 'export function viewQuery'],
      ['/state.js', 'text/javascript; charset=utf-8', 'export function readState'],
      ['/controls.js', 'text/javascript; charset=utf-8', 'export function wireControls'],
      ['/format.js', 'text/javascript; charset=utf-8', 'export function describeDelta'],
      ['/series.js', 'text/javascript; charset=utf-8', 'export function normalisedData'],
      ['/plot.js', 'text/javascript; charset=utf-8', 'export function absolutePlot'],
      ['/findings.js', 'text/javascript; charset=utf-8', 'export function findingsPlugin'],
      ['/clean.js', 'text/javascript; charset=utf-8', 'export function drawnTotal'],
      ['/marks.js', 'text/javascript; charset=utf-8', 'export function markPoints'],
      ['/clean-detail.js', 'text/javascript; charset=utf-8', 'export function renderCleanDetail'],
      ['/cursor-keys.js', 'text/javascript; charset=utf-8', 'export function cursorKeysPlugin'],
      ['/vendor/uPlot.esm.js', 'text/javascript; charset=utf-8', 'export { uPlot as default };'],
      ['/vendor/uPlot.min.css', 'text/css; charset=utf-8', '.uplot'],
    ];
    for (const [path, type, excerpt] of expected) {
      const response = await fetch(`${base}${path}`);
      const text = await response.text();
      expect([path, response.status, response.headers.get('content-type'), text.includes(excerpt)]).toEqual([path, 200, type, true]);
    }
  });

  it('gives the page and every asset a strict Content-Security-Policy: its own files only, nothing inline', async () => {
    expect(PAGE_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(PAGE_POLICY).not.toContain('unsafe');
    for (const path of ['/', '/chart.js', '/chart.css', '/plot.js', '/vendor/uPlot.esm.js', '/vendor/uPlot.min.css']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.headers.get('content-security-policy')]).toEqual([path, PAGE_POLICY]);
    }
    // The page itself holds no inline script, style or event handler the policy would block.
    const page = await (await fetch(`${base}/`)).text();
    expect(page.match(/<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=/gi)).toBeNull();
  });

  it('sets X-Content-Type-Options: nosniff on every answer, errors included', async () => {
    const answers: [string, RequestInit | undefined, number][] = [
      ['/api/latest', undefined, 200],
      ['/api/latest', { method: 'HEAD' }, 200],
      ['/api/series?category=boats', undefined, 400],
      ['/api/nothing', undefined, 404],
      ['/api/latest', { method: 'POST' }, 405],
      ['/export.csv?category=tanks', undefined, 200],
      ['/export.csv?shape=tall', undefined, 400],
      ['/', undefined, 200],
      ['/vendor/uPlot.esm.js', undefined, 200],
    ];
    for (const [path, init, status] of answers) {
      const response = await fetch(`${base}${path}`, init);
      await response.arrayBuffer();
      expect([path, init?.method ?? 'GET', response.status, response.headers.get('x-content-type-options')]).toEqual([path, init?.method ?? 'GET', status, 'nosniff']);
    }
    const refused = await requestWithHost(`${base}/api/latest`, 'evil.example.com');
    expect([refused.status, refused.headers['x-content-type-options']]).toEqual([421, 'nosniff']);
    // A request node:http cannot read gets the same JSON answer as any other error, not node's bare one.
    const port = (server.address() as AddressInfo).port;
    const unreadable = await rawExchange(port, 'GET /api/latest HTTP/1.1\r\nHost: 127.0.0.1\r\nbad header line\r\n\r\n');
    expect(unreadable).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(unreadable).toContain('\r\nx-content-type-options: nosniff\r\n');
    expect(unreadable.slice(unreadable.indexOf('\r\n\r\n') + 4)).toBe('{"error":"the request cannot be read as HTTP/1.1"}');
  });

  it('repeats at most 80 characters of any input in an error, then "…"', async () => {
    const long = 'x'.repeat(8 * 1024);
    const cut = `${'x'.repeat(80)}…`;
    const cases: [string, number, string][] = [
      [`/api/series?category=${long}`, 400, `unknown category "${cut}"; /api/categories lists the keys`],
      [`/api/chart?category=tanks,${long}`, 400, `unknown category "${cut}"; /api/categories lists the keys`],
      [`/api/findings?from=${long}`, 400, `from must be a calendar date YYYY-MM-DD, got "${cut}"`],
      [`/api/latest?${long}=1`, 400, `unknown parameter "${cut}"; /api/latest takes no parameters`],
      [`/export.csv?shape=${long}`, 400, `shape must be long or wide, got "${cut}"`],
      [`/export.csv?bom=${long}`, 400, `bom must be 0 or 1, got "${cut}"`],
      [`/api/series?category=tanks&clean=${long}`, 400, `clean must be 0 or 1, got "${cut}"`],
      [`/${long}`, 404, `no such path: /${'x'.repeat(79)}…; the server has /api/series, /api/chart, /api/latest, /api/findings, /api/sources, /api/categories, /export.csv, /`],
    ];
    for (const [path, status, error] of cases) {
      expect([path.slice(0, 30), await get(path)]).toEqual([path.slice(0, 30), { status, type: JSON_TYPE, body: { error } }]);
    }
    // Whole code points, and control characters escaped so that the reason stays on one line.
    expect((await get(`/api/series?category=${encodeURIComponent('🙂'.repeat(100))}`)).body).toEqual({ error: `unknown category "${'🙂'.repeat(80)}…"; /api/categories lists the keys` });
    expect((await get('/api/series?category=a%0Ab')).body).toEqual({ error: 'unknown category "a\\u000ab"; /api/categories lists the keys' });
  });

  it('never writes: it refuses a writable connection and leaves the database as it was', async () => {
    expect(() => createAnalystServer(db.sqlite)).toThrow(
      'the analyst server reads only: open the database read-only (openSqlite(path, { readonly: true }))',
    );
    const before = tableCounts(db);
    for (const path of ['/api/series?category=tanks', '/api/series?category=tanks&clean=1', '/api/chart?category=tanks&category=afv&clean=1', '/api/latest', '/api/findings', '/api/sources', '/api/categories']) await get(path);
    await get('/api/findings', { method: 'DELETE' });
    expect(tableCounts(db)).toEqual(before);
    expect(before).toEqual({ reports: 4, figures: 59, findings: 5, documents: 4, fetches: 4 });
  });
});

describe('the Host header: a guard against DNS rebinding', () => {
  const port = () => (server.address() as AddressInfo).port;
  const refusedName = (host: string, name: string) =>
    `host "${host}" is not a name of this server (a guard against DNS rebinding); if it is one, start serve with --allow-host ${name}`;

  it('refuses with 421 and the reason a name that is not its own, on every path and method', async () => {
    const host = `evil.example.com:${port()}`;
    for (const [path, method] of [['/api/latest', 'GET'], ['/export.csv?category=tanks', 'GET'], ['/', 'GET'], ['/api/nothing', 'GET'], ['/api/latest', 'POST']] as const) {
      const answer = await requestWithHost(`${base}${path}`, host, method);
      expect([path, method, answer.status, answer.headers['content-type'], JSON.parse(answer.body)]).toEqual([
        path,
        method,
        421,
        JSON_TYPE,
        { error: refusedName(host, 'evil.example.com') },
      ]);
    }
    const head = await requestWithHost(`${base}/api/latest`, host, 'HEAD');
    expect([head.status, head.body]).toEqual([421, '']);
  });

  it('answers localhost, 127.0.0.1 and [::1] with the port it listens on or none, in any letter case', async () => {
    for (const host of [`localhost:${port()}`, 'localhost', `127.0.0.1:${port()}`, '127.0.0.1', `[::1]:${port()}`, '[::1]', `LocalHost:${port()}`, `localhost.:${port()}`]) {
      expect([host, (await requestWithHost(`${base}/api/sources`, host)).status]).toEqual([host, 200]);
    }
  });

  it('refuses its own names on another port, a name it cannot read and a request that names no host', async () => {
    const other = `localhost:${port() === 1 ? 2 : 1}`;
    const wrongPort = await requestWithHost(`${base}/api/latest`, other);
    expect([wrongPort.status, JSON.parse(wrongPort.body)]).toEqual([421, { error: refusedName(other, 'localhost') }]);
    const long = 'a'.repeat(8 * 1024);
    const unreadable = await requestWithHost(`${base}/api/latest`, long);
    expect([unreadable.status, JSON.parse(unreadable.body)]).toEqual([
      421,
      { error: `host "${'a'.repeat(80)}…" cannot be read as a name or address with an optional :port; this server answers only requests that name it, e.g. Host: localhost:${port()}` },
    ]);
    const longName = `${'b'.repeat(60)}.${'c'.repeat(60)}.example`;
    const named = await requestWithHost(`${base}/api/latest`, longName);
    expect(JSON.parse(named.body)).toEqual({ error: refusedName(`${longName.slice(0, 80)}…`, `${longName.slice(0, 80)}…`) });
    // HTTP/1.0 may leave the Host header out (node refuses that of HTTP/1.1 itself).
    const none = await rawExchange(port(), 'GET /api/latest HTTP/1.0\r\n\r\n');
    expect(none).toMatch(/^HTTP\/1\.1 421 Misdirected Request\r\n/);
    expect(JSON.parse(none.slice(none.indexOf('\r\n\r\n') + 4))).toEqual({
      error: `the request names no host (no Host header); this server answers only requests that name it, e.g. Host: localhost:${port()}`,
    });
  });

  it('answers the names of hostGuard: --host, --allow-host names on any port, and on 0.0.0.0 the addresses of the machine', async () => {
    const guarded = createAnalystServer(sqlite, { hosts: hostGuard('0.0.0.0', ['stats.example.org', '[fd00::7]']) });
    guarded.listen(0, '127.0.0.1');
    await once(guarded, 'listening');
    const guardedPort = (guarded.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${guardedPort}/api/sources`;
    try {
      const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
      const v4 = addresses.filter((a) => a.family === 'IPv4').map((a) => `${a.address}:${guardedPort}`);
      const v6 = addresses.filter((a) => a.family === 'IPv6' && !a.address.startsWith('fe80')).map((a) => `[${a.address}]:${guardedPort}`);
      const answered = ['stats.example.org', 'stats.example.org:443', 'STATS.example.org:8443', '[fd00::7]:80', `0.0.0.0:${guardedPort}`, ...v4, ...v6];
      for (const host of answered) expect([host, (await requestWithHost(url, host)).status]).toEqual([host, 200]);
      for (const host of [`www.stats.example.org:${guardedPort}`, `192.0.2.254:${guardedPort}`, `[2001:db8::99]:${guardedPort}`]) {
        expect([host, (await requestWithHost(url, host)).status]).toEqual([host, 421]);
      }
    } finally {
      guarded.closeAllConnections();
      guarded.close();
    }
  });
});

describe('losstally serve (serveUntil: what runServe runs until SIGINT or SIGTERM)', () => {
  function context(dbPath: string): CommandContext & { out: () => string; err: () => string } {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    return {
      config: loadConfig({}),
      dbPath,
      now: () => new Date('2026-07-31T06:00:00Z'),
      stdout,
      stderr,
      stdoutIsTty: false,
      stderrIsTty: false,
      out: () => out,
      err: () => err,
    };
  }

  it('prints the URL and the database, answers until stopped, then returns 0', async () => {
    const ctx = context(db.path);
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = serveUntil(ctx, { host: '127.0.0.1', port: '0' }, () => stopped);
    await expect.poll(() => ctx.out()).toMatch(/^serving http:\/\/127\.0\.0\.1:\d+ /);
    const url = /^serving (\S+) /.exec(ctx.out())![1]!;
    expect(ctx.out()).toBe(`serving ${url} (database ${db.path}); Ctrl-C stops\n`);
    const response = await fetch(`${url}/api/series?category=tanks&from=2026-07-30`);
    expect(await response.json()).toEqual({ category: 'tanks', from: '2026-07-30', to: null, rows: [tanks[3]] });
    stop();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/api/latest`)).rejects.toThrow('fetch failed');
    expect(ctx.err()).toBe('');
  });

  it('refuses a bad host or port with a one-line usage error before opening anything', async () => {
    const never = () => new Promise<void>(() => {});
    const cases: [{ host: string; port: string; allowHost?: string[] }, string][] = [
      [{ host: '127.0.0.1', port: '80a' }, '--port must be a whole number from 0 to 65535, got "80a"'],
      [{ host: '127.0.0.1', port: '65536' }, '--port must be a whole number from 0 to 65535, got "65536"'],
      [{ host: '127.0.0.1', port: '-1' }, '--port must be a whole number from 0 to 65535, got "-1"'],
      [{ host: 'http://localhost', port: '8080' }, '--host must be an IP address or a host name, got "http://localhost"'],
      [{ host: '', port: '8080' }, '--host must be an IP address or a host name, got ""'],
      [{ host: '127.0.0.1', port: '8080', allowHost: ['ok.example', 'http://evil.example'] }, '--allow-host must be a host name or an IP address, got "http://evil.example"'],
      [{ host: '127.0.0.1', port: '8080', allowHost: ['*.example'] }, '--allow-host must be a host name or an IP address, got "*.example"'],
      [{ host: 'h'.repeat(300), port: '8080' }, `--host must be an IP address or a host name, got "${'h'.repeat(80)}…"`],
    ];
    for (const [options, message] of cases) {
      const error = await serveUntil(context('/nonexistent/losstally.db'), options, never).catch((e: unknown) => e);
      expect([options, (error as Error).name, (error as Error).message]).toEqual([options, 'UsageError', message]);
    }
  });

  it('answers the names given with --allow-host and refuses others with the way to allow them', async () => {
    const ctx = context(db.path);
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = serveUntil(ctx, { host: '127.0.0.1', port: '0', allowHost: ['stats.example.org'] }, () => stopped);
    await expect.poll(() => ctx.out()).toMatch(/^serving http:\/\/127\.0\.0\.1:\d+ /);
    const url = /^serving (\S+) /.exec(ctx.out())![1]!;
    expect((await requestWithHost(`${url}/api/latest`, 'stats.example.org')).status).toBe(200);
    expect((await requestWithHost(`${url}/api/latest`, url.slice('http://'.length))).status).toBe(200);
    const refused = await requestWithHost(`${url}/api/latest`, 'evil.example.com');
    expect([refused.status, JSON.parse(refused.body)]).toEqual([
      421,
      { error: 'host "evil.example.com" is not a name of this server (a guard against DNS rebinding); if it is one, start serve with --allow-host evil.example.com' },
    ]);
    stop();
    expect(await running).toBe(0);
    expect(ctx.err()).toBe('');
  });

  it('says which port is in use when another server holds it', async () => {
    const port = (server.address() as AddressInfo).port;
    const error = await serveUntil(context(db.path), { host: '127.0.0.1', port: String(port) }, () => new Promise(() => {})).catch((e: unknown) => e);
    expect([(error as Error).name, (error as Error).message]).toEqual([
      'NetworkError',
      `cannot listen on 127.0.0.1:${port}: the port is in use; stop the other server or choose another --port`,
    ]);
  });

  it('says how to create the database when there is none', async () => {
    const error = await serveUntil(context('/nonexistent/losstally.db'), { host: '127.0.0.1', port: '0' }, () => new Promise(() => {})).catch((e: unknown) => e);
    expect((error as Error).message).toBe('no database at /nonexistent/losstally.db; create it with "losstally migrate" or point --db at one');
  });
});
