/**
 * The analyst server's answers kept in memory per database state: ETags, 304s, the bounds of the
 * cache, exports built once for concurrent requests, and a report stored by another process
 * (the real command line) seen at the next request.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerCache, type CacheLimits } from '../../src/analyst/answer-cache.js';
import { createAnalystServer } from '../../src/analyst/server.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { runCli } from '../helpers/cli.js';
import { createModFixtureDb, type FixtureDb } from './fixture-db.js';

const JSON_TYPE = 'application/json; charset=utf-8';

interface Served {
  readonly base: string;
  readonly cache: AnswerCache;
  close(): Promise<void>;
}

async function serve(sqlite: BetterSqlite3.Database, limits?: CacheLimits): Promise<Served> {
  const cache = new AnswerCache(limits);
  const server: Server = createAnalystServer(sqlite, { cache });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cache,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** The ETag the server gives a body: the first 32 characters of its SHA-256 in base64url, quoted. */
function etagOf(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | null>;
  readonly body: string;
}

const HEADERS = ['content-type', 'content-length', 'etag', 'cache-control'] as const;

async function ask(url: string, init?: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const headers = Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)]));
  return { status: response.status, headers, body: await response.text() };
}

/** A fixture database of its own, read by a server on a read-only connection, as `losstally serve` reads it. */
interface Fixture {
  readonly db: FixtureDb;
  readonly sqlite: BetterSqlite3.Database;
  readonly served: Served;
  dispose(): Promise<void>;
}

async function servedFixture(): Promise<Fixture> {
  const db = await createModFixtureDb();
  const sqlite = openSqlite(db.path, { readonly: true });
  const served = await serve(sqlite);
  return {
    db,
    sqlite,
    served,
    async dispose() {
      await served.close();
      sqlite.close();
      await db.dispose();
    },
  };
}

let fixture: Fixture;
let sqlite: BetterSqlite3.Database;
let served: Served;

beforeAll(async () => {
  fixture = await servedFixture();
  ({ sqlite, served } = fixture);
});

afterAll(() => fixture.dispose());

describe('answers kept for as long as the database does not change', () => {
  it('gives a JSON answer a strong ETag of its bytes, the same at every request, and asks clients to revalidate', async () => {
    const first = await ask(`${served.base}/api/latest`);
    const again = await ask(`${served.base}/api/latest`);
    expect(first.headers).toEqual({ 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(first.body)), etag: etagOf(first.body), 'cache-control': 'no-cache' });
    expect(again).toEqual(first);
    expect(served.cache.keys()).toContain('/api/latest');
  });

  it('answers 304 with no body to an If-None-Match that names the ETag, weakly or in a list, and 200 otherwise', async () => {
    const { body } = await ask(`${served.base}/api/sources`);
    const etag = etagOf(body);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      expect([header, await ask(`${served.base}/api/sources`, { headers: { 'if-none-match': header } })]).toEqual([
        header,
        { status: 304, headers: { 'content-type': null, 'content-length': null, etag, 'cache-control': 'no-cache' }, body: '' },
      ]);
    }
    const stale = await ask(`${served.base}/api/sources`, { headers: { 'if-none-match': '"other"' } });
    expect([stale.status, stale.headers.etag, stale.body]).toEqual([200, etag, body]);
  });

  it('answers HEAD with the headers of GET, the ETag among them, and no body; a HEAD naming the ETag gets a 304', async () => {
    const get = await ask(`${served.base}/api/series?category=tanks`);
    expect(await ask(`${served.base}/api/series?category=tanks`, { method: 'HEAD' })).toEqual({ status: 200, headers: get.headers, body: '' });
    const etag = get.headers.etag!;
    expect((await ask(`${served.base}/api/series?category=tanks`, { method: 'HEAD', headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('keeps one answer for the same parameters given in another order, and tells apart an order that changes the answer', async () => {
    const cache = served.cache;
    const one = await ask(`${served.base}/api/chart?from=2026-07-29&category=tanks&category=afv`);
    const other = await ask(`${served.base}/api/chart?category=tanks&from=2026-07-29&category=afv`);
    const swapped = await ask(`${served.base}/api/chart?category=afv&category=tanks&from=2026-07-29`);
    expect([one.status, other.headers.etag === one.headers.etag, swapped.headers.etag === one.headers.etag]).toEqual([200, true, false]);
    expect(cache.keys().filter((key) => key.startsWith('/api/chart'))).toEqual([
      '/api/chart?category=tanks&category=afv&from=2026-07-29',
      '/api/chart?category=afv&category=tanks&from=2026-07-29',
    ]);
  });

  it('keeps no error: each is found anew, with no-store and no ETag', async () => {
    const before = served.cache.keys();
    const body = '{"error":"unknown category \\"boats\\"; /api/categories lists the keys"}';
    for (let i = 0; i < 2; i++) {
      expect(await ask(`${served.base}/api/series?category=boats`)).toEqual({
        status: 400,
        headers: { 'content-type': JSON_TYPE, 'content-length': String(body.length), etag: null, 'cache-control': 'no-store' },
        body,
      });
    }
    expect(served.cache.keys()).toEqual(before);
  });

  it('builds an export once for every concurrent request of it, keeps it with an ETag and answers 304 to it', async () => {
    const url = `${served.base}/export.csv?category=tanks&from=2026-07-29`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask(url)));
    const csv = 'date,day,category,total,delta,source,flags\n2026-07-29,1617,tanks,12227,1,mod,"delta_mismatch,total_decreased"\n2026-07-30,1618,tanks,12230,3,mod,\n';
    const expected = {
      status: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(csv.length), etag: etagOf(csv), 'cache-control': 'no-cache' },
      body: csv,
    };
    expect(answers).toEqual(Array.from({ length: 10 }, () => expected));
    expect(served.cache.keys().filter((key) => key.startsWith('/export.csv'))).toEqual(['/export.csv?category=tanks&from=2026-07-29']);
    expect((await ask(url, { headers: { 'if-none-match': etagOf(csv) } })).status).toBe(304);
  });
});

describe('the bounds of the cache', () => {
  it('keeps at most maxEntries answers, the least recently used out first, counting their bytes exactly', async () => {
    const bounded = await serve(sqlite, { maxEntries: 3, maxBytes: 1_000_000, maxEntryBytes: 1_000_000 });
    try {
      const path = (category: string) => `/api/series?category=${category}`;
      const sizes = new Map<string, number>();
      for (const category of ['personnel', 'tanks', 'afv', 'artillery', 'mlrs']) {
        sizes.set(path(category), Buffer.byteLength((await ask(`${bounded.base}${path(category)}`)).body));
      }
      expect(bounded.cache.keys()).toEqual([path('afv'), path('artillery'), path('mlrs')]);
      await ask(`${bounded.base}${path('afv')}`);
      await ask(`${bounded.base}${path('personnel')}`);
      const kept = [path('mlrs'), path('afv'), path('personnel')];
      expect([bounded.cache.keys(), bounded.cache.bytes]).toEqual([kept, kept.reduce((sum, key) => sum + key.length + sizes.get(key)!, 0)]);
    } finally {
      await bounded.close();
    }
  });

  it('keeps at most maxBytes, and answers a larger answer than an entry may be without keeping it', async () => {
    const sizes = new Map<string, number>();
    for (const path of ['/api/sources', '/api/categories', '/api/latest']) sizes.set(path, path.length + Buffer.byteLength((await ask(`${served.base}${path}`)).body));
    const maxBytes = sizes.get('/api/sources')! + sizes.get('/api/latest')!;
    const bounded = await serve(sqlite, { maxEntries: 100, maxBytes, maxEntryBytes: Math.max(sizes.get('/api/sources')!, sizes.get('/api/latest')!) });
    try {
      expect(sizes.get('/api/categories')).toBeGreaterThan(bounded.cache.limits.maxEntryBytes);
      for (const path of ['/api/sources', '/api/categories', '/api/latest']) expect((await ask(`${bounded.base}${path}`)).status).toBe(200);
      expect([bounded.cache.keys(), bounded.cache.bytes]).toEqual([['/api/sources', '/api/latest'], maxBytes]);
      // A small answer more: the least recently used goes to make room for it.
      const empty = '/api/series?category=srbm';
      const emptySize = empty.length + Buffer.byteLength((await ask(`${bounded.base}${empty}`)).body);
      expect([bounded.cache.keys(), bounded.cache.bytes]).toEqual([['/api/latest', empty], sizes.get('/api/latest')! + emptySize]);
    } finally {
      await bounded.close();
    }
  });

  it('streams an export larger than an entry may be to each request, and remembers only that it is', async () => {
    const bounded = await serve(sqlite, { maxEntries: 100, maxBytes: 100_000, maxEntryBytes: 1000 });
    try {
      const whole = await ask(`${served.base}/export.csv`);
      expect(Buffer.byteLength(whole.body)).toBeGreaterThan(1000);
      for (let i = 0; i < 2; i++) {
        expect(await ask(`${bounded.base}/export.csv`)).toEqual({
          status: 200,
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-length': null, etag: null, 'cache-control': 'no-store' },
          body: whole.body,
        });
      }
      expect([bounded.cache.keys(), bounded.cache.bytes]).toEqual([['/export.csv'], '/export.csv'.length]);
    } finally {
      await bounded.close();
    }
  });
});

describe('a report stored by another process', () => {
  // A database of its own: the report stored here would change the answers the other tests expect.
  let writing: Fixture;
  let server: Served;
  let writable: FixtureDb;

  beforeAll(async () => {
    writing = await servedFixture();
    ({ served: server, db: writable } = writing);
  });

  afterAll(() => writing.dispose());

  it('is in the answers of the next request, with new ETags', async () => {
    const latest = await ask(`${server.base}/api/latest`);
    const exported = await ask(`${server.base}/export.csv?category=tanks&from=2026-07-30`);
    expect([JSON.parse(latest.body).date, exported.body]).toEqual(['2026-07-30', 'date,day,category,total,delta,source,flags\n2026-07-30,1618,tanks,12230,3,mod,\n']);
    expect(server.cache.size).toBe(2);

    const file = join(writable.dir, 'next-day.csv');
    writeFileSync(file, 'date,category,total,delta\n2026-07-31,personnel,1446150,1340\n2026-07-31,tanks,12231,1\n');
    const stored = await runCli(['import', file, '--db', writable.path], { env: { LOSSTALLY_TEST_CLOCK: '2026-08-01T06:00:00Z,1' } });
    expect([stored.code, stored.stdout.split('\n')[0]]).toEqual([0, 'imported long-csv:next-day.csv: 1 report 2026-07-31; 1 stored, 0 unchanged']);

    const after = await ask(`${server.base}/api/latest`, { headers: { 'if-none-match': latest.headers.etag! } });
    expect([after.status, after.headers.etag, JSON.parse(after.body)]).toEqual([
      200,
      etagOf(after.body),
      {
        date: '2026-07-31',
        day: 1619,
        rows: [
          { category: 'personnel', total: 1446150, delta: 1340, qualifier: null, source: 'long-csv:next-day.csv', flags: [] },
          { category: 'tanks', total: 12231, delta: 1, qualifier: null, source: 'long-csv:next-day.csv', flags: [] },
        ],
      },
    ]);
    expect(after.headers.etag).not.toBe(latest.headers.etag);
    const exportedAfter = await ask(`${server.base}/export.csv?category=tanks&from=2026-07-30`, { headers: { 'if-none-match': exported.headers.etag! } });
    expect([exportedAfter.status, exportedAfter.body]).toEqual([200, `${exported.body}2026-07-31,1619,tanks,12231,1,long-csv:next-day.csv,\n`]);
    // The answers of the state before were forgotten at once, not left to age out.
    expect(server.cache.keys()).toEqual(['/api/latest', '/export.csv?category=tanks&from=2026-07-30']);
  });
});
