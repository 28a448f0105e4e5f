/**
 * The aggregator and API sources through the same ingest path as the official site, from a
 * local mirror; and the series built from several sources.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestReport } from '../../src/ingest/ingest.js';
import { recomputeFindings } from '../../src/ingest/recheck.js';
import { fetchRussianwarshipList } from '../../src/ingest/russianwarship-list.js';
import { storeReports } from '../../src/ingest/store.js';
import { minfinSource, russianwarshipSource } from '../../src/sources/registry.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { createTestFetcher, type TestFetcher } from '../helpers/fetcher.js';
import { startServer, type TestServer } from '../helpers/server.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const NOW = () => new Date('2026-11-25T08:00:00Z');

let db: TestDb;
let server: TestServer;
let http: TestFetcher;
beforeEach(async () => {
  db = await createTestDb();
  server = await startServer();
  http = createTestFetcher();
});
afterEach(async () => {
  await http.close();
  await server.close();
  await db.dispose();
});

describe('ingest from the aggregator and the API', () => {
  it('stores one day from the minfin month page that holds it', async () => {
    server.set('/ua/russian-invading/casualties/2022-05/', { body: fixture('minfin/uk-month-2022-05.html') });
    const result = await ingestReport({ db: db.kysely, fetcher: http.fetcher, now: NOW }, { source: minfinSource, date: '2022-05-02', baseUrl: new URL(server.url) });
    expect([result.source, result.date, result.outcome, result.url]).toEqual(['minfin', '2022-05-02', 'stored', `${server.url}/ua/russian-invading/casualties/2022-05/`]);
    expect(db.sqlite.prepare(`select count(*) as n from reports`).get()).toEqual({ n: 1 });
  });

  it('looks for a day on the next minfin page when the month page does not hold it yet, and says not published for today', async () => {
    server.set('/ua/russian-invading/casualties/2022-05/', { body: fixture('minfin/uk-month-2022-05.html') });
    server.set('/ua/russian-invading/casualties/', { body: fixture('minfin/uk-month-2022-05.html') });
    const today = () => new Date('2022-05-04T07:00:00Z');
    const error = await ingestReport({ db: db.kysely, fetcher: http.fetcher, now: today }, { source: minfinSource, date: '2022-05-04', baseUrl: new URL(server.url) }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('index.minfin.com.ua has not published the report for 2022-05-04 yet (404 at ' + `${server.url}/ua/russian-invading/casualties/month.php?month=2022-05); try again later`);
    expect(server.requests).toEqual(['/ua/russian-invading/casualties/2022-05/', '/ua/russian-invading/casualties/month.php?month=2022-05', '/ua/russian-invading/casualties/']);
    expect(db.sqlite.prepare('select outcome from fetches order by id').all()).toEqual([{ outcome: 'no_report' }, { outcome: 'not_published' }, { outcome: 'no_report' }]);
  });

  it('stores the API record of a day', async () => {
    server.set('/api/v2/statistics/2023-09-14', { body: fixture('russianwarship/v2-2023-09-14.json'), contentType: 'application/json' });
    const result = await ingestReport({ db: db.kysely, fetcher: http.fetcher, now: NOW }, { source: russianwarshipSource, date: '2023-09-14', baseUrl: new URL(server.url) });
    expect([result.outcome, result.figureCount]).toEqual(['stored', 15]);
    expect(db.sqlite.prepare(`select total, delta from figures where category = 'submarines'`).get()).toEqual({ total: 1, delta: 1 });
  });

  it('reports the days the API list leaves out as gaps', async () => {
    server.set('/api/v2/statistics?offset=0&limit=50&date_from=2022-02-25&date_to=2022-03-02', { body: fixture('russianwarship/list-page1-2022-02-25_2022-03-02.json') });
    server.set('/api/v2/statistics?offset=50&limit=50&date_from=2022-02-25&date_to=2022-03-02', { body: fixture('russianwarship/list-page2-2022-02-25_2022-03-02.json') });
    server.set('/api/v2/statistics?offset=100&limit=50&date_from=2022-02-25&date_to=2022-03-02', { body: fixture('russianwarship/list-page3-empty.json') });
    const { reports } = await fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl: new URL(server.url) });
    await storeReports(db.kysely, reports.map((report) => ({ report, origin: null, document: null, fetch: null, now: NOW().toISOString() })));
    const gaps = (await recomputeFindings(db.kysely)).filter((f) => f.kind === 'gap').map((f) => [f.date, f.actual, f.detail]);
    expect(gaps).toEqual([['2022-02-27', 1, 'no report from russianwarship for the 1 day(s) after 2022-02-25; checks compare with 2022-02-25']]);
  });
});

describe('the series from several sources', () => {
  it('takes each figure from the preferred source and leaves retired categories out after their last date', async () => {
    const report = (source: string, date: string, figures: [string, number][]) => ({
      report: {
        source,
        reportDate: date,
        language: 'en' as const,
        figures: figures.map(([category, total]) => ({ category: category as 'tanks', total, delta: null, qualifier: null, label: category })),
        warnings: [],
        unmapped: [],
      },
      origin: null,
      document: null,
      fetch: null,
      now: NOW().toISOString(),
    });
    await storeReports(db.kysely, [
      report('russianwarship', '2022-05-10', [['tanks', 1170], ['srbm', 4], ['cruise_missiles', 94]]),
      report('milgov', '2022-05-10', [['tanks', 1170]]),
      report('minfin', '2022-05-10', [['tanks', 1171], ['fuel_tanks', 76]]),
      report('russianwarship', '2022-04-30', [['srbm', 4]]),
    ]);
    const series = db.sqlite.prepare(`select date, category, total, source, flags from series order by date, category`).all();
    expect(series).toEqual([
      { date: '2022-04-30', category: 'srbm', total: 4, source: 'russianwarship', flags: null },
      { date: '2022-05-10', category: 'cruise_missiles', total: 94, source: 'russianwarship', flags: 'category_new' },
      { date: '2022-05-10', category: 'tanks', total: 1170, source: 'milgov', flags: 'source_disagreement' },
    ]);
    // The stored figures keep what each source said, frozen copies included.
    expect(db.sqlite.prepare(`select count(*) as n from figures where category in ('srbm', 'fuel_tanks')`).get()).toEqual({ n: 3 });
    const disagreement = db.sqlite.prepare(`select source, expected, actual, detail from findings where kind = 'source_disagreement'`).all();
    expect(disagreement).toEqual([{ source: 'minfin', expected: 1170, actual: 1171, detail: 'minfin says 1171, milgov says 1170 (+1)' }]);
  });
});
