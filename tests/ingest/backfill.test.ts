/**
 * Backfill from a local mirror: every day once, a second run stores nothing, a run after an
 * interruption completes the rest, the days the mirror lacks are listed, and each source takes
 * its cheapest path (daily pages, month pages, the API's list).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfill } from '../../src/ingest/backfill.js';
import { listFindings } from '../../src/db/findings.js';
import { recomputeFindings } from '../../src/ingest/recheck.js';
import { minfinSource, modSource, russianwarshipSource } from '../../src/sources/registry.js';
import { modUrlsFor } from '../../src/sources/mod/urls.js';
import { modPage, syntheticHistory } from '../../scripts/synthetic.js';
import { createTestDb, tableCounts, type TestDb } from '../helpers/db.js';
import { createTestFetcher, type TestFetcher } from '../helpers/fetcher.js';
import { startServer, type TestServer } from '../helpers/server.js';

const NOW = () => new Date('2026-11-25T10:00:00Z');
const history = syntheticHistory(60);
const pathOf = (date: string) => new URL(modUrlsFor(date)[0] as string).pathname;

let db: TestDb;
let server: TestServer;
let client: TestFetcher;
beforeEach(async () => {
  db = await createTestDb();
  server = await startServer(Object.fromEntries(history.map((day) => [pathOf(day.date), { body: modPage(day) }])));
  client = createTestFetcher({ polite: { perHostConcurrency: 4 } });
});
afterEach(async () => {
  await client.close();
  await server.close();
  await db.dispose();
});

const first = history[0]?.date as string;
const last = history[history.length - 1]?.date as string;
const run = (from: string, to: string, extra: { concurrency?: number; refetch?: boolean } = {}) =>
  backfill({ db: db.kysely, fetcher: client.fetcher, now: NOW }, { source: modSource, from, to, concurrency: extra.concurrency ?? 4, refetch: extra.refetch ?? false, baseUrl: new URL(server.url) });

describe('backfill of daily pages', () => {
  it('stores every day once with the findings a full check gives, and a second run stores nothing', async () => {
    const result = await run(first, last);
    expect({ ...result, findings: undefined }).toEqual({ total: 60, done: 60, stored: 60, unchanged: 0, notFound: 0, failed: 0, skipped: 0, notFoundDates: [], failures: [], findings: undefined });
    expect(tableCounts(db)).toMatchObject({ reports: 60, figures: 900, fetches: 60 });
    const stored = (await listFindings(db.kysely)).length;
    expect((await recomputeFindings(db.kysely)).length).toBe(stored);

    const requests = server.requests.length;
    const again = await run(first, last);
    expect([again.total, again.skipped, again.stored]).toEqual([0, 60, 0]);
    expect(server.requests.length).toBe(requests);
    expect(tableCounts(db)).toMatchObject({ reports: 60, figures: 900 });
  });

  it('after an interruption fetches only the days still missing', async () => {
    await run(first, history[24]?.date as string);
    server.requests.length = 0;
    const rest = await run(first, last);
    expect([rest.skipped, rest.stored]).toEqual([25, 35]);
    expect(server.requests).toHaveLength(35);
    expect(tableCounts(db)).toMatchObject({ reports: 60, figures: 900 });
  });

  it('fetches stored days again with --refetch and stores nothing when they did not change', async () => {
    await run(first, history[4]?.date as string);
    const again = await run(first, history[4]?.date as string, { refetch: true });
    expect([again.total, again.stored, again.unchanged]).toEqual([5, 0, 5]);
  });

  it('lists the days the source does not have and the days that failed', async () => {
    server.set(pathOf(history[10]?.date as string), { status: 500, body: 'oops' });
    const before = history[0]?.date as string;
    const result = await run('2022-02-20', history[11]?.date as string);
    expect(result.notFoundDates).toEqual(['2022-02-20', '2022-02-21', '2022-02-22', '2022-02-23', '2022-02-24']);
    expect(result.failures).toEqual([
      { date: history[10]?.date, message: `mod.gov.ua answered HTTP 500 for ${history[10]?.date} (${server.url}${pathOf(history[10]?.date as string)}); try again later` },
    ]);
    expect([result.stored, result.notFound, result.failed, before]).toEqual([11, 5, 1, '2022-02-25']);
  });
});

describe('backfill by the cheapest path of aggregators and the API', () => {
  it('fetches one minfin page for all the days of its month', async () => {
    server.set('/ua/russian-invading/casualties/2022-05/', { body: readFileSync(new URL('../fixtures/minfin/uk-month-2022-05.html', import.meta.url)) });
    const result = await backfill(
      { db: db.kysely, fetcher: client.fetcher, now: NOW },
      { source: minfinSource, from: '2022-05-01', to: '2022-05-03', concurrency: 4, refetch: false, baseUrl: new URL(server.url) },
    );
    expect([result.stored, result.notFound, result.failed]).toEqual([3, 0, 0]);
    expect(server.requests).toEqual(['/ua/russian-invading/casualties/2022-05/']);
  });

  it('reads the russianwarship list page by page and reports the day it lacks', async () => {
    const page = (name: string) => ({ body: readFileSync(new URL(`../fixtures/russianwarship/${name}`, import.meta.url)) });
    server.set('/api/v2/statistics?offset=0&limit=50&date_from=2022-02-25&date_to=2022-03-02', page('list-page1-2022-02-25_2022-03-02.json'));
    server.set('/api/v2/statistics?offset=50&limit=50&date_from=2022-02-25&date_to=2022-03-02', page('list-page2-2022-02-25_2022-03-02.json'));
    server.set('/api/v2/statistics?offset=100&limit=50&date_from=2022-02-25&date_to=2022-03-02', page('list-page3-empty.json'));
    const result = await backfill(
      { db: db.kysely, fetcher: client.fetcher, now: NOW },
      { source: russianwarshipSource, from: '2022-02-25', to: '2022-03-02', concurrency: 4, refetch: false, baseUrl: new URL(server.url) },
    );
    expect([result.stored, result.notFoundDates]).toEqual([5, ['2022-02-26']]);
    expect(server.requests).toHaveLength(3);
    expect(db.sqlite.prepare(`select count(*) as n from reports r join documents d on d.sha256 = r.document_sha256`).get()).toEqual({ n: 5 });
  });
});
