/**
 * `losstally status` on a database fed as users feed it: mod.gov.ua and the russianwarship.rip
 * API fetched from a local site, a dataset imported from a long CSV under a long name, and a
 * report dated in the future. mod.gov.ua stopped ten days ago; the other sources go on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, kyivDate } from '../../src/dates.js';
import { openDatabase } from '../../src/db/database.js';
import { writeWorkerState } from '../../src/db/worker-state.js';
import { longCsv, syntheticHistory } from '../../scripts/synthetic.js';
import { startSyntheticSite, type SyntheticSite } from '../../scripts/synthetic-site.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

const today = kyivDate(new Date());
const day = (n: number) => addDays(today, n);
const history = syntheticHistory(20, day(-19));
let site: SyntheticSite;
let dbPath: string;
const DATASET = 'long-csv:russian-losses-in-ukraine-daily-export.csv';
// The API has no ground robots: the series takes that figure from the dataset.
const BOTH = `${DATASET}, russianwarship`;

beforeAll(async () => {
  site = await startSyntheticSite({ days: history });
  const dir = tempDir();
  dbPath = join(dir, 'status.db');
  const env = { LOSSTALLY_MIN_SPACING_MS: '1' };
  const run = async (args: string[]) => {
    const result = await runCli([...args, '--db', dbPath], { env });
    expect(result.stderr).toBe('');
  };
  await run(['backfill', '--source', 'mod', '--from', day(-19), '--to', day(-10), '--concurrency', '1', '--base-url', site.url]);
  await run(['backfill', '--source', 'russianwarship', '--from', day(-19), '--to', day(0), '--concurrency', '1', '--base-url', site.url]);
  const csv = join(dir, 'russian-losses-in-ukraine-daily-export.csv');
  writeFileSync(csv, longCsv(history));
  await run(['import', csv]);
  // A report dated three days from now, as a database written before losstally refused such
  // dates may hold (a typo in a source's date): written straight into the tables.
  const db = openDatabase(dbPath);
  const id = db.sqlite
    .prepare(`insert into reports (source, report_date, revision, url, document_sha256, fetch_id, language, parser_version, stored_at) values ('russianwarship', ?, 1, 'test', null, null, 'en', 'test', ?)`)
    .run(day(3), new Date().toISOString()).lastInsertRowid;
  db.sqlite.prepare(`insert into figures (report_id, category, total, delta, qualifier, label) values (?, 'tanks', 99999, 1, null, 'tanks')`).run(id);
  await db.close();
  // The checks see it as any report (the findings below).
  await runCli(['check', '--db', dbPath]);
});

afterAll(async () => {
  await site.close();
});

describe('losstally status', () => {
  it('judges each followed source on its own, never counts a future report as fresh, and keeps its columns apart', async () => {
    const result = await runCli(['status', '--db', dbPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Error: mod has no report after ${day(-10)} (10 days, more than --stale-after 2); is the worker running and the source reachable?\n`);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `database       ${dbPath}`,
      'worker         not running',
      `series         ${today} (today's) from ${BOTH}`,
      'following      mod, russianwarship',
    ]);
    // The last fetch is a time of this run; the rest is exact, columns two spaces apart.
    const table = lines.slice(4, 8).map((line) => line.replace(/ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z stored$/, ' <time> stored'));
    expect(table).toEqual([
      '  source                                                 reports  first       latest      lag            last fetch',
      `  * mod                                                  10       ${day(-19)}  ${day(-10)}  10 days STALE  <time> stored`,
      `  * russianwarship                                       21       ${day(-19)}  ${today}  today          <time> stored`,
      `    ${DATASET}  20       ${day(-19)}  ${today}  today          -`,
    ]);
    expect(lines.slice(8, 25)).toEqual([
      // How the last mod.gov.ua post was found: at an address of the newest form.
      `  mod: the report of ${day(-10)} was found at a guessed address (national form)`,
      `  russianwarship: 1 report(s) dated after today (latest ${day(3)}), not counted as fresh`,
      'carried        days of the last 14 without mod, kept by another source:',
      ...[-9, -8, -7, -6, -5, -4, -3, -2, -1, 0].map((n) => `  ${day(n)} from ${BOTH}`),
      'gaps           1',
      `  russianwarship: 2 day(s) missing between ${today} and ${day(3)}`,
      // The future report states tanks only: the checks find the other categories missing.
      'open errors    13',
      `  ${day(3)} russianwarship category_missing afv: listed on ${today}, missing from this report`,
    ]);
  });

  it('follows what the worker follows, and --sources overrides it', async () => {
    const db = openDatabase(dbPath);
    await writeWorkerState(db.kysely, 'worker', { sources: ['russianwarship'], pid: 1, startedAt: '2026-11-01T00:00:00.000Z' }, new Date());
    await db.close();
    const fresh = await runCli(['status', '--json', '--db', dbPath]);
    expect(fresh.code).toBe(0);
    const status = JSON.parse(fresh.stdout);
    expect(status).toMatchObject({ today, latestReportDate: today, lagDays: 0, followed: ['russianwarship'], followedFrom: 'worker', stale: false });
    expect(status.series).toEqual({ latestDate: today, sources: [DATASET, 'russianwarship'], carriedByOthers: [] });
    expect(status.sources.map((s: Record<string, unknown>) => [s['source'], s['followed'], s['latestDate'], s['lagDays'], s['stale'], s['futureReports']])).toEqual([
      ['mod', false, day(-10), 10, false, 0],
      ['russianwarship', true, today, 0, false, 1],
      [DATASET, false, today, 0, false, 0],
    ]);

    const judged = await runCli(['status', '--sources', 'mod,russianwarship', '--stale-after', '10', '--db', dbPath]);
    expect([judged.code, judged.stderr]).toEqual([0, '']);
    const missing = await runCli(['status', '--sources', 'kmu', '--db', dbPath]);
    expect([missing.code, missing.stderr]).toEqual([1, 'Error: kmu has no report stored; is the worker running and the source reachable?\n']);
  });

  it('says when the last mod.gov.ua report was found in the site\'s listing, and where', async () => {
    const db = openDatabase(dbPath);
    const before = db.sqlite.prepare(`select * from url_forms`).all();
    const url = 'https://mod.gov.ua/news/bojovi-vtraty-27-07-2026';
    db.sqlite.prepare(`update url_forms set form = 'listing', url = ?, found_via = 'listing' where source = 'mod'`).run(url);
    await db.close();
    try {
      const result = await runCli(['status', '--db', dbPath]);
      expect(result.stdout.split('\n')).toContain(`  mod: the report of ${day(-10)} was found in the site's listing, at ${url}`);
      const json = JSON.parse((await runCli(['status', '--json', '--db', dbPath])).stdout);
      expect(json.sources.find((s: Record<string, unknown>) => s['source'] === 'mod').foundBy).toEqual({ via: 'listing', form: 'listing', url, reportDate: day(-10) });
    } finally {
      const restore = openDatabase(dbPath);
      restore.sqlite.prepare(`delete from url_forms`).run();
      const insert = restore.sqlite.prepare(`insert into url_forms (source, form, url, report_date, answered_at, found_via) values (@source, @form, @url, @report_date, @answered_at, @found_via)`);
      for (const row of before) insert.run(row);
      await restore.close();
    }
  });

  it('says so when nothing is stored yet', async () => {
    const empty = join(tempDir(), 'empty.db');
    await runCli(['migrate', '--db', empty]);
    expect(await runCli(['status', '--db', empty])).toEqual({
      code: 1,
      stdout: [`database       ${empty}`, 'worker         not running', 'series         no report stored yet', 'following      none (no worker has run, no source was fetched)', '  source  reports  first  latest  lag  last fetch', 'gaps           none', 'open errors    none', ''].join('\n'),
      stderr: 'Error: no report is stored yet; run "losstally ingest" or start the worker\n',
    });
  });
});
