/**
 * Every fault the network can throw at an ingest, injected by a local server: each ends in its
 * documented outcome, every attempt is a `fetches` row, and nothing partial is stored.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpStatusError, NetworkError, NoReportError } from '../../src/errors.js';
import { ingestReport } from '../../src/ingest/ingest.js';
import { reparseDocuments } from '../../src/ingest/reparse.js';
import { modSource } from '../../src/sources/registry.js';
import { gzipBomb, peakRss } from '../helpers/bomb.js';
import { createTestDb, tableCounts, type TestDb } from '../helpers/db.js';
import { createTestFetcher, type TestFetcher } from '../helpers/fetcher.js';
import { startServer, type TestServer } from '../helpers/server.js';

const page = readFileSync(new URL('../fixtures/mod/2026-07-27.html', import.meta.url));
const PATH = '/news/boiovi-vtraty-voroha-na-27-lypnia-2026-roku';
const NOW = () => new Date('2026-07-27T06:00:00Z');

let db: TestDb;
let server: TestServer;
let client: TestFetcher;
const delays: number[] = [];
let clock = 0;

beforeEach(async () => {
  db = await createTestDb();
  server = await startServer();
  delays.length = 0;
  clock = 0;
  // Waits are recorded and pass at once on a clock of their own.
  client = createTestFetcher({
    http: { bodyTimeoutMs: 300, headersTimeoutMs: 1000 },
    polite: { maxAttempts: 3, baseDelayMs: 1000, jitter: 0 },
    deps: {
      now: () => clock,
      sleep: async (ms) => {
        delays.push(ms);
        clock += ms;
      },
    },
  });
});
afterEach(async () => {
  await client.close();
  await server.close();
  await db.dispose();
});

/** A route that answers with each handler in turn, then with the page. */
function sequence(...handlers: ((res: import('node:http').ServerResponse) => void)[]) {
  let call = 0;
  server.set(PATH, (_req, res) => {
    const handler = handlers[call++];
    if (handler) handler(res);
    else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
      res.end(page);
    }
  });
}

const ingest = () => ingestReport({ db: db.kysely, fetcher: client.fetcher, now: NOW }, { source: modSource, date: '2026-07-27', baseUrl: new URL(server.url) });
const fetchRows = () => db.sqlite.prepare('select outcome, http_status as status, error from fetches order by id').all();

describe('faults injected by the server', () => {
  it('503 then success: retried after a backoff, both attempts recorded', async () => {
    sequence((res) => {
      res.writeHead(503);
      res.end('busy');
    });
    expect((await ingest()).outcome).toBe('stored');
    expect(delays).toEqual([1000]);
    expect(fetchRows()).toEqual([
      { outcome: 'http_error', status: 503, error: 'HTTP 503; retrying in 1 s' },
      { outcome: 'stored', status: 200, error: null },
    ]);
  });

  it('429 with Retry-After: waits as long as asked', async () => {
    sequence((res) => {
      res.writeHead(429, { 'retry-after': '7' });
      res.end();
    });
    expect((await ingest()).outcome).toBe('stored');
    expect(delays).toEqual([7000]);
    expect(fetchRows()).toEqual([
      { outcome: 'http_error', status: 429, error: 'HTTP 429; retrying in 7 s' },
      { outcome: 'stored', status: 200, error: null },
    ]);
  });

  it('a reset connection, a stalled body and a truncated body are retried', async () => {
    sequence(
      (res) => res.socket?.destroy(),
      (res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html>'); // and then nothing
      },
    );
    expect((await ingest()).outcome).toBe('stored');
    const rows = fetchRows() as { outcome: string; status: number | null; error: string | null }[];
    expect(rows.map((r) => r.outcome)).toEqual(['network_error', 'network_error', 'stored']);
    expect(rows[0]?.error).toMatch(/^could not fetch http:\/\/127\.0\.0\.1:\d+\/news\/\S+ from 127\.0\.0\.1:\d+: the connection was closed before the response was complete \(UND_ERR_SOCKET\); retrying in 1 s$/);
    expect(rows[1]?.error).toMatch(/the server stopped sending the body \(UND_ERR_BODY_TIMEOUT\); retrying in 2 s$/);
    expect(rows.map((r) => r.status)).toEqual([null, null, 200]);
    expect(tableCounts(db)).toMatchObject({ reports: 1, figures: 15 });
  });

  it('a truncated body on every attempt ends as a network error and stores nothing', async () => {
    const truncated = (res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
      res.write('<html><body>', () => res.socket?.destroy());
    };
    sequence(truncated, truncated, truncated);
    const error = await ingest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/^mod\.gov\.ua could not be reached for 2026-07-27: could not fetch \S+ from \S+: the connection was closed before the response was complete \(UND_ERR_SOCKET\); check the network or the base URL$/);
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 3 });
  });

  it('503 three times ends with the status and the advice to try later', async () => {
    const busy = (res: import('node:http').ServerResponse) => {
      res.writeHead(503);
      res.end();
    };
    sequence(busy, busy, busy);
    const error = await ingest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as Error).message).toBe(`mod.gov.ua answered HTTP 503 for 2026-07-27 (${server.url}${PATH}); try again later`);
    expect((fetchRows() as { outcome: string }[]).map((r) => r.outcome)).toEqual(['http_error', 'http_error', 'http_error']);
    expect(delays).toEqual([1000, 2000]);
  });

  it('a page with no report is recorded as no_report, kept, and nothing is stored', async () => {
    server.set(PATH, { body: readFileSync(new URL('../fixtures/mod/2026-07-31-other-news.html', import.meta.url)) });
    const error = await ingest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoReportError);
    expect((error as Error).message).toBe(
      `mod.gov.ua has no report for 2026-07-27 at ${server.url}${PATH}: mod.gov.ua page is not a loss report (its title is "Кодифіковано нові зразки озброєння вітчизняного виробництва")`,
    );
    expect(fetchRows()).toEqual([{ outcome: 'no_report', status: 200, error: (error as Error).message }]);
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 1, fetches: 1 });
  });

  it('an unchanged page costs a 304 on the next fetch', async () => {
    sequence();
    expect((await ingest()).outcome).toBe('stored');
    server.set(PATH, (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
      } else {
        res.writeHead(200);
        res.end(page);
      }
    });
    const again = await ingest();
    expect([again.outcome, again.revision, again.figureCount]).toEqual(['unchanged', 1, 15]);
    expect(db.sqlite.prepare('select outcome, http_status as status, bytes, etag from fetches order by id').all()).toEqual([
      { outcome: 'stored', status: 200, bytes: page.length, etag: '"v1"' },
      { outcome: 'unchanged', status: 304, bytes: 0, etag: '"v1"' },
    ]);
    expect(server.headers.at(-1)?.['if-none-match']).toBe('"v1"');
  });

  it('a gzip bomb is refused once it inflates past the limit, recorded, and never held whole', async () => {
    // 1 GiB of zeros in 1 MiB: the limit (1,000,000 bytes here) counts the bytes after decoding.
    server.set(PATH, { body: gzipBomb(1024), headers: { 'content-encoding': 'gzip' } });
    const before = peakRss();
    const error = await ingest().catch((e: unknown) => e);
    expect(peakRss() - before).toBeLessThan(100 * 1024 * 1024);
    expect(error).toBeInstanceOf(NetworkError);
    const message = `mod.gov.ua gave no readable page for 2026-07-27: ${server.url}${PATH} sent a gzip body that inflates past 1000000 bytes; a report page is far smaller`;
    expect((error as Error).message).toBe(message);
    expect(fetchRows()).toEqual([{ outcome: 'http_error', status: null, error: message }]);
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 1 });
    expect(delays).toEqual([]);
  });

  it('a redirect within the host: the fetch keeps both URLs, the report the one that answered', async () => {
    const moved = `/archive${PATH}`;
    server.set(PATH, { status: 301, body: '', headers: { location: moved } });
    server.set(moved, { body: page });
    const result = await ingest();
    expect([result.outcome, result.url]).toEqual(['stored', `${server.url}${moved}`]);
    expect(db.sqlite.prepare('select url, final_url, outcome from fetches').all()).toEqual([{ url: `${server.url}${PATH}`, final_url: `${server.url}${moved}`, outcome: 'stored' }]);
    expect(db.sqlite.prepare('select url from reports').all()).toEqual([{ url: `${server.url}${moved}` }]);
    // Read again from the stored document, the report still names the URL that answered.
    db.sqlite.exec('delete from findings; delete from figures; delete from reports');
    expect((await reparseDocuments(db.kysely, { now: NOW().toISOString() })).stored).toBe(1);
    expect(db.sqlite.prepare('select url from reports').all()).toEqual([{ url: `${server.url}${moved}` }]);
  });

  it('a redirect without a Location says so, not that it redirected too often', async () => {
    server.set(PATH, { status: 302, body: '' });
    const error = await ingest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    const message = `mod.gov.ua answered HTTP 302 for 2026-07-27 (${server.url}${PATH}) without a redirect to follow; check the base URL`;
    expect((error as Error).message).toBe(message);
    expect(fetchRows()).toEqual([{ outcome: 'http_error', status: 302, error: message }]);
  });

  it('a redirect to another host is refused with where it pointed, resolvable or not, and nothing is stored', async () => {
    for (const target of ['http://evil.example/news/page', 'http://no-such-host.invalid/news/page']) {
      server.set(PATH, { status: 302, body: '', headers: { location: target } });
      const error = await ingest().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as Error).message).toBe(`mod.gov.ua redirected the request for 2026-07-27 (${server.url}${PATH}) to another host, ${target}; not followed`);
    }
    expect(db.sqlite.prepare('select outcome, http_status as status, url, final_url from fetches order by id').all()).toEqual([
      { outcome: 'http_error', status: null, url: `${server.url}${PATH}`, final_url: `${server.url}${PATH}` },
      { outcome: 'http_error', status: null, url: `${server.url}${PATH}`, final_url: `${server.url}${PATH}` },
    ]);
    expect(tableCounts(db)).toEqual({ reports: 0, figures: 0, findings: 0, documents: 0, fetches: 2 });
    expect(delays).toEqual([]);
  });
});
