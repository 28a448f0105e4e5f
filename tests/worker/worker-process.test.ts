/**
 * `losstally worker` as users run it: the built command line in a process of its own, on the
 * real clock, with a real SQLite file, against a local site that publishes today's report
 * while the worker polls. Also through `npm start`, and `npx losstally serve`, stopped by a
 * SIGTERM to npm.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, linkSync, readFileSync, symlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, KYIV_TIME_ZONE, kyivDate } from '../../src/dates.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ingestReport } from '../../src/ingest/ingest.js';
import { modSource } from '../../src/sources/registry.js';
import { modUrlsFor } from '../../src/sources/mod/urls.js';
import { localTime, zonedInstant } from '../../src/worker/schedule.js';
import { startSyntheticSite, type SiteOptions, type SyntheticSite } from '../../scripts/synthetic-site.js';
import { syntheticHistory } from '../../scripts/synthetic.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';
import { createTestFetcher } from '../helpers/fetcher.js';

interface Event {
  readonly time: string;
  readonly level: string;
  readonly event: string;
  readonly [field: string]: unknown;
}

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
  events(): Event[];
  stderr(): string;
  /** Waits until an event matches, and returns it (fails the test after `timeoutMs`). */
  waitFor(match: (event: Event) => boolean, timeoutMs?: number): Promise<Event>;
}

/** Runs a command with only the environment given (no LOSSTALLY_* of the developer's shell), reading JSON lines. */
function start(command: string, args: readonly string[], env: Record<string, string>): Running {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LOSSTALLY_MIN_SPACING_MS: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // npm prints its own lines ("> losstally@0.1.0 start"); only the worker's JSON lines are events.
  const events = () => stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Event);
  return {
    child,
    exited,
    events,
    stderr: () => stderr,
    async waitFor(match, timeoutMs = 15_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = events().find(match);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no such event within ${timeoutMs} ms; events: ${stdout}; stderr: ${stderr}`);
        await sleep(20);
      }
    },
  };
}

const worker = (dbPath: string, args: readonly string[], env: Record<string, string>) => start(process.execPath, [BIN, 'worker', '--db', dbPath, ...args], env);

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Tests that poll "today" keep clear of Kyiv's midnight, when today becomes another day mid-test. */
async function clearOfMidnight(): Promise<string> {
  const { minutes } = localTime(new Date(), KYIV_TIME_ZONE);
  if (minutes >= 24 * 60 - 1) await sleep(70_000 - (new Date().getSeconds() * 1000));
  return kyivDate(new Date());
}

const firstCandidate = (date: string) => new URL(modUrlsFor(date)[0] as string).pathname;

let site: SyntheticSite | null = null;
const children: Running[] = [];
afterEach(async () => {
  for (const running of children.splice(0)) if (running.child.exitCode === null) running.child.kill('SIGKILL');
  await site?.close();
  site = null;
});

async function siteOf(today: string, options: Omit<SiteOptions, 'days'> = {}): Promise<SyntheticSite> {
  site = await startSyntheticSite({ days: syntheticHistory(30, addDays(today, -29)), ...options });
  return site;
}

/** A database whose mod reports end on `last`, stored from the site as `ingest` would. */
async function databaseUpTo(site: SyntheticSite, first: string, last: string): Promise<string> {
  const dbPath = join(tempDir(), 'worker.db');
  const db = openDatabase(dbPath);
  await migrateToLatest(db.kysely);
  const http = createTestFetcher();
  for (let date = first; date <= last; date = addDays(date, 1)) {
    await ingestReport({ db: db.kysely, fetcher: http.fetcher, now: () => new Date() }, { source: modSource, date, baseUrl: new URL(site.url) });
  }
  await http.close();
  await db.close();
  site.requests.length = 0;
  return dbPath;
}

describe('losstally worker, the real process on the real clock', () => {
  it("polls until today's report is published, stores it within one interval, rests until tomorrow and exits 0 on SIGTERM", async () => {
    const today = await clearOfMidnight();
    let publishedAt: Date | null = null;
    const site = await siteOf(today, { published: (_source, date, at) => date < today || (publishedAt !== null && at >= publishedAt) });
    const dbPath = join(tempDir(), 'worker.db');
    const run = worker(dbPath, ['--sources', 'mod', '--no-history', '--window', '00:00-24:00', '--every', '2s'], { LOSSTALLY_MOD_BASE_URL: site.url });
    children.push(run);

    const started = await run.waitFor((e) => e.event === 'worker_started');
    expect(started).toMatchObject({ database: dbPath, empty: true, sources: 'mod', schedule: 'window', window: '00:00-24:00', every: '2 s', history: 'off', today });
    // Two polls answered 404, then the report comes out.
    await run.waitFor((e) => e.event === 'report_not_published' && run.events().filter((x) => x.event === 'report_not_published').length >= 2);
    publishedAt = new Date();
    const stored = await run.waitFor((e) => e.event === 'report_stored');
    expect(stored).toMatchObject({ level: 'info', source: 'mod', date: today, message: 'stored revision 1, 15 figures' });
    // Within one interval (2 s), and the time to fetch and store it on a loaded machine.
    expect(Date.parse(stored.time) - publishedAt.getTime()).toBeLessThan(2_000 + 1_000);

    const rest = await run.waitFor((e) => e.event === 'cycle_done' && Date.parse(e.time) >= Date.parse(stored.time));
    expect(rest['next_poll']).toBe(zonedInstant(addDays(today, 1), 0, KYIV_TIME_ZONE).toISOString());
    const polls = site.requests.filter((r) => r.path === firstCandidate(today)).length;
    await sleep(4_500);
    expect(site.requests.filter((r) => r.path === firstCandidate(today)).length).toBe(polls);

    const signalled = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2_000);
    expect(run.events().slice(-2).map((e) => e.event)).toEqual(['signal', 'worker_stopped']);
    expect(run.events().filter((e) => e.level !== 'info')).toEqual([]);
    expect(existsSync(`${dbPath}.worker.lock`)).toBe(false);
  });

  it("finds today's post in the site's listing when no address it guesses answers, stores it once published, and status says how it was found", async () => {
    const today = await clearOfMidnight();
    let publishedAt: Date | null = null;
    const site = await siteOf(today, { modPosts: 'listed', published: (_source, date, at) => date < today || (publishedAt !== null && at >= publishedAt) });
    const dbPath = join(tempDir(), 'listed.db');
    const run = worker(dbPath, ['--sources', 'mod', '--no-history', '--window', '00:00-24:00', '--every', '2s'], { LOSSTALLY_MOD_BASE_URL: site.url });
    children.push(run);

    // Every guessed address answers 404 and the listing has no post of today yet.
    await run.waitFor((e) => e.event === 'report_not_published');
    expect(site.requests.filter((r) => r.path === '/news').length).toBeGreaterThanOrEqual(1);
    publishedAt = new Date();
    const stored = await run.waitFor((e) => e.event === 'report_stored');
    expect(stored).toMatchObject({ level: 'info', source: 'mod', date: today, message: 'stored revision 1, 15 figures' });
    expect(Date.parse(stored.time) - publishedAt.getTime()).toBeLessThan(2_000 + 1_000);
    const post = `/news/vtraty-okupantiv-${today}`;
    expect(site.requests.filter((r) => r.path === post).length).toBe(1);
    // The listing's first page holds today's post: no older page was read.
    expect(site.requests.filter((r) => r.path.startsWith('/news?page=')).map((r) => r.path)).toEqual([]);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.events().filter((e) => e.level !== 'info')).toEqual([]);
    const status = await runCli(['status', '--json', '--db', dbPath]);
    const mod = (JSON.parse(status.stdout) as { sources: { source: string; foundBy: unknown }[] }).sources.find((s) => s.source === 'mod');
    expect(mod?.foundBy).toEqual({ via: 'listing', form: 'listing', url: `${site.url}${post}`, reportDate: today });
  });

  it('after an outage fetches the missing days oldest first, then today', async () => {
    const today = await clearOfMidnight();
    const site = await siteOf(today);
    const dbPath = await databaseUpTo(site, addDays(today, -6), addDays(today, -4));
    const run = worker(dbPath, ['--sources', 'mod', '--no-history', '--window', '00:00-24:00'], { LOSSTALLY_MOD_BASE_URL: site.url });
    children.push(run);
    const caughtUp = await run.waitFor((e) => e.event === 'catch_up');
    expect(caughtUp['dates']).toBe([3, 2, 1].map((n) => addDays(today, -n)).join(','));
    await run.waitFor((e) => e.event === 'cycle_done');
    expect(site.requests.map((r) => r.path)).toEqual([3, 2, 1, 0].map((n) => firstCandidate(addDays(today, -n))));
    expect(run.events().filter((e) => e.event === 'report_stored').map((e) => e['date'])).toEqual([3, 2, 1, 0].map((n) => addDays(today, -n)));
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const status = await runCli(['status', '--json', '--db', dbPath]);
    expect(JSON.parse(status.stdout)).toMatchObject({ followed: ['mod'], followedFrom: 'worker', stale: false, latestReportDate: today });
  });

  it('against a site that is down, retries each fetch as documented and waits the interval: no storm', async () => {
    const today = await clearOfMidnight();
    const site = await siteOf(today, { fault: () => ({ status: 503, body: 'Service Unavailable' }) });
    const dbPath = join(tempDir(), 'down.db');
    const run = worker(dbPath, ['--sources', 'mod', '--no-history', '--window', '00:00-24:00', '--every', '2s'], {
      LOSSTALLY_MOD_BASE_URL: site.url,
      LOSSTALLY_RETRIES: '3',
      LOSSTALLY_RETRY_BASE_MS: '100',
    });
    children.push(run);
    // Three polls; the stop comes while the worker waits for the fourth.
    await run.waitFor((e) => e.event === 'cycle_done' && run.events().filter((x) => x.event === 'cycle_done').length >= 3);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);

    const failures = run.events().filter((e) => e.event === 'report_failed');
    expect(failures.length).toBe(3);
    for (const failure of failures) {
      expect(failure).toMatchObject({ level: 'error', source: 'mod', date: today, message: `mod.gov.ua answered HTTP 503 for ${today} (${site.url}${firstCandidate(today)}); try again later` });
    }
    // Each poll is three attempts (100 ms, then 200 ms apart, plus jitter), and polls are 2 s apart.
    const times = site.requests.map((r) => r.at.getTime());
    expect(times.length).toBe(failures.length * 3);
    for (let poll = 0; poll < failures.length; poll++) {
      const [a, b, c] = times.slice(poll * 3, poll * 3 + 3) as [number, number, number];
      expect(b - a).toBeGreaterThanOrEqual(100);
      expect(c - b).toBeGreaterThanOrEqual(200);
      // The interval runs from the start of a cycle; the first request of a cycle leaves a few ms after it.
      if (poll > 0) expect(a - (times[poll * 3 - 3] as number)).toBeGreaterThanOrEqual(1_950);
    }
    const db = openDatabase(dbPath, { readonly: true });
    expect(db.sqlite.prepare(`select count(*) as reports from reports`).get()).toEqual({ reports: 0 });
    expect(db.sqlite.prepare(`select outcome, count(*) as n from fetches group by outcome`).all()).toEqual([{ outcome: 'http_error', n: times.length }]);
    await db.close();
  });

  it('takes a captcha page for what it is: no figures stored, an error event', async () => {
    const today = await clearOfMidnight();
    const site = await siteOf(today, { fault: (request) => (request.date === today ? 'captcha' : null) });
    const dbPath = join(tempDir(), 'captcha.db');
    const run = worker(dbPath, ['--sources', 'mod', '--no-history', '--window', '00:00-24:00'], { LOSSTALLY_MOD_BASE_URL: site.url });
    children.push(run);
    const failed = await run.waitFor((e) => e.event === 'report_failed');
    expect(failed).toMatchObject({
      level: 'error',
      source: 'mod',
      date: today,
      message: `mod.gov.ua blocked the request for ${today}: the site answered with a bot-protection page ("ShieldSquare Captcha"); nothing stored, try again later or use another source`,
    });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const db = openDatabase(dbPath, { readonly: true });
    expect(db.sqlite.prepare(`select count(*) as n from figures`).get()).toEqual({ n: 0 });
    expect(db.sqlite.prepare(`select outcome from fetches`).all()).toEqual([{ outcome: 'blocked' }]);
    await db.close();
  });

  it('stops within 2 s of a SIGTERM during a fetch that hangs, starts no other request, and logs no error', async () => {
    const today = await clearOfMidnight();
    const site = await siteOf(today, { fault: (request) => (request.source === 'mod' && request.date === today ? 'hang' : null) });
    const dbPath = join(tempDir(), 'hang.db');
    const run = worker(dbPath, ['--sources', 'mod,russianwarship', '--no-history', '--window', '00:00-24:00'], {
      LOSSTALLY_MOD_BASE_URL: site.url,
      LOSSTALLY_RUSSIANWARSHIP_BASE_URL: site.url,
    });
    children.push(run);
    for (let i = 0; i < 500 && !site.requests.some((r) => r.date === today); i++) await sleep(20);
    const requests = site.requests.length;
    const signalled = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2_000);
    expect(site.requests.length).toBe(requests);
    expect(run.events().map((e) => e.event)).toEqual(['worker_started', 'signal', 'cycle_done', 'worker_stopped']);
    expect(run.events().find((e) => e.event === 'cycle_done')).toMatchObject({ level: 'info', fetched: 0, stopped: true });
  });
});

describe('one worker per database', () => {
  it('refuses a second worker, by the database\'s own name, a symbolic link or a hard link', async () => {
    const today = await clearOfMidnight();
    const site = await siteOf(today);
    const dir = tempDir();
    const dbPath = join(dir, 'one.db');
    const first = worker(dbPath, ['--sources', 'mod', '--no-history', '--window', '00:00-24:00'], { LOSSTALLY_MOD_BASE_URL: site.url });
    children.push(first);
    await first.waitFor((e) => e.event === 'cycle_done');
    const link = join(dir, 'link.db');
    symlinkSync(dbPath, link);
    const locked = new RegExp(`^Error: another worker \\(pid ${first.child.pid}, started \\S+\\) already runs on ${dbPath}; stop it first, or remove ${dbPath}\\.worker\\.lock if it is not running\\n$`);
    for (const path of [dbPath, link]) {
      const second = await runCli(['worker', '--db', path, '--no-history'], { env: { LOSSTALLY_MOD_BASE_URL: site.url } });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(locked);
    }
    const hard = join(tempDir(), 'hard.db');
    linkSync(dbPath, hard);
    expect(await runCli(['worker', '--db', hard, '--no-history'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: ${hard} has 2 hard links: SQLite keeps a journal per name, so two names of one database can corrupt it; keep one name (a symbolic link is fine) and start the worker again\n`,
    });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('takes over the lock a crashed worker left behind', async () => {
    const today = await clearOfMidnight();
    const site = await siteOf(today);
    const dbPath = join(tempDir(), 'crashed.db');
    // A process id that no longer runs: a child that has exited.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('close', resolve));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dbPath}.worker.lock`, JSON.stringify({ pid: gone.pid, host: hostname(), startedAt: '2026-07-30T00:00:00.000Z' }));
    const run = worker(dbPath, ['--sources', 'mod', '--no-history'], { LOSSTALLY_MOD_BASE_URL: site.url });
    children.push(run);
    await run.waitFor((e) => e.event === 'cycle_done');
    expect(JSON.parse(readFileSync(`${dbPath}.worker.lock`, 'utf8'))).toMatchObject({ pid: run.child.pid });
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('exits 2 for a malformed window, interval, source list, schedule or time zone, and creates no database', async () => {
    const dbPath = join(tempDir(), 'bad.db');
    const error = async (...args: string[]) => {
      const result = await runCli(['worker', '--db', dbPath, ...args]);
      expect([result.code, result.stdout]).toEqual([2, '']);
      return result.stderr;
    };
    expect(await error('--window', '12-6')).toBe('Error: --window must be HH:MM-HH:MM in local time, such as 06:30-12:00; got "12-6"\n');
    expect(await error('--every', '2 sec')).toBe('Error: --every must be a time between polls of up to a day: minutes (20), or with a unit (30s, 20m, 1h); got "2 sec"\n');
    expect(await error('--sources', 'mod,text')).toBe('Error: --sources: "text" is not a source that can be fetched; choose from mod, milgov, kmu, minfin, russianwarship\n');
    expect(await error('--sources', 'mod,mod')).toBe('Error: --sources names mod twice\n');
    expect(await error('--base-url', 'http://127.0.0.1:1')).toBe(
      'Error: --base-url names one mirror and the worker follows mod, russianwarship; set LOSSTALLY_MOD_BASE_URL, LOSSTALLY_RUSSIANWARSHIP_BASE_URL instead\n',
    );
    expect(await error('--schedule', 'every morning')).toBe('Error: --schedule "every morning" is not a cron expression (for example "*/20 6-11 * * *")\n');
    expect(await error('--timezone', 'Mars/Olympus')).toBe('Error: --timezone "Mars/Olympus" is not a time zone (for example Europe/Kyiv)\n');
    expect(existsSync(dbPath)).toBe(false);
  });
});

describe('npm start and npx', () => {
  it('npm start brings in the history of an empty database, follows both sources, and stops when npm is stopped', async () => {
    const today = await clearOfMidnight();
    const site = await siteOf(today);
    const dbPath = join(tempDir(), 'start.db');
    const run = start('npm', ['start', '--', '--db', dbPath, '--window', '00:00-24:00', '--every', '2s'], {
      LOSSTALLY_MOD_BASE_URL: site.url,
      LOSSTALLY_RUSSIANWARSHIP_BASE_URL: site.url,
    });
    children.push(run);
    const started = await run.waitFor((e) => e.event === 'worker_started');
    expect(started).toMatchObject({ database: dbPath, empty: true, sources: 'mod,russianwarship', window: '00:00-24:00', every: '2 s', time_zone: 'Europe/Kyiv', history: 'pending', today });
    const history = await run.waitFor((e) => e.event === 'history_stored');
    expect(history).toMatchObject({ source: 'russianwarship', from: '2022-02-25', through: addDays(today, -1), stored: 29 });
    await run.waitFor((e) => e.event === 'report_stored' && e['source'] === 'mod');
    await run.waitFor((e) => e.event === 'report_stored' && e['source'] === 'russianwarship');
    const workerPid = started['pid'] as number;
    expect(existsSync(`${dbPath}.worker.lock`)).toBe(true);

    // npm does not pass the SIGTERM on: the worker notices that npm is gone.
    run.child.kill('SIGTERM');
    for (let i = 0; i < 150 && processRuns(workerPid); i++) await sleep(20);
    expect(processRuns(workerPid)).toBe(false);
    expect(existsSync(`${dbPath}.worker.lock`)).toBe(false);
    expect(run.events().slice(-2).map((e) => e.event)).toEqual(['parent_exited', 'worker_stopped']);
  });

  it('npx losstally serve stops when npx is stopped', async () => {
    const dbPath = join(tempDir(), 'serve.db');
    await runCli(['migrate', '--db', dbPath]);
    const child = spawn('npx', ['losstally', 'serve', '--db', dbPath, '--port', '0'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    for (let i = 0; i < 750 && !/serving (http:\S+)/.test(stdout); i++) await sleep(20);
    const url = /serving (http:\S+)/.exec(stdout)?.[1] as string;
    expect((await fetch(`${url}/api/categories`)).status).toBe(200);
    child.kill('SIGTERM');
    let refused = false;
    for (let i = 0; i < 150 && !refused; i++) {
      await sleep(20);
      refused = await fetch(`${url}/api/categories`).then(
        () => false,
        () => true,
      );
    }
    expect(refused).toBe(true);
  });
});
