/**
 * `npm run soak`: the worker process, as `losstally worker` runs it, for ten minutes of wall
 * time on a clock 720 times faster than real time (LOSSTALLY_TEST_CLOCK), so that five days of
 * schedule pass: a local site publishes each day's report of mod.gov.ua and russianwarship.rip
 * at a random moment inside the window, with a burst of 503s, a captcha answer and a report
 * with a typo among them. Then it checks that every day was stored once, that the typo has its
 * finding, that no request fell outside the schedule, and that memory stayed flat, and prints
 * the figures. Exit 0 when every check holds.
 *
 *   npm run soak                 ten minutes, five days
 *   npm run soak -- --minutes 4  a shorter run (two days; the faults of later days are left out)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { addDays, KYIV_TIME_ZONE } from '../src/dates.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createHttpClient } from '../src/http/client.js';
import { createPoliteFetcher } from '../src/http/polite.js';
import { ingestReport } from '../src/ingest/ingest.js';
import { modSource, russianwarshipSource } from '../src/sources/registry.js';
import { scaledClock } from '../src/worker/clock.js';
import { localTime, zonedInstant } from '../src/worker/schedule.js';
import { startSyntheticSite, type SiteRequest, type SiteSource } from './synthetic-site.js';
import { seededRandom, syntheticHistory, type SyntheticDay } from './synthetic.js';

const SPEED = 720;
const WINDOW = { start: 6 * 60 + 30, end: 12 * 60 };
const EVERY_MINUTES = 20;
/** A poll that starts just before the window ends may retry a few seconds past it. */
const RETRY_GRACE_MIN = 2;
const FIRST_DAY = '2026-08-03';
const SOURCES: readonly SiteSource[] = ['mod', 'russianwarship'];
const MAIN = fileURLToPath(new URL('../bin/main.cjs', import.meta.url));

const minutes = Number(process.argv[process.argv.indexOf('--minutes') + 1] ?? 10) || 10;
const days = Math.max(1, Math.floor((minutes * 60_000 * SPEED) / 86_400_000));
const followed = Array.from({ length: days }, (_, i) => addDays(FIRST_DAY, i));

// The site: a week before the first day is out already; each followed day comes out at a random moment of the window.
const history = syntheticHistory(7 + days, addDays(FIRST_DAY, -7));
const random = seededRandom(20260803);
const publishAt = new Map<string, Date>();
for (const date of followed) {
  for (const source of SOURCES) {
    const minute = WINDOW.start + Math.floor(random() * (WINDOW.end - WINDOW.start - 30));
    publishAt.set(`${source} ${date}`, zonedInstant(date, minute, KYIV_TIME_ZONE));
  }
}
const at = (date: string, hhmm: string) => zonedInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), KYIV_TIME_ZONE);
// The faults, on the second, third and fourth days when the run has them.
const burstDay = followed[1];
const burst = burstDay ? { from: at(burstDay, '07:00'), to: at(burstDay, '08:30') } : null;
const captchaDay = followed[2];
const typoDay = followed[3];
let captchaAnswered = false;

function faultFor(request: SiteRequest) {
  if (request.source !== 'mod') return null;
  if (burst && request.at >= burst.from && request.at < burst.to) return { status: 503, body: 'Service Unavailable', headers: { 'retry-after': '120' } };
  const published = request.date ? publishAt.get(`mod ${request.date}`) : undefined;
  if (request.date === captchaDay && published && request.at >= published && !captchaAnswered) {
    captchaAnswered = true;
    return 'captcha' as const;
  }
  return null;
}

/** The typo: the tanks total of the fourth day with its last two digits swapped. */
function withTypo(source: SiteSource, day: SyntheticDay): SyntheticDay {
  if (source !== 'mod' || day.date !== typoDay) return day;
  return {
    ...day,
    figures: day.figures.map((f) => {
      if (f.category !== 'tanks') return f;
      const text = String(f.total);
      const swapped = text.slice(0, -2) + (text.at(-1) ?? '') + (text.at(-2) ?? '');
      return { ...f, total: swapped === text ? f.total + 9 : Number(swapped) };
    }),
  };
}

function rssMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const hhmm = (instant: Date | undefined) => {
  if (!instant) return '-';
  const { minutes: m } = localTime(instant, KYIV_TIME_ZONE);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

async function main(): Promise<number> {
  const start = zonedInstant(FIRST_DAY, 0, KYIV_TIME_ZONE);
  const wallStart = Date.now() + 3_000; // the seeding below takes well under 3 s
  const clock = scaledClock(start, SPEED, wallStart);
  const published = (source: SiteSource, date: string, when: Date) => {
    const moment = publishAt.get(`${source} ${date}`);
    return moment === undefined ? date < FIRST_DAY : when >= moment;
  };
  const site = await startSyntheticSite({ days: history, now: () => (Date.now() < wallStart ? start : clock.now()), published, fault: faultFor, edit: withTypo });

  // A database that has the week before the first day from both sources.
  const dir = mkdtempSync(join(tmpdir(), 'losstally-soak-'));
  const dbPath = join(dir, 'soak.db');
  const db = openDatabase(dbPath);
  await migrateToLatest(db.kysely);
  const http = createHttpClient({ userAgent: 'losstally-soak', connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, totalTimeoutMs: 5000, maxBodyBytes: 1_000_000 });
  const fetcher = createPoliteFetcher(http, { maxAttempts: 1, minSpacingMs: 0 });
  for (const day of history.filter((d) => d.date < FIRST_DAY)) {
    for (const source of [modSource, russianwarshipSource]) {
      await ingestReport({ db: db.kysely, fetcher, now: () => new Date(`${day.date}T09:00:00Z`) }, { source, date: day.date, baseUrl: new URL(site.url) });
    }
  }
  await http.close();
  await db.close();
  site.requests.length = 0;
  await sleep(Math.max(0, wallStart - Date.now()));

  process.stdout.write(`soak: ${days} day(s) (${followed[0]} … ${followed.at(-1)}) at ${SPEED}× in ${minutes} min of wall time; worker following ${SOURCES.join(', ')}, window 06:30-12:00, every ${EVERY_MINUTES} min\n`);
  const child = spawn(process.execPath, [MAIN, 'worker', '--db', dbPath, '--sources', SOURCES.join(','), '--no-history', '--window', '06:30-12:00', '--every', String(EVERY_MINUTES)], {
    cwd: dirname(MAIN),
    env: {
      PATH: process.env['PATH'] ?? '',
      LOSSTALLY_TEST_CLOCK: `${start.toISOString()},${SPEED},${wallStart}`,
      LOSSTALLY_MOD_BASE_URL: site.url,
      LOSSTALLY_RUSSIANWARSHIP_BASE_URL: site.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  // Memory: the worker's resident set, sampled every second; the figure after the first day and at the end.
  const endOfFirstDay = zonedInstant(addDays(FIRST_DAY, 1), 0, KYIV_TIME_ZONE);
  const end = zonedInstant(addDays(FIRST_DAY, days), 0, KYIV_TIME_ZONE);
  let rssAfterFirstDay: number | null = null;
  let rssEnd: number | null = null;
  let rssPeak = 0;
  let lastDay = '';
  while (clock.now() < end && child.exitCode === null) {
    await sleep(1_000);
    const rss = rssMiB(child.pid as number);
    if (rss !== null) {
      rssPeak = Math.max(rssPeak, rss);
      rssEnd = rss;
      if (rssAfterFirstDay === null && clock.now() >= endOfFirstDay) rssAfterFirstDay = rss;
    }
    const today = localTime(clock.now(), KYIV_TIME_ZONE).date;
    if (today !== lastDay) {
      lastDay = today;
      process.stdout.write(`  ${today} (wall ${Math.round((Date.now() - wallStart) / 1000)} s, RSS ${rss?.toFixed(1) ?? '?'} MiB)\n`);
    }
  }
  child.kill('SIGTERM');
  const code = await exited;
  await site.close();

  // What happened, from the worker's log, the site's requests and the database.
  const events = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { time: string; level: string; event: string; source?: string; date?: string; message?: string });
  const checked = openDatabase(dbPath, { readonly: true });
  const reports = checked.sqlite
    .prepare(`select source, report_date as date, count(*) as n, max(revision) as revision from reports where report_date >= ? group by source, report_date`)
    .all(FIRST_DAY) as { source: string; date: string; n: number; revision: number }[];
  const typoFindings = typoDay
    ? (checked.sqlite.prepare(`select kind, category, detail from findings where source = 'mod' and report_date = ? and kind = 'delta_mismatch'`).all(typoDay) as { kind: string; category: string; detail: string }[])
    : [];
  const blocked = (checked.sqlite.prepare(`select count(*) as n from fetches where outcome = 'blocked'`).get() as { n: number }).n;
  const failedFetches = (checked.sqlite.prepare(`select count(*) as n from fetches where outcome = 'http_error' and report_date >= ?`).get(FIRST_DAY) as { n: number }).n;
  await checked.close();

  const problems: string[] = [];
  const rows = [['day', 'source', 'published', 'stored', 'polls', 'waited']];
  for (const date of followed) {
    for (const source of SOURCES) {
      const key = `${source} ${date}`;
      const storedEvent = events.find((e) => e.event === 'report_stored' && e.source === source && e.date === date);
      const storedAt = storedEvent ? new Date(storedEvent.time) : undefined;
      const polls = events.filter((e) => e.event.startsWith('report_') && e.source === source && e.date === date).length;
      const publishedAt = publishAt.get(key) as Date;
      const waited = storedAt ? Math.round((storedAt.getTime() - publishedAt.getTime()) / 60_000) : null;
      rows.push([date, source, hhmm(publishedAt), hhmm(storedAt), String(polls), waited === null ? '-' : `${waited} min`]);
      const stored = reports.filter((r) => r.source === source && r.date === date);
      if (stored.length !== 1 || stored[0]?.n !== 1 || stored[0]?.revision !== 1) problems.push(`${key}: ${stored[0]?.n ?? 0} report(s) stored, expected exactly one`);
      const faulted = (date === burstDay || date === captchaDay) && source === 'mod';
      if (waited !== null && !faulted && waited > EVERY_MINUTES + 2) problems.push(`${key}: stored ${waited} min after publication, more than one interval`);
      const after = site.requests.filter((r) => r.source === source && r.date === date && storedAt && r.at > storedAt);
      if (after.length > 0) problems.push(`${key}: ${after.length} request(s) after the day was stored`);
    }
  }
  const outside = site.requests.filter((r) => {
    const { minutes: m } = localTime(r.at, KYIV_TIME_ZONE);
    return m < WINDOW.start || m >= WINDOW.end + RETRY_GRACE_MIN || r.date !== localTime(r.at, KYIV_TIME_ZONE).date;
  });
  if (outside.length > 0) problems.push(`${outside.length} request(s) outside the schedule, first ${outside[0]?.path} at ${outside[0]?.at.toISOString()}`);
  if (typoDay && typoFindings.length === 0) problems.push(`${typoDay}: the typo in the tanks total has no delta_mismatch finding`);
  if (captchaDay && blocked !== 1) problems.push(`${captchaDay}: ${blocked} blocked fetch(es) recorded, expected the one captcha answer`);
  if (burstDay && failedFetches === 0) problems.push(`${burstDay}: the 503 burst left no failed fetch`);
  const unexpected = events.filter((e) => e.level === 'error' && !(e.event === 'report_failed' && e.source === 'mod' && (e.date === burstDay || e.date === captchaDay)));
  if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected error event(s), first: ${JSON.stringify(unexpected[0])}`);
  if (code !== 0) problems.push(`the worker exited with ${code} on SIGTERM (stderr: ${stderr.trim() || 'empty'})`);
  const growth = rssAfterFirstDay && rssEnd ? rssEnd / rssAfterFirstDay : null;
  if (days > 1 && (growth === null || growth > 1.2)) problems.push(`memory grew from ${rssAfterFirstDay?.toFixed(1)} MiB after the first day to ${rssEnd?.toFixed(1)} MiB at the end (limit 1.20×)`);

  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) process.stdout.write(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`);
  const perDay = (site.requests.length / days).toFixed(1);
  process.stdout.write(`requests: ${site.requests.length} in all (${perDay} a day), ${outside.length} outside the window (06:30-12:00 Kyiv, retries up to ${RETRY_GRACE_MIN} min past its end)\n`);
  if (burstDay) process.stdout.write(`503 burst: mod on ${burstDay} 07:00-08:30 Kyiv, ${failedFetches} attempt(s) answered 503 (each recorded), the day stored at ${hhmm(new Date(events.find((e) => e.event === 'report_stored' && e.source === 'mod' && e.date === burstDay)?.time ?? NaN))}\n`);
  if (captchaDay) process.stdout.write(`captcha: mod on ${captchaDay}, ${blocked} blocked answer recorded, nothing stored from it\n`);
  if (typoDay) process.stdout.write(`typo: mod tanks total on ${typoDay}: ${typoFindings[0]?.detail ?? 'NO FINDING'}\n`);
  process.stdout.write(`memory: RSS ${rssAfterFirstDay?.toFixed(1) ?? '?'} MiB after the first day, ${rssEnd?.toFixed(1) ?? '?'} MiB at the end (${growth?.toFixed(2) ?? '?'}×, limit 1.20×), peak ${rssPeak.toFixed(1)} MiB\n`);
  process.stdout.write(
    JSON.stringify({ days, speed: SPEED, wallMinutes: minutes, requests: site.requests.length, outsideWindow: outside.length, rssAfterFirstDayMiB: rssAfterFirstDay, rssEndMiB: rssEnd, rssPeakMiB: rssPeak, problems }) + '\n',
  );
  if (problems.length > 0) {
    for (const problem of problems) process.stdout.write(`FAILED: ${problem}\n`);
    process.stdout.write(`database kept at ${dbPath}\n`);
    return 1;
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write('soak: every check passed\n');
  return 0;
}

process.exitCode = await main();
