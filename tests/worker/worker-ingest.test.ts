/**
 * The worker over a real database and a local mirror of mod.gov.ua, with an injected clock;
 * and the `losstally worker` process: start, lock, signals.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestReport } from '../../src/ingest/ingest.js';
import { modSource } from '../../src/sources/registry.js';
import { createWorker } from '../../src/worker/create.js';
import { createLogger } from '../../src/worker/log.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { createTestDb, tempDir, type TestDb } from '../helpers/db.js';
import { createTestFetcher, type TestFetcher } from '../helpers/fetcher.js';
import { startServer, type TestServer } from '../helpers/server.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/mod/${name}`, import.meta.url));
const modPath = (day: number) => `/news/bojovi-vtrati-voroga-na-${day}-lipnya-2026-roku`;
const POLICY = { start: 390, end: 720, everyMinutes: 20, timeZone: 'Europe/Kyiv' };

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
  it('after a three-day outage stores exactly the three missing days, then waits for the window', async () => {
    const clock = { now: new Date('2026-07-27T05:00:00Z') };
    await ingestReport({ db: db.kysely, fetcher: http.fetcher, now: () => clock.now }, { source: modSource, date: '2026-07-27', baseUrl: new URL(server.url) });
    clock.now = new Date('2026-07-31T02:00:00Z'); // 05:00 in Kyiv, before the window
    const lines: string[] = [];
    const worker = createWorker({
      db,
      http: http.http,
      fetcher: http.fetcher,
      source: modSource,
      baseUrl: new URL(server.url),
      now: () => clock.now,
      log: createLogger({ write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream, { json: true }),
      policy: POLICY,
      maxCatchUpDays: 30,
    });
    server.requests.length = 0;
    const cycle = await worker.runCycle();
    expect(cycle.outcomes.map((o) => [o.date, o.status])).toEqual([
      ['2026-07-28', 'stored'],
      ['2026-07-29', 'stored'],
      ['2026-07-30', 'stored'],
    ]);
    expect(server.requests).toEqual([modPath(28), modPath(29), modPath(30)]);
    expect(cycle.nextPollAt.toISOString()).toBe('2026-07-31T03:30:00.000Z');
    expect(db.sqlite.prepare('select report_date from reports order by report_date').all()).toEqual(
      ['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30'].map((report_date) => ({ report_date })),
    );

    clock.now = new Date('2026-07-31T03:30:00Z');
    const inWindow = await worker.runCycle();
    expect(inWindow.outcomes.map((o) => [o.date, o.status, o.retryable])).toEqual([['2026-07-31', 'not_published', true]]);
    expect(inWindow.nextPollAt.toISOString()).toBe('2026-07-31T03:50:00.000Z');
  });
});

function startWorker(dbPath: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'worker', '--db', dbPath], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const waitFor = async (text: string) => {
    for (let i = 0; i < 200 && !stdout.includes(text); i++) await new Promise((r) => setTimeout(r, 25));
    return stdout.includes(text);
  };
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

describe('losstally worker', () => {
  it('logs JSON lines, refuses a second worker on the same database, and exits 0 on SIGTERM', async () => {
    const dbPath = join(tempDir(), 'worker.db');
    const first = startWorker(dbPath, { LOSSTALLY_MOD_BASE_URL: server.url });
    expect(await first.waitFor('"event":"cycle_done"')).toBe(true);
    expect(existsSync(`${dbPath}.worker.lock`)).toBe(true);

    const second = await runCli(['worker', '--db', dbPath]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`^Error: another worker \\(pid ${first.child.pid}, started \\S+\\) already runs on ${dbPath}; stop it first, or remove ${dbPath}\\.worker\\.lock if it is not running\\n$`));

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const events = first.output().stdout.trim().split('\n').map((line) => JSON.parse(line).event);
    expect(events).toEqual(['worker_started', 'cycle_done', 'signal', 'worker_stopped']);
    expect(existsSync(`${dbPath}.worker.lock`)).toBe(false);
  });

  it('takes over the lock a crashed worker left behind', async () => {
    const dbPath = join(tempDir(), 'worker.db');
    // A process id that no longer runs: a child that has exited.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('close', resolve));
    writeFileSync(`${dbPath}.worker.lock`, JSON.stringify({ pid: gone.pid, host: (await import('node:os')).hostname(), startedAt: '2026-07-30T00:00:00.000Z' }));
    const worker = startWorker(dbPath, { LOSSTALLY_MOD_BASE_URL: server.url });
    expect(await worker.waitFor('"event":"cycle_done"')).toBe(true);
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);
  });

  it('exits 2 for a malformed window, schedule or time zone', async () => {
    const dbPath = join(tempDir(), 'worker.db');
    expect(await runCli(['worker', '--db', dbPath, '--window', '12-6'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: --window must be HH:MM-HH:MM in local time, such as 06:30-12:00; got "12-6"\n',
    });
    expect((await runCli(['worker', '--db', dbPath, '--schedule', 'every morning'])).stderr).toBe(
      'Error: --schedule "every morning" is not a cron expression (for example "*/20 6-11 * * *")\n',
    );
    expect((await runCli(['worker', '--db', dbPath, '--timezone', 'Mars/Olympus'])).stderr).toBe('Error: --timezone "Mars/Olympus" is not a time zone (for example Europe/Kyiv)\n');
    expect(existsSync(dbPath)).toBe(false);
  });
});
