/**
 * The worker over a real database and a local mirror of mod.gov.ua, on a clock that moves;
 * and `losstally worker` run in-process, as a person at a terminal sees it start.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWorkerCommand, type WorkerOptions } from '../../src/cli/commands/worker.js';
import type { CommandContext } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config.js';
import { addDays, kyivDate } from '../../src/dates.js';
import { ingestReport } from '../../src/ingest/ingest.js';
import { modSource } from '../../src/sources/registry.js';
import { createWorker } from '../../src/worker/create.js';
import { createLogger } from '../../src/worker/log.js';
import { startSyntheticSite, type SyntheticSite } from '../../scripts/synthetic-site.js';
import { syntheticHistory } from '../../scripts/synthetic.js';
import { movingClock } from '../helpers/clock.js';
import { createTestDb, tempDir, type TestDb } from '../helpers/db.js';
import { createTestFetcher, type TestFetcher } from '../helpers/fetcher.js';
import { startServer, type TestServer } from '../helpers/server.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/mod/${name}`, import.meta.url));
const modPath = (day: number) => `/news/boiovi-vtraty-voroha-na-${day}-lypnia-2026-roku`;
const POLICY = { start: 390, end: 720, everyMs: 20 * 60_000, timeZone: 'Europe/Kyiv' };

let db: TestDb;
let server: TestServer;
let http: TestFetcher;
beforeEach(async () => {
  db = await createTestDb();
  server = await startServer(Object.fromEntries([27, 28, 29, 30].map((day) => [modPath(day), { body: fixture(`2026-07-${day}.html`) }])));
  http = createTestFetcher();
});
afterEach(async () => {
  await http.close();
  await server.close();
  await db.dispose();
});

describe('the worker on a real database', () => {
  it('after a three-day outage stores exactly the three missing days, then polls in the window', async () => {
    const clock = movingClock('2026-07-27T05:00:00Z');
    await ingestReport({ db: db.kysely, fetcher: http.fetcher, now: () => clock.now() }, { source: modSource, date: '2026-07-27', baseUrl: new URL(server.url) });
    clock.set('2026-07-31T02:00:00Z'); // 05:00 in Kyiv, before the window
    const worker = createWorker({
      db,
      http: http.http,
      fetcher: http.fetcher,
      sources: [modSource],
      baseUrls: { mod: new URL(server.url) },
      now: () => clock.now(),
      log: createLogger({ write: () => true } as unknown as NodeJS.WritableStream, { json: true }),
      policy: POLICY,
      maxCatchUpDays: 30,
    });
    server.requests.length = 0;
    const cycle = await worker.runCycle();
    expect(cycle.outcomes.map((o) => [o.source, o.date, o.status])).toEqual([
      ['mod', '2026-07-28', 'stored'],
      ['mod', '2026-07-29', 'stored'],
      ['mod', '2026-07-30', 'stored'],
    ]);
    expect(server.requests).toEqual([modPath(28), modPath(29), modPath(30)]);
    expect(cycle.nextWakeAt.toISOString()).toBe('2026-07-31T03:30:00.000Z');
    expect(db.sqlite.prepare('select report_date from reports order by report_date').all()).toEqual(
      ['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30'].map((report_date) => ({ report_date })),
    );
    expect(JSON.parse((db.sqlite.prepare(`select value from worker_state where key = 'last_cycle'`).get() as { value: string }).value)).toEqual({
      at: '2026-07-31T02:00:00.000Z',
      fetched: 3,
      failed: 0,
      nextWakeAt: '2026-07-31T03:30:00.000Z',
    });

    clock.set('2026-07-31T03:30:00Z');
    const inWindow = await worker.runCycle();
    expect(inWindow.outcomes.map((o) => [o.date, o.status, o.retryable])).toEqual([['2026-07-31', 'not_published', true]]);
    expect(inWindow.nextWakeAt.toISOString()).toBe('2026-07-31T03:50:00.000Z');
  });
});

describe('losstally worker at a terminal', () => {
  let site: SyntheticSite;
  const today = kyivDate(new Date());
  afterEach(async () => site?.close());

  async function runAtTerminal(options: Partial<WorkerOptions>, until: (stdout: string) => boolean) {
    const days = syntheticHistory(60, addDays(today, -59));
    site = await startSyntheticSite({ days });
    const dbPath = join(tempDir(), 'terminal.db');
    let stdout = '';
    let stderr = '';
    const context: CommandContext = {
      config: loadConfig({ LOSSTALLY_MOD_BASE_URL: site.url, LOSSTALLY_RUSSIANWARSHIP_BASE_URL: site.url, LOSSTALLY_MIN_SPACING_MS: '1', LOSSTALLY_DB: dbPath }),
      dbPath,
      now: () => new Date(),
      stdout: { write: (text: string) => ((stdout += text), true) } as unknown as NodeJS.WritableStream,
      stderr: { write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WritableStream,
      stdoutIsTty: true,
      stderrIsTty: false,
    };
    const signals = new EventEmitter();
    const options_: WorkerOptions = { timezone: 'Europe/Kyiv', window: '00:00-24:00', every: '20', sources: 'mod,russianwarship', catchUpDays: '30', history: true, ...options };
    const exit = runWorkerCommand(context, options_, signals);
    for (let i = 0; i < 400 && !until(stdout); i++) await sleep(25);
    signals.emit('SIGTERM');
    return { code: await exit, stdout, stderr, dbPath };
  }

  it('says where the database is and what it does next, then brings in the history and follows the sources', async () => {
    const run = await runAtTerminal({}, (out) => (out.match(/report_stored/g) ?? []).length >= 2);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `losstally worker: database ${run.dbPath} (empty)`,
      "following mod.gov.ua, russianwarship.rip: today's report every 20 min from 00:00 to 24:00 Europe/Kyiv time, until each has it",
      `next: first the whole history from russianwarship.rip (2022-02-25 to yesterday, a few dozen requests), then today's report (${today})`,
      'Ctrl-C stops it (after the transaction in progress).',
    ]);
    const events = lines.slice(4).map((line) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (\w+) +(\w+)/.exec(line)?.slice(1, 3).join(' ')).filter(Boolean);
    expect(events).toEqual(['info history_stored', 'info report_stored', 'info report_stored', 'info cycle_done', 'info signal', 'info worker_stopped']);
    expect(run.stdout).toContain(`history_stored source=russianwarship from=2022-02-25 through=${addDays(today, -1)} stored=59 not_found=`);
    expect(run.stdout).toMatch(new RegExp(`report_stored source=mod date=${today} message="stored revision 1, 15 figures"`));
    expect(run.stdout).toMatch(new RegExp(`report_stored source=russianwarship date=${today} message="stored revision 1, 14 figures"`));
  });

  it('on a database that holds reports, says it catches up first', async () => {
    const first = await runAtTerminal({ history: false }, (out) => out.includes('cycle_done'));
    expect(first.stdout.split('\n').slice(0, 3)).toEqual([
      `losstally worker: database ${first.dbPath} (empty)`,
      "following mod.gov.ua, russianwarship.rip: today's report every 20 min from 00:00 to 24:00 Europe/Kyiv time, until each has it",
      `next: first the days missed since the last stored report, then today's report (${today})`,
    ]);
  });
});
