/**
 * `reparse` over a real migrated database filled the way users fill it: mod.gov.ua pages
 * ingested from a local mirror, then documents read again with the current parser.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReparse } from '../../src/cli/commands/reparse.js';
import type { CommandContext } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config.js';
import { readDocument, sha256, storeDocument } from '../../src/db/evidence.js';
import { UsageError } from '../../src/errors.js';
import { importPath } from '../../src/ingest/import.js';
import { ingestReport } from '../../src/ingest/ingest.js';
import { reparseDocuments, type ReparseResult } from '../../src/ingest/reparse.js';
import { storeReport } from '../../src/ingest/store.js';
import { PARSER_VERSION } from '../../src/report/version.js';
import { modSource, russianwarshipSource } from '../../src/sources/registry.js';
import { createTestDb, tableCounts, type TestDb } from '../helpers/db.js';
import { createTestFetcher, type TestFetcher } from '../helpers/fetcher.js';
import { startServer, type TestServer } from '../helpers/server.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const modPath = (day: number) => `/news/boiovi-vtraty-voroha-na-${day}-lypnia-2026-roku`;
// The clock stands on 2026-07-31 09:00 Kyiv time; reparse runs a day later.
const NOW = () => new Date('2026-07-31T06:00:00Z');
const LATER = '2026-08-01T06:00:00.000Z';
const DAYS = ['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30'];
const NOTHING_FAILED: ReparseResult = { documents: 4, stored: 0, unchanged: 4, superseded: 0, stillFailing: [], skippedImports: 0 };

let db: TestDb;
let server: TestServer;
let http: TestFetcher;

beforeEach(async () => {
  db = await createTestDb();
  server = await startServer(Object.fromEntries([27, 28, 29, 30].map((day) => [modPath(day), { body: fixture(`mod/2026-07-${day}.html`) }])));
  http = createTestFetcher();
});

afterEach(async () => {
  await http.close();
  await server.close();
  await db.dispose();
});

const ingest = (date: string) => ingestReport({ db: db.kysely, fetcher: http.fetcher, now: NOW }, { source: modSource, date, baseUrl: new URL(server.url) });
const ingestAll = async (dates: readonly string[]) => {
  for (const date of dates) await ingest(date);
};
const reparse = (scope: { source?: string; from?: string; to?: string } = {}) => reparseDocuments(db.kysely, { ...scope, now: LATER });
const urlOf = (day: number) => `${server.url}${modPath(day)}`;

/** What a fetch looked like when the parser of its day could not read the page: the body kept, an outcome, no report. */
async function insertFailedFetch(day: number, body: Buffer, outcome: string, error: string): Promise<string> {
  const hash = await storeDocument(db.kysely, body, 'text/html; charset=utf-8', NOW().toISOString());
  db.sqlite
    .prepare(
      `insert into fetches (source, report_date, url, fetched_at, http_status, outcome, bytes, sha256, duration_ms, error)
       values ('mod', ?, ?, ?, 200, ?, ?, ?, 12, ?)`,
    )
    .run(`2026-07-${day}`, urlOf(day), NOW().toISOString(), outcome, body.length, hash, error);
  return hash;
}

const tanksByRevision = (date: string) =>
  db.sqlite
    .prepare(`select revision, (select total from figures f where f.report_id = r.id and category = 'tanks') as tanks from reports r where report_date = ? order by revision`)
    .all(date);

describe('readDocument', () => {
  it('gives back the body exactly as it was fetched, with its content type', async () => {
    const body = fixture('mod/2026-07-27.html');
    const hash = await storeDocument(db.kysely, body, 'text/html; charset=utf-8', NOW().toISOString());
    const stored = await readDocument(db.kysely, hash);
    expect(stored?.contentType).toBe('text/html; charset=utf-8');
    expect(stored?.body.equals(body)).toBe(true);
    expect(sha256(stored?.body ?? Buffer.alloc(0))).toBe(hash);
  });

  it('answers null for a hash that no document has', async () => {
    expect(await readDocument(db.kysely, sha256(Buffer.from('never stored')))).toBeNull();
  });
});

describe('reparseDocuments', () => {
  it('finds every report unchanged when the parser has not changed, and stores nothing', async () => {
    await ingestAll(DAYS);
    const before = tableCounts(db);
    expect(await reparse()).toEqual(NOTHING_FAILED);
    expect(tableCounts(db)).toEqual(before);
  });

  it('reads each distinct document once, however often it was fetched', async () => {
    await ingestAll(DAYS);
    await ingestAll(DAYS);
    const before = tableCounts(db);
    expect(before['fetches']).toBe(8);
    expect(await reparse()).toEqual(NOTHING_FAILED);
    expect(tableCounts(db)).toEqual(before);
  });

  it('stores a page that was a parse error when it was fetched as revision 1 once the parser reads it', async () => {
    await ingestAll(['2026-07-27', '2026-07-28', '2026-07-29']);
    const hash = await insertFailedFetch(30, fixture('mod/2026-07-30.html'), 'parse_error', 'mod.gov.ua page for 2026-07-30 could not be read: an old parser');
    expect(tableCounts(db)).toEqual({ reports: 3, figures: 45, findings: 4, documents: 4, fetches: 4 });

    expect(await reparse()).toEqual({ documents: 4, stored: 1, unchanged: 3, superseded: 0, stillFailing: [], skippedImports: 0 });
    expect(tableCounts(db)).toEqual({ reports: 4, figures: 59, findings: 5, documents: 4, fetches: 4 });
    const report = db.sqlite.prepare(`select source, revision, url, document_sha256, fetch_id, parser_version, stored_at from reports where report_date = '2026-07-30'`).all();
    expect(report).toEqual([
      { source: 'mod', revision: 1, url: urlOf(30), document_sha256: hash, fetch_id: null, parser_version: PARSER_VERSION, stored_at: LATER },
    ]);
    expect(db.sqlite.prepare(`select category, kind, severity from findings where report_date = '2026-07-30'`).all()).toEqual([
      { category: 'special_equipment', kind: 'category_missing', severity: 'error' },
    ]);
    expect(db.sqlite.prepare(`select total, delta, revision from series where date = '2026-07-30' and category = 'tanks'`).get()).toEqual({ total: 12230, delta: 3, revision: 1 });

    // A second run finds nothing more to do.
    expect(await reparse()).toEqual(NOTHING_FAILED);
    expect(tableCounts(db)).toEqual({ reports: 4, figures: 59, findings: 5, documents: 4, fetches: 4 });
  });

  it('stores the figures the document holds as a new revision with a revised finding when the stored reading differs', async () => {
    await ingestAll(['2026-07-27', '2026-07-28']);
    // A parser with a bug read the tanks line of 28 July wrongly.
    const body = fixture('mod/2026-07-28.html');
    const parsed = modSource.parse(body.toString('utf8'), { url: urlOf(28), date: '2026-07-28' });
    if (parsed.status !== 'reports' || !parsed.reports[0]) throw new Error('the fixture must parse');
    const misread = { ...parsed.reports[0], figures: parsed.reports[0].figures.map((f) => (f.category === 'tanks' ? { ...f, total: 12999 } : f)) };
    const wrong = await storeReport(db.kysely, { report: misread, origin: urlOf(28), document: null, documentHash: sha256(body), fetch: null, now: NOW().toISOString() });
    expect([wrong.outcome, wrong.revision]).toEqual(['stored', 2]);

    expect(await reparse()).toEqual({ documents: 2, stored: 1, unchanged: 1, superseded: 0, stillFailing: [], skippedImports: 0 });
    expect(tanksByRevision('2026-07-28')).toEqual([
      { revision: 1, tanks: 12262 },
      { revision: 2, tanks: 12999 },
      { revision: 3, tanks: 12262 },
    ]);
    const revised = db.sqlite.prepare(`select category, severity, expected, actual, detail from findings where kind = 'revised' order by id`).all();
    expect(revised).toEqual([
      { category: 'tanks', severity: 'info', expected: 12262, actual: 12999, detail: 'revision 2 changes tanks from 12262 (delta 1) to 12999 (delta 1)' },
      { category: 'tanks', severity: 'info', expected: 12999, actual: 12262, detail: 'revision 3 changes tanks from 12999 (delta 1) to 12262 (delta 1)' },
    ]);
    const latest = db.sqlite.prepare(`select url, document_sha256, fetch_id, stored_at from reports where report_date = '2026-07-28' and revision = 3`).get();
    expect(latest).toEqual({ url: urlOf(28), document_sha256: sha256(body), fetch_id: null, stored_at: LATER });
    expect(db.sqlite.prepare(`select total, revision from series where date = '2026-07-28' and category = 'tanks'`).get()).toEqual({ total: 12262, revision: 3 });
  });

  it('lets the page fetched last decide a re-published day, so the older page adds no revision', async () => {
    await ingestAll(['2026-07-27', '2026-07-28']);
    server.set(modPath(28), { body: fixture('mod/2026-07-28.html').toString('utf8').replace('12&nbsp;262 (+1)', '12&nbsp;226 (+1)') });
    expect((await ingest('2026-07-28')).revision).toBe(2);
    const before = tableCounts(db);

    expect(await reparse()).toEqual({ documents: 3, stored: 0, unchanged: 2, superseded: 1, stillFailing: [], skippedImports: 0 });
    expect(tableCounts(db)).toEqual(before);
    expect(tanksByRevision('2026-07-28')).toEqual([
      { revision: 1, tanks: 12262 },
      { revision: 2, tanks: 12226 },
    ]);
  });

  it('lists each document that still holds no report with its reason, oldest fetch first', async () => {
    await ingestAll(DAYS);
    const layoutChanged = fixture('mod/2026-07-27.html').toString('utf8').replace(/<ul>[\s\S]*?<\/ul>\s*<\/div>\s*<\/div>/, '<div class="infographic-only"></div></div></div>');
    const captcha = '<html><head><title>ShieldSquare Captcha</title></head><body><form action="https://validate.perfdrive.com/captcha"></form></body></html>';
    server.set(modPath(27), { body: layoutChanged });
    server.set(modPath(28), { body: captcha });
    server.set(modPath(29), { body: fixture('mod/2026-07-31-other-news.html') });
    server.set(modPath(30), { body: fixture('mod/2026-07-27.html') });
    for (const date of DAYS) await ingest(date).catch(() => undefined);
    expect(db.sqlite.prepare(`select outcome from fetches where id > 4 order by id`).all()).toEqual([
      { outcome: 'parse_error' },
      { outcome: 'blocked' },
      { outcome: 'no_report' },
      { outcome: 'no_report' },
      // A page for another day sends the ingest on to the other URL forms of the date.
      { outcome: 'http_error' },
      { outcome: 'http_error' },
    ]);
    const before = tableCounts(db);

    const result = await reparse();
    expect(result.stillFailing).toEqual([
      {
        url: urlOf(27),
        reportDate: '2026-07-27',
        reason: 'parse error: mod.gov.ua page "Бойові втрати ворога на 27 липня 2026 року" has no figure lines; the page layout may have changed',
      },
      { url: urlOf(28), reportDate: '2026-07-28', reason: 'blocked: the site answered with a bot-protection page ("ShieldSquare Captcha")' },
      { url: urlOf(29), reportDate: '2026-07-29', reason: 'no report: mod.gov.ua page is not a loss report (its title is "Кодифіковано нові зразки озброєння вітчизняного виробництва")' },
      { url: urlOf(30), reportDate: '2026-07-30', reason: 'no report: mod.gov.ua page holds the report for 2026-07-27, not 2026-07-30' },
    ]);
    expect({ ...result, stillFailing: result.stillFailing.length }).toEqual({ documents: 8, stored: 0, unchanged: 4, superseded: 0, stillFailing: 4, skippedImports: 0 });
    expect(tableCounts(db)).toEqual(before);
  });

  it('reads only the source and the report dates asked for', async () => {
    await ingestAll(DAYS);
    server.set('/api/v2/statistics/2023-09-14', { body: fixture('russianwarship/v2-2023-09-14.json'), contentType: 'application/json' });
    await ingestReport({ db: db.kysely, fetcher: http.fetcher, now: NOW }, { source: russianwarshipSource, date: '2023-09-14', baseUrl: new URL(server.url) });
    const counts = async (scope: { source?: string; from?: string; to?: string }) => {
      const r = await reparse(scope);
      return [r.documents, r.unchanged];
    };
    expect(await counts({})).toEqual([5, 5]);
    expect(await counts({ source: 'russianwarship' })).toEqual([1, 1]);
    expect(await counts({ source: 'mod' })).toEqual([4, 4]);
    expect(await counts({ source: 'milgov' })).toEqual([0, 0]);
    expect(await counts({ from: '2026-07-28', to: '2026-07-29' })).toEqual([2, 2]);
    expect(await counts({ from: '2026-07-30' })).toEqual([1, 1]);
    expect(await counts({ to: '2026-07-27' })).toEqual([2, 2]);
    expect(await counts({ source: 'mod', to: '2026-07-27' })).toEqual([1, 1]);
  });

  it('stores a readable page only when its date is in scope', async () => {
    await ingestAll(['2026-07-27', '2026-07-28', '2026-07-29']);
    await insertFailedFetch(30, fixture('mod/2026-07-30.html'), 'parse_error', 'an old parser');
    expect(await reparse({ from: '2026-07-28', to: '2026-07-29' })).toEqual({ documents: 2, stored: 0, unchanged: 2, superseded: 0, stillFailing: [], skippedImports: 0 });
    expect(await reparse({ source: 'minfin' })).toEqual({ documents: 0, stored: 0, unchanged: 0, superseded: 0, stillFailing: [], skippedImports: 0 });
    expect(tableCounts(db)['reports']).toBe(3);
    expect(await reparse({ source: 'mod', from: '2026-07-30', to: '2026-07-30' })).toEqual({ documents: 1, stored: 1, unchanged: 0, superseded: 0, stillFailing: [], skippedImports: 0 });
    expect(tableCounts(db)['reports']).toBe(4);
  });

  it('leaves imported files out and says how many it skipped', async () => {
    await ingestAll(['2026-07-27']);
    await importPath(db.kysely, { path: fileURLToPath(new URL('../fixtures/datasets/petroivaniuk', import.meta.url)), now: NOW().toISOString() });
    const before = tableCounts(db);
    expect(await reparse()).toEqual({ documents: 1, stored: 0, unchanged: 1, superseded: 0, stillFailing: [], skippedImports: 2 });
    expect(await reparse({ source: 'mod' })).toEqual({ documents: 1, stored: 0, unchanged: 1, superseded: 0, stillFailing: [], skippedImports: 0 });
    expect(await reparse({ from: '2026-01-01' })).toEqual({ documents: 1, stored: 0, unchanged: 1, superseded: 0, stillFailing: [], skippedImports: 0 });
    expect(await reparse({ to: '2022-04-01' })).toEqual({ documents: 0, stored: 0, unchanged: 0, superseded: 0, stillFailing: [], skippedImports: 2 });
    expect(tableCounts(db)).toEqual(before);
  });
});

describe('losstally reparse', () => {
  const run = async (options: { source?: string; from?: string; to?: string }) => {
    let out = '';
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString('utf8');
        done();
      },
    });
    const context: CommandContext = { config: loadConfig({}), dbPath: db.path, now: () => new Date(LATER), stdout, stderr: stdout, stdoutIsTty: false, stderrIsTty: false };
    const code = await runReparse(context, options);
    return { code, out };
  };

  it('prints what it stored and each document still without a report, and exits 0', async () => {
    await ingestAll(['2026-07-27', '2026-07-28', '2026-07-29']);
    await insertFailedFetch(30, fixture('mod/2026-07-30.html'), 'parse_error', 'an old parser');
    await insertFailedFetch(31, fixture('mod/2026-07-31-other-news.html'), 'no_report', 'not a report');
    expect(await run({})).toEqual({
      code: 0,
      out:
        'reparsed 5 documents: 1 new revision, 3 unchanged, 1 still without a report\n' +
        `  2026-07-31 ${urlOf(31)}: no report: mod.gov.ua page is not a loss report (its title is "Кодифіковано нові зразки озброєння вітчизняного виробництва")\n`,
    });
    expect(await run({ source: 'mod', from: '2026-07-27', to: '2026-07-27' })).toEqual({ code: 0, out: 'reparsed 1 document: 0 new revisions, 1 unchanged, 0 still without a report\n' });
  });

  it('mentions the pages superseded by a later fetch and the imported files it skipped', async () => {
    await ingestAll(['2026-07-27']);
    server.set(modPath(27), { body: fixture('mod/2026-07-27.html').toString('utf8').replace('Останні новини', 'Останні новини дня') });
    await ingest('2026-07-27');
    await importPath(db.kysely, { path: fileURLToPath(new URL('../fixtures/datasets/petroivaniuk', import.meta.url)), now: NOW().toISOString() });
    expect(await run({})).toEqual({
      code: 0,
      out:
        'reparsed 2 documents: 0 new revisions, 1 unchanged, 1 superseded by a later fetch, 0 still without a report\n' +
        '2 imported files skipped: imports are not re-parsed, import them again to read them with the current parser\n',
    });
  });

  it('refuses an unknown source with the list of sources, and malformed dates', async () => {
    await expect(run({ source: 'mil' })).rejects.toThrow(new UsageError('--source must be one of mod, milgov, kmu, minfin, russianwarship, got "mil"'));
    await expect(run({ source: 'petroivaniuk:petroivaniuk' })).rejects.toThrow(
      new UsageError('--source must be one of mod, milgov, kmu, minfin, russianwarship, got "petroivaniuk:petroivaniuk"; imported files are not re-parsed, import them again instead'),
    );
    await expect(run({ from: '2026-02-30' })).rejects.toThrow(new UsageError('--from must be a calendar date YYYY-MM-DD, got "2026-02-30"'));
    await expect(run({ from: '2026-07-30', to: '2026-07-27' })).rejects.toThrow(new UsageError('--from 2026-07-30 is after --to 2026-07-27'));
  });
});
