import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFindings } from '../../src/db/findings.js';
import { BlockedError, HttpStatusError, NetworkError, NoReportError, NotPublishedError, ParseError } from '../../src/errors.js';
import { ingestReport } from '../../src/ingest/ingest.js';
import { recomputeFindings } from '../../src/ingest/recheck.js';
import { modSource } from '../../src/sources/registry.js';
import { createTestDb, tableCounts, type TestDb } from '../helpers/db.js';
import { createTestFetcher, type TestFetcher } from '../helpers/fetcher.js';
import { closedPort, startServer, type TestServer } from '../helpers/server.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/mod/${name}`, import.meta.url));
const modPath = (day: number) => `/news/boiovi-vtraty-voroha-na-${day}-lypnia-2026-roku`;
// The clock stands on 2026-07-31 09:00 Kyiv time.
const NOW = () => new Date('2026-07-31T06:00:00Z');

let db: TestDb;
let server: TestServer;
let http: TestFetcher;

beforeEach(async () => {
  db = await createTestDb();
  server = await startServer(
    Object.fromEntries([27, 28, 29, 30].map((day) => [modPath(day), { body: fixture(`2026-07-${day}.html`) }])),
  );
  http = createTestFetcher();
});

afterEach(async () => {
  await http.close();
  await server.close();
  await db.dispose();
});

const ingest = (date: string) => ingestReport({ db: db.kysely, fetcher: http.fetcher, now: NOW }, { source: modSource, date, baseUrl: new URL(server.url) });

describe('ingestReport from a local mod.gov.ua mirror', () => {
  it('stores four days with their defects and finds exactly what the defects imply', async () => {
    for (const date of ['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30']) {
      const result = await ingest(date);
      expect(result.outcome).toBe('stored');
    }
    expect(tableCounts(db)).toEqual({ reports: 4, figures: 59, findings: 5, documents: 4, fetches: 4 });

    const vehicles = db.sqlite.prepare(`select total, delta from series where date = '2026-07-29' and category = 'vehicles_fuel'`).get();
    expect(vehicles).toEqual({ total: null, delta: 331 });

    const summary = (await recomputeFindings(db.kysely)).map((f) => [f.date, f.category, f.kind, f.severity, f.expected, f.actual]);
    expect(summary).toEqual([
      ['2026-07-28', 'tanks', 'delta_mismatch', 'error', 12226, 12262],
      ['2026-07-29', 'tanks', 'delta_mismatch', 'error', 12263, 12227],
      ['2026-07-29', 'tanks', 'total_decreased', 'warning', 12262, 12227],
      ['2026-07-29', 'vehicles_fuel', 'total_missing', 'warning', null, null],
      ['2026-07-30', 'special_equipment', 'category_missing', 'error', null, null],
    ]);
    expect((await listFindings(db.kysely)).filter((f) => f.date === '2026-07-27')).toEqual([]);
  });

  it('stores nothing new when the same days are ingested again', async () => {
    for (const date of ['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30']) await ingest(date);
    const before = tableCounts(db);
    for (const date of ['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30']) {
      expect((await ingest(date)).outcome).toBe('unchanged');
    }
    expect(tableCounts(db)).toEqual({ ...before, fetches: before['fetches']! + 4 });
    const outcomes = db.sqlite.prepare(`select outcome, count(*) as n from fetches group by outcome order by outcome`).all();
    expect(outcomes).toEqual([
      { outcome: 'stored', n: 4 },
      { outcome: 'unchanged', n: 4 },
    ]);
  });

  it('keeps a changed page with the same figures as evidence but stores no new revision', async () => {
    await ingest('2026-07-27');
    const changedSidebar = fixture('2026-07-27.html').toString('utf8').replace('Останні новини', 'Останні новини дня');
    server.set(modPath(27), { body: changedSidebar });
    const result = await ingest('2026-07-27');
    expect([result.outcome, result.revision]).toEqual(['unchanged', 1]);
    expect(tableCounts(db)).toEqual({ reports: 1, figures: 15, findings: 0, documents: 2, fetches: 2 });
    const orphans = db.sqlite.prepare(`select count(*) as n from fetches f where not exists (select 1 from documents d where d.sha256 = f.sha256)`).get();
    expect(orphans).toEqual({ n: 0 });
  });

  it('gives the same findings whatever order the days arrive in', async () => {
    for (const date of ['2026-07-30', '2026-07-28', '2026-07-27', '2026-07-29']) await ingest(date);
    const stored = (await listFindings(db.kysely)).map((f) => `${f.date} ${f.category} ${f.kind}`).sort();
    const recomputed = (await recomputeFindings(db.kysely)).map((f) => `${f.date} ${f.category} ${f.kind}`).sort();
    expect(stored).toEqual(recomputed);
    expect(stored).toEqual([
      '2026-07-28 tanks delta_mismatch',
      '2026-07-29 tanks delta_mismatch',
      '2026-07-29 tanks total_decreased',
      '2026-07-29 vehicles_fuel total_missing',
      '2026-07-30 special_equipment category_missing',
    ]);
  });

  it('stores a re-published day with different figures as revision 2 and records what changed', async () => {
    await ingest('2026-07-27');
    await ingest('2026-07-28');
    const corrected = fixture('2026-07-28.html').toString('utf8').replace('12&nbsp;262 (+1)', '12&nbsp;226 (+1)');
    server.set(modPath(28), { body: corrected });
    const result = await ingest('2026-07-28');
    expect(result.outcome).toBe('stored');
    expect(result.revision).toBe(2);
    expect(result.findings.map((f) => [f.kind, f.category, f.expected, f.actual, f.detail])).toEqual([
      ['revised', 'tanks', 12262, 12226, 'revision 2 changes tanks from 12262 (delta 1) to 12226 (delta 1)'],
    ]);
    const revisions = db.sqlite.prepare(`select revision, (select total from figures f where f.report_id = r.id and category = 'tanks') as tanks from reports r where report_date = '2026-07-28' order by revision`).all();
    expect(revisions).toEqual([
      { revision: 1, tanks: 12262 },
      { revision: 2, tanks: 12226 },
    ]);
    expect(db.sqlite.prepare(`select total, revision from series where date = '2026-07-28' and category = 'tanks'`).get()).toEqual({ total: 12226, revision: 2 });
  });

  it('sends a descriptive User-Agent and keeps the path under --base-url', async () => {
    await ingest('2026-07-27');
    expect(server.requests).toEqual([modPath(27)]);
    expect(server.headers[0]?.['user-agent']).toBe('losstally-test');
  });

  it('keeps every figure traceable to its fetch and document', async () => {
    await ingest('2026-07-27');
    const row = db.sqlite
      .prepare(
        `select r.url, f.outcome, f.http_status, d.bytes, r.document_sha256 = f.sha256 as same_hash
         from reports r join fetches f on f.id = r.fetch_id join documents d on d.sha256 = r.document_sha256`,
      )
      .get();
    expect(row).toEqual({ url: `${server.url}${modPath(27)}`, outcome: 'stored', http_status: 200, bytes: fixture('2026-07-27.html').length, same_hash: 1 });
  });
});

describe('ingestReport failures', () => {
  it('says a report for today that answers 404 is not published yet, after trying every URL form', async () => {
    const error = await ingest('2026-07-31').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotPublishedError);
    expect((error as Error).message).toBe(
      `mod.gov.ua has not published the report for 2026-07-31 yet (404 at 3 URLs, first ${server.url}/news/boiovi-vtraty-voroha-na-31-lypnia-2026-roku); try again later`,
    );
    // Every address form, then the listing, which has no post for the day either.
    expect(server.requests).toEqual([
      '/news/boiovi-vtraty-voroha-na-31-lypnia-2026-roku',
      '/news/bojovi-vtrati-voroga-na-31-lipnya-2026-roku',
      '/news/bojovi-vtrati-voroga-na-31-lypnya-2026-roku',
      '/news',
    ]);
    expect(db.sqlite.prepare(`select outcome, http_status from fetches`).all()).toEqual([
      { outcome: 'not_published', http_status: 404 },
      { outcome: 'not_published', http_status: 404 },
      { outcome: 'not_published', http_status: 404 },
    ]);
    expect(tableCounts(db)['reports']).toBe(0);
  });

  it('says a past day answering 404 has no report there', async () => {
    const error = await ingest('2026-07-26').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as Error).message).toBe(
      `mod.gov.ua has no report for 2026-07-26 (404 at 3 URLs, first ${server.url}/news/boiovi-vtraty-voroha-na-26-lypnia-2026-roku); try another source with --source`,
    );
  });

  it('finds the report under the site\'s older transliteration when the national slug answers 404', async () => {
    server.set('/news/bojovi-vtrati-voroga-na-27-lipnya-2026-roku', { body: fixture('2026-07-27.html') });
    server.set(modPath(27), { status: 404, body: 'not found' });
    const result = await ingest('2026-07-27');
    expect(result.url).toBe(`${server.url}/news/bojovi-vtrati-voroga-na-27-lipnya-2026-roku`);
    expect(db.sqlite.prepare(`select outcome from fetches order by id`).all()).toEqual([{ outcome: 'http_error' }, { outcome: 'stored' }]);
  });

  it('remembers the form of address that answered and asks in it first the next day', async () => {
    server.set('/news/bojovi-vtrati-voroga-na-27-lipnya-2026-roku', { body: fixture('2026-07-27.html') });
    server.set(modPath(27), { status: 404, body: 'not found' });
    server.set('/news/bojovi-vtrati-voroga-na-28-lipnya-2026-roku', { body: fixture('2026-07-28.html') });
    await ingest('2026-07-27');
    expect(db.sqlite.prepare(`select source, form, url, report_date from url_forms`).all()).toEqual([
      { source: 'mod', form: 'site', url: `${server.url}/news/bojovi-vtrati-voroga-na-27-lipnya-2026-roku`, report_date: '2026-07-27' },
    ]);
    server.requests.length = 0;
    const result = await ingest('2026-07-28');
    expect(result.outcome).toBe('stored');
    expect(server.requests).toEqual(['/news/bojovi-vtrati-voroga-na-28-lipnya-2026-roku']);
  });

  it('finds a post whose address fits no form through the listing, page after page, and remembers how', async () => {
    const listing = (posts: readonly [string, string][], next: string | null) =>
      `<html><body><main>${posts.map(([href, title]) => `<article><h3><a href="${href}">${title}</a></h3></article>`).join('')}${next ? `<nav><a rel="next" href="${next}">Наступна</a></nav>` : ''}</main></body></html>`;
    server.set(modPath(27), { status: 404, body: 'not found' });
    server.set('/news', { body: listing([['/news/boiovi-vtraty-voroha-na-29-lypnia', 'Бойові втрати ворога на 29 липня 2026 року'], ['/news/inshi-novyny', 'Оновлено порядок забезпечення військових частин']], '/news?page=2') });
    server.set('/news?page=2', { body: listing([['/news/bojovi-vtraty-27-07-2026', 'Бойові втрати ворога на 27 липня 2026 року']], '/news?page=3') });
    server.set('/news/bojovi-vtraty-27-07-2026', { body: fixture('2026-07-27.html') });
    const result = await ingest('2026-07-27');
    expect([result.outcome, result.url]).toEqual(['stored', `${server.url}/news/bojovi-vtraty-27-07-2026`]);
    expect(server.requests.slice(-3)).toEqual(['/news', '/news?page=2', '/news/bojovi-vtraty-27-07-2026']);
    expect(db.sqlite.prepare(`select form, url, found_via from url_forms`).all()).toEqual([{ form: 'listing', url: `${server.url}/news/bojovi-vtraty-27-07-2026`, found_via: 'listing' }]);
  });

  it('does not search the listing for a day older than its pages reach (a backfill of years)', async () => {
    const error = await ingest('2026-06-20').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(server.requests.filter((path) => path.startsWith('/news?') || path === '/news')).toEqual([]);
  });

  it('says a day the listing does not have either is not published yet, reading no page past it', async () => {
    server.set('/news', { body: `<a href="/news/a">Бойові втрати ворога на 30 липня 2026 року</a><a rel="next" href="/news?page=2">Наступна</a>` });
    server.set('/news?page=2', { body: `<a href="/news/b">Бойові втрати ворога на 29 липня 2026 року</a><a rel="next" href="/news?page=3">Наступна</a>` });
    const error = await ingest('2026-07-31').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotPublishedError);
    // The first page's newest post is older than the day: no older page can hold it.
    expect(server.requests.filter((path) => path.startsWith('/news?') || path === '/news')).toEqual(['/news']);
  });

  it('reports a server error with its status and stores nothing', async () => {
    server.set(modPath(27), { status: 503, body: 'Service Unavailable' });
    const error = await ingest('2026-07-27').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as Error).message).toBe(`mod.gov.ua answered HTTP 503 for 2026-07-27 (${server.url}${modPath(27)}); try again later`);
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 1 });
  });

  it('reports a redirect loop and an endless redirect chain with advice to check the base URL', async () => {
    server.set(modPath(27), { status: 302, body: '', headers: { location: modPath(27) } });
    const loop = await ingest('2026-07-27').catch((e: unknown) => e);
    expect((loop as Error).message).toBe(`mod.gov.ua gave no page for 2026-07-27: ${server.url}${modPath(27)} redirects in a loop; check the base URL`);
    for (let hop = 0; hop < 8; hop++) server.set(`/hop/${hop}`, { status: 302, body: '', headers: { location: `/hop/${hop + 1}` } });
    server.set(modPath(28), { status: 302, body: '', headers: { location: '/hop/0' } });
    const chain = await ingest('2026-07-28').catch((e: unknown) => e);
    expect((chain as Error).message).toBe(`mod.gov.ua redirected the request for 2026-07-28 (${server.url}${modPath(28)}) too many times (HTTP 302); check the base URL`);
    expect(db.sqlite.prepare(`select outcome, http_status from fetches order by id`).all()).toEqual([
      { outcome: 'http_error', http_status: null },
      { outcome: 'http_error', http_status: 302 },
    ]);
  });

  it('reports an oversized answer and a server too slow for the deadline', async () => {
    const small = createTestFetcher({ http: { maxBodyBytes: 1000, totalTimeoutMs: 500 } });
    try {
      const run = (date: string) => ingestReport({ db: db.kysely, fetcher: small.fetcher, now: NOW }, { source: modSource, date, baseUrl: new URL(server.url) }).catch((e: unknown) => e);
      const big = await run('2026-07-27');
      expect((big as Error).message).toBe(`mod.gov.ua gave no readable page for 2026-07-27: ${server.url}${modPath(27)} answered with more than 1000 bytes; a report page is far smaller`);
      server.set(modPath(28), (_req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
      });
      const slow = await run('2026-07-28');
      expect((slow as Error).message).toBe(`mod.gov.ua was too slow for 2026-07-28: ${server.url}${modPath(28)} did not answer in full within 500 ms; try again later`);
      expect(db.sqlite.prepare(`select outcome from fetches order by id`).all()).toEqual([{ outcome: 'http_error' }, { outcome: 'network_error' }]);
    } finally {
      await small.close();
    }
  });

  it('reports an unreachable host as a network error and records the attempt', async () => {
    const port = await closedPort();
    const error = await ingestReport({ db: db.kysely, fetcher: http.fetcher, now: NOW }, { source: modSource, date: '2026-07-27', baseUrl: new URL(`http://127.0.0.1:${port}`) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe(
      `mod.gov.ua could not be reached for 2026-07-27: could not fetch http://127.0.0.1:${port}${modPath(27)} from 127.0.0.1:${port}: the connection was refused (ECONNREFUSED); check the network or the base URL`,
    );
    expect(db.sqlite.prepare(`select outcome, http_status from fetches`).all()).toEqual([{ outcome: 'network_error', http_status: null }]);
  });

  it('treats a captcha page as blocked, keeps it as evidence and stores no figures', async () => {
    const captcha = '<html><head><title>ShieldSquare Captcha</title></head><body><form action="https://validate.perfdrive.com/captcha"></form></body></html>';
    server.set(modPath(27), { body: captcha });
    const error = await ingest('2026-07-27').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockedError);
    expect((error as Error).message).toBe(
      'mod.gov.ua blocked the request for 2026-07-27: the site answered with a bot-protection page ("ShieldSquare Captcha"); nothing stored, try again later or use another source',
    );
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 1, fetches: 1 });
    expect(db.sqlite.prepare(`select outcome from fetches`).get()).toEqual({ outcome: 'blocked' });
  });

  it('treats a page for another date as no report for the date asked', async () => {
    server.set(modPath(27), { body: fixture('2026-07-28.html') });
    const error = await ingest('2026-07-27').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoReportError);
    expect((error as Error).message).toBe(
      `mod.gov.ua has no report for 2026-07-27 at ${server.url}${modPath(27)}: mod.gov.ua page holds the report for 2026-07-28, not 2026-07-27`,
    );
    expect(tableCounts(db)['reports']).toBe(0);
  });

  it('records a page whose layout changed as a parse error and keeps the document', async () => {
    const changed = fixture('2026-07-27.html').toString('utf8').replace(/<ul>[\s\S]*?<\/ul>\s*<\/div>\s*<\/div>/, '<div class="infographic-only"></div></div></div>');
    server.set(modPath(27), { body: changed });
    const error = await ingest('2026-07-27').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toBe(
      'mod.gov.ua page for 2026-07-27 could not be read: mod.gov.ua page "Бойові втрати ворога на 27 липня 2026 року" has no figure lines; the page layout may have changed; the document is kept, nothing stored',
    );
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 1, fetches: 1 });
    expect(db.sqlite.prepare(`select outcome from fetches`).get()).toEqual({ outcome: 'parse_error' });
  });
});
