/**
 * `kill -9` at any moment leaves a sound database: integrity_check ok, every report whole (or
 * absent), and a rerun that completes the work with no duplicates. The killed process is a real
 * `losstally import` of a long history, killed after a different delay each time.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

const DAYS = 900;
const CATEGORIES = ['personnel', 'tanks', 'afv', 'artillery', 'mlrs', 'air_defense', 'aircraft', 'helicopters', 'uav', 'cruise_missiles', 'ships', 'submarines', 'vehicles_fuel', 'special_equipment', 'ground_robots'];

function history(path: string): void {
  const lines = ['date,category,total,delta'];
  for (let day = 0; day < DAYS; day++) {
    const date = addDays('2023-09-14', day);
    CATEGORIES.forEach((category, i) => lines.push(`${date},${category},${(day + 1) * (i + 3)},${i + 3}`));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Starts an import and kills it with SIGKILL after `afterMs`; resolves when it is gone. */
function importKilledAfter(file: string, db: string, afterMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'import', file, '--db', db], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function inspect(db: string) {
  // Killed before it created the database: nothing to inspect, nothing damaged.
  if (!existsSync(db)) return { integrity: 'ok', reports: 0, partial: 0, duplicates: 0 };
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    // Killed before the first migration committed: an empty database, nothing damaged.
    if (!sqlite.prepare("select 1 from sqlite_master where name = 'reports'").get()) {
      return { integrity: sqlite.pragma('integrity_check', { simple: true }), reports: 0, partial: 0, duplicates: 0 };
    }
    return {
      integrity: sqlite.pragma('integrity_check', { simple: true }),
      reports: (sqlite.prepare('select count(*) as n from reports').get() as { n: number }).n,
      partial: (sqlite.prepare('select count(*) as n from reports r where (select count(*) from figures f where f.report_id = r.id) <> 15').get() as { n: number }).n,
      duplicates: (sqlite.prepare('select count(*) as n from (select source, report_date from reports group by source, report_date having count(*) > 1)').get() as { n: number }).n,
    };
  } finally {
    sqlite.close();
  }
}

describe('kill -9 at a random moment', () => {
  it('never leaves a damaged database, a partial report or duplicates', async () => {
    const dir = tempDir();
    const file = join(dir, 'history.csv');
    const db = join(dir, 'killed.db');
    history(file);
    // Deterministic spread of kill moments, from before the database opens to near the end.
    const delays = [40, 120, 200, 280, 360, 450, 540, 650, 760, 880, 1000, 1150];
    let completed = 0;
    for (const delay of delays) {
      const code = await importKilledAfter(file, db, delay);
      if (code === 0) completed += 1;
      const state = inspect(db);
      expect(state.integrity).toBe('ok');
      expect(state.partial).toBe(0);
      expect(state.duplicates).toBe(0);
      // One import is one transaction: all of it or none of it.
      expect([0, DAYS]).toContain(state.reports);
    }
    const rerun = await runCli(['import', file, '--db', db]);
    expect(rerun.code).toBe(0);
    expect(inspect(db)).toEqual({ integrity: 'ok', reports: DAYS, partial: 0, duplicates: 0 });
    // The kills landed at different moments: at least one import was cut short.
    expect(completed).toBeLessThan(delays.length);
  }, 120_000);
});

describe('kill -9 of a backfill halfway', () => {
  it('leaves a sound database and a rerun completes the rest with no duplicates', async () => {
    const { modPage, syntheticHistory } = await import('../../scripts/synthetic.js');
    const { modUrlsFor } = await import('../../src/sources/mod/urls.js');
    const { startServer } = await import('../helpers/server.js');
    const days = syntheticHistory(300);
    const pages = new Map(days.map((day) => [new URL(modUrlsFor(day.date)[0] as string).pathname, modPage(day)]));
    const server = await startServer();
    for (const [path, body] of pages) {
      server.set(path, (_req, res) => {
        // A little latency per page, so the kill lands in the middle of the run.
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(body);
        }, 5);
      });
    }
    const dir = tempDir();
    const db = join(dir, 'backfill.db');
    const env = { LOSSTALLY_HOST_CONCURRENCY: '4', LOSSTALLY_MIN_SPACING_MS: '1' };
    const args = ['backfill', '--from', days[0]?.date as string, '--to', days[days.length - 1]?.date as string, '--base-url', server.url, '--db', db];
    try {
      for (const delay of [150, 600, 1200]) {
        await new Promise<void>((resolve) => {
          const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '', ...env } });
          const timer = setTimeout(() => child.kill('SIGKILL'), delay);
          child.on('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        const state = inspect(db);
        expect([state.integrity, state.partial, state.duplicates]).toEqual(['ok', 0, 0]);
      }
      const rerun = await runCli(args, { env });
      expect(rerun.code).toBe(0);
      expect(rerun.stdout.split('\n')[0]).toMatch(/^backfill mod 2022-02-25 … 2022-12-21: \d+ days fetched, \d+ already stored; \d+ stored, 0 unchanged, 0 not found, 0 failed \(\d+\.\d s\)$/);
      expect(inspect(db)).toEqual({ integrity: 'ok', reports: 300, partial: 0, duplicates: 0 });
      const again = await runCli(args, { env });
      expect(again.stdout.split('\n')[0]).toMatch(/^backfill mod 2022-02-25 … 2022-12-21: 0 days fetched, 300 already stored; 0 stored/);
    } finally {
      await server.close();
    }
  }, 120_000);
});
