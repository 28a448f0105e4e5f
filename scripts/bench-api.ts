/**
 * The figures of `losstally serve` in `npm run bench` (`npm run bench -- api`): the real command
 * line in a process of its own, on a database of the synthetic history imported by the real
 * `losstally import`.
 *
 * - Requests per second of `/api/latest` and `/api/series?category=tanks` under autocannon (20
 *   connections, a fixed number of requests), against a bare node:http server answering the same
 *   bytes from a process of its own, loaded by the same client in turns.
 * - The slowest of ten concurrent `/export.csv` downloads of the whole history against one alone,
 *   right after a new report (the answer is not in memory yet: it is read from the database once
 *   for all ten) and from memory, beside a bare node:http server sending the same bytes.
 *
 * Every new report is written by another process (`losstally import` of the next day), and the
 * bench checks that the next request sees it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchResult as Result } from './bench-report.js';
import { longCsv, syntheticHistory, type SyntheticDay } from './synthetic.js';

const BIN = fileURLToPath(new URL('../bin/main.cjs', import.meta.url));
const FIXED_BODY_SERVER = fileURLToPath(new URL('./fixed-body-server.js', import.meta.url));
/** The synthetic history may run past today, and no report is stored with a date after tomorrow. */
const CLOCK = '2100-01-01T00:00:00Z,1';
const CONNECTIONS = 20;
const REQUESTS = 20_000;
const LOAD_ROUNDS = 3;
const EXPORT_ROUNDS = 5;
const CONCURRENT_EXPORTS = 10;
const API_PATHS = ['/api/latest', '/api/series?category=tanks'] as const;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface Running {
  readonly url: string;
  stop(): void;
}

/** Starts a server process and resolves with the URL of its first line, `serving URL …`. */
async function startServer(args: readonly string[]): Promise<Running> {
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<never>((_resolve, reject) => child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code} before serving`))));
  const first = await Promise.race([new Promise<string>((resolve) => lines.once('line', resolve)), exited]);
  lines.close();
  const url = /^serving (\S+)/.exec(first)?.[1];
  if (url === undefined) throw new Error(`${args.join(' ')} printed "${first}", not "serving URL"`);
  return { url, stop: () => child.kill() };
}

/** Stores a long CSV of `days` with the real command line, in a process of its own, as source `long-csv:history.csv`. */
function importDays(days: readonly SyntheticDay[], folder: string, db: string): void {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'history.csv');
  writeFileSync(file, longCsv(days));
  const child = spawnSync(process.execPath, [BIN, 'import', file, '--db', db], { encoding: 'utf8', env: { ...process.env, LOSSTALLY_TEST_CLOCK: CLOCK } });
  if (child.status !== 0) throw new Error(`losstally import ${file} exited ${child.status}: ${child.stderr}`);
}

async function fetchOk(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Requests per second of `amount` requests over CONNECTIONS connections; every answer must be a
 * 200. autocannon notices the last answer at its next sample, so it samples every 10 ms, not
 * every second: the run's duration is then exact to within 1 %.
 */
async function requestsPerSecond(url: string, amount: number): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, amount, sampleInt: 10 });
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`${url}: ${result.errors} errors and ${result.non2xx} answers other than 2xx under load`);
  return result['2xx'] / ((result.finish.getTime() - result.start.getTime()) / 1000);
}

async function benchRequests(serve: Running, path: string, dir: string): Promise<Result> {
  const body = await fetchOk(`${serve.url}${path}`);
  const file = join(dir, `fixed-body-${body.length}.json`);
  writeFileSync(file, body);
  const bare = await startServer([FIXED_BODY_SERVER, file]);
  try {
    // Warm both (the JIT, and our answer into memory), then load them in turns.
    await requestsPerSecond(`${bare.url}${path}`, REQUESTS / 10);
    await requestsPerSecond(`${serve.url}${path}`, REQUESTS / 10);
    const ours: number[] = [];
    const base: number[] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      base.push(await requestsPerSecond(`${bare.url}${path}`, REQUESTS));
      ours.push(await requestsPerSecond(`${serve.url}${path}`, REQUESTS));
    }
    const value = median(ours);
    const baselineValue = median(base);
    const ratio = value / baselineValue;
    return {
      name: `GET ${path} (${(body.length / 1024).toFixed(1)} KiB) under autocannon, ${CONNECTIONS} connections, ${REQUESTS} requests`,
      measured: `${value.toFixed(0)} requests/s`,
      baseline: `bare node:http, the same bytes, ${baselineValue.toFixed(0)} requests/s`,
      ratio,
      target: '≥ 0.5×',
      met: ratio >= 0.5,
      unit: 'requests/s',
      value,
      baselineValue,
    };
  } finally {
    bare.stop();
  }
}

/** Milliseconds until the whole answer of each of `count` concurrent downloads has arrived. */
async function downloads(url: string, count: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const start = performance.now();
      await fetchOk(url);
      return performance.now() - start;
    }),
  );
}

interface ExportTimes {
  readonly one: number;
  readonly ten: number;
}

/** One download alone, then the slowest of CONCURRENT_EXPORTS at once, each after `prepare`. */
async function aloneAndTogether(url: string, prepare: () => Promise<unknown>): Promise<ExportTimes> {
  await prepare();
  const [one] = await downloads(url, 1);
  await prepare();
  return { one: one as number, ten: Math.max(...(await downloads(url, CONCURRENT_EXPORTS))) };
}

function medianTimes(rounds: readonly ExportTimes[]): ExportTimes {
  return { one: median(rounds.map((r) => r.one)), ten: median(rounds.map((r) => r.ten)) };
}

function exportResult(name: string, times: ExportTimes): Result {
  const ratio = times.ten / times.one;
  return {
    name,
    measured: `${times.ten.toFixed(0)} ms`,
    baseline: `one alone ${times.one.toFixed(0)} ms`,
    ratio,
    target: 'each ≤ 2×',
    met: ratio <= 2,
    unit: 'ms',
    value: times.ten,
    baselineValue: times.one,
  };
}

/**
 * Right after a new report, when the export has to be read from the database, and from memory,
 * beside a bare node:http server sending the same bytes: from memory, ten downloads on loopback
 * are bound by moving ten times the bytes through one client, whatever the server.
 */
async function benchExports(serve: Running, nextReport: () => Promise<void>, dir: string): Promise<Result[]> {
  const url = `${serve.url}/export.csv`;
  const body = await fetchOk(url);
  const file = join(dir, 'fixed-body-export.csv');
  writeFileSync(file, body);
  const bare = await startServer([FIXED_BODY_SERVER, file]);
  const rounds = { fresh: [] as ExportTimes[], kept: [] as ExportTimes[], bare: [] as ExportTimes[] };
  try {
    // In turns, so that the three meet the same state of the machine.
    for (let round = 0; round < EXPORT_ROUNDS; round++) {
      rounds.fresh.push(await aloneAndTogether(url, nextReport));
      rounds.kept.push(await aloneAndTogether(url, () => fetchOk(url)));
      rounds.bare.push(await aloneAndTogether(bare.url, () => fetchOk(bare.url)));
    }
  } finally {
    bare.stop();
  }
  const [fresh, kept, bareTimes] = [medianTimes(rounds.fresh), medianTimes(rounds.kept), medianTimes(rounds.bare)];
  const what = `${CONCURRENT_EXPORTS} concurrent GET /export.csv (the whole history, ${(body.length / 2 ** 20).toFixed(1)} MiB), the slowest`;
  return [
    exportResult(`${what}, right after a new report`, fresh),
    {
      // From memory, one download alone takes a few ms and ten are bound by moving ten times the
      // bytes through one client on loopback: the fair baseline is a bare server sending them.
      name: `${what}, from memory`,
      measured: `${kept.ten.toFixed(0)} ms (one alone ${kept.one.toFixed(0)} ms)`,
      baseline: `bare node:http sending the same bytes to ten at once ${bareTimes.ten.toFixed(0)} ms (one alone ${bareTimes.one.toFixed(0)} ms)`,
      ratio: kept.ten / bareTimes.ten,
      target: '≤ 2× the bare server',
      met: kept.ten / bareTimes.ten <= 2,
      unit: 'ms',
      value: kept.ten,
      baselineValue: bareTimes.ten,
    },
  ];
}

export async function benchApi(history: readonly SyntheticDay[], dir: string): Promise<Result[]> {
  const db = join(dir, 'api.db');
  importDays(history, join(dir, 'api'), db);
  const later = syntheticHistory(history.length + 2 * EXPORT_ROUNDS).slice(history.length);
  const serve = await startServer([BIN, 'serve', '--port', '0', '--db', db]);
  /** Another process stores the next day's report, and the next request must see it. */
  const nextReport = async (): Promise<void> => {
    const day = later.shift();
    if (day === undefined) throw new Error('no synthetic day left for a new report');
    importDays([day], join(dir, `api-${day.date}`), db);
    const latest = JSON.parse((await fetchOk(`${serve.url}/api/latest`)).toString()) as { date: string };
    if (latest.date !== day.date) throw new Error(`after a new report of ${day.date}, /api/latest answered ${latest.date}`);
  };
  try {
    const results: Result[] = [];
    for (const path of API_PATHS) results.push(await benchRequests(serve, path, dir));
    results.push(...(await benchExports(serve, nextReport, dir)));
    return results;
  } finally {
    serve.stop();
  }
}
