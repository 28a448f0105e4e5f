/**
 * `npm run bench`: the performance figures of DESIGN.md, each as a ratio to a baseline measured
 * in the same run on the same machine, from inputs this script builds itself (a synthetic
 * history of 1,700 days × 15 categories and the mod.gov.ua pages for it). Prints a table, then
 * the same as JSON. `npm run bench -- import-memory export` measures only the figures named
 * (parse, import, backfill, export, import-memory, start-up, corpus; start-up needs backfill);
 * a whole run also writes bench/results.json and the README's table from it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { load } from 'cheerio';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createHttpClient } from '../src/http/client.js';
import { createPoliteFetcher } from '../src/http/polite.js';
import { backfill } from '../src/ingest/backfill.js';
import { importPath } from '../src/ingest/import.js';
import { SOURCES } from '../src/sources/registry.js';
import { longCsv, modPage, syntheticHistory, type SyntheticDay } from './synthetic.js';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { checkExportOptions, LONG_COLUMNS, writeExport } from '../src/analyst/export.js';
import { openSqlite } from '../src/db/sqlite.js';
import { PEAK_LINE } from './peak-rss.js';
import { benchApi } from './bench-api.js';
import { BENCH_RESULTS_PATH, renderBenchTable, replaceBenchTable, type BenchResult, type BenchRun } from './bench-report.js';

const DAYS = 1700;
const BIN = fileURLToPath(new URL('../bin/main.cjs', import.meta.url));
/**
 * The synthetic histories run past today (a 10× history reaches the 2060s), and no report is
 * stored with a date after tomorrow: the bench stores them as seen from a clock after them.
 */
const AFTER_THE_HISTORY = new Date('2100-01-01T00:00:00Z');
const MIRROR = fileURLToPath(new URL('./mirror.js', import.meta.url));
const EXPORT_PEAK = fileURLToPath(new URL('./export-peak.js', import.meta.url));
const PEAK_AT_EXIT = new URL('./peak-at-exit.js', import.meta.url).href;
/** The size of the file of the issue that made imports stream: 200 MB of long CSV rows. */
const LARGE_IMPORT_BYTES = 200_000_000;

type Result = BenchResult;

/** Runs of a figure whose median is taken: enough that one slow run on a shared machine does not decide. */
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Time of one call of `fn` in ms: the median over blocks of 50 calls, after a warm-up. */
function timeSync(fn: () => unknown, blocks: number, warm = 200): number {
  for (let i = 0; i < warm; i++) fn();
  const times: number[] = [];
  for (let block = 0; block < blocks; block++) {
    const start = performance.now();
    for (let i = 0; i < 50; i++) fn();
    times.push((performance.now() - start) / 50);
  }
  return median(times);
}

function benchParse(history: readonly SyntheticDay[]): Result {
  const day = history[history.length - 1] as SyntheticDay;
  const page = modPage(day, history.slice(-40, -1));
  const mod = SOURCES.mod;
  // Interleaved, so both meet the same state of the machine.
  const ours: number[] = [];
  const base: number[] = [];
  for (let round = 0; round < 5; round++) {
    ours.push(timeSync(() => mod.parse(page, {}), 20));
    base.push(timeSync(() => load(page), 20));
  }
  const oursMs = median(ours);
  const baseline = median(base);
  const ratio = oursMs / baseline;
  return {
    name: 'parse a report page',
    measured: `${oursMs.toFixed(3)} ms per page (${(page.length / 1024).toFixed(0)} KB)`,
    baseline: `cheerio.load (parse5) ${baseline.toFixed(3)} ms`,
    ratio,
    target: '≤ 0.5×',
    met: ratio <= 0.5,
    unit: 'ms',
    value: oursMs,
    baselineValue: baseline,
  };
}

/**
 * The least an import of the history can take in the schema it stores into: the rows an import
 * left in `imported` (in every table it wrote to), inserted by a bare prepared-insert loop in one
 * transaction into a freshly migrated database, with the same indexes. Median of RUNS, in ms.
 */
function storedRowsMs(imported: string, dir: string): { rows: number; ms: number } {
  const source = new BetterSqlite3(imported, { readonly: true });
  const count = (db: BetterSqlite3.Database, table: string) => (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  const tablesOf = (db: BetterSqlite3.Database) =>
    (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < RUNS; run++) {
    const path = join(dir, `stored-rows-${run}.db`);
    const empty = spawnSync(process.execPath, [BIN, 'migrate', '--db', path], { stdio: 'ignore' });
    if (empty.status !== 0) throw new Error(`losstally migrate --db ${path} exited ${empty.status}`);
    const target = new BetterSqlite3(path);
    target.pragma('journal_mode = WAL');
    // The import's tables are those it added rows to; rows migrate wrote before (sources) are kept as they are.
    const tables = tablesOf(target).filter((table) => count(source, table) > count(target, table));
    const inserts = tables.map((table) => {
      const everyRow = source.prepare(`select * from "${table}"`);
      const columns = everyRow.columns().map((c) => `"${c.name}"`);
      const all = everyRow.raw().all() as unknown[][];
      return { statement: target.prepare(`insert or ignore into "${table}" (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`), all };
    });
    // Rows migrate wrote before are no rows the import stores.
    rows = tables.reduce((sum, table) => sum + count(source, table) - count(target, table), 0);
    const start = performance.now();
    target.transaction(() => {
      for (const { statement, all } of inserts) for (const row of all) statement.run(...row);
    })();
    times.push(performance.now() - start);
    target.close();
  }
  source.close();
  return { rows, ms: median(times) };
}

async function benchImport(history: readonly SyntheticDay[], dir: string): Promise<Result> {
  const file = join(dir, 'history.csv');
  writeFileSync(file, longCsv(history));
  const rows = history.flatMap((day) => day.figures.map((f) => [day.date, f.category, f.total, f.delta] as const));

  // Baseline: a plain prepared-insert loop of the same rows, in one transaction.
  const plainTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const plain = new BetterSqlite3(join(dir, `plain-${run}.db`));
    plain.pragma('journal_mode = WAL');
    plain.exec('create table figures (date text, category text, total integer, delta integer)');
    const insert = plain.prepare('insert into figures values (?, ?, ?, ?)');
    const start = performance.now();
    plain.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
    plainTimes.push(performance.now() - start);
    plain.close();
  }
  const baseline = median(plainTimes);

  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const db = openDatabase(join(dir, `import-${run}.db`));
    await migrateToLatest(db.kysely);
    const start = performance.now();
    await importPath(db.kysely, { path: file, now: AFTER_THE_HISTORY.toISOString() });
    times.push(performance.now() - start);
    await db.close();
  }
  const ours = median(times);
  const ratio = ours / baseline;
  const stored = storedRowsMs(join(dir, 'import-0.db'), dir);
  return {
    name: `import ${history.length} days × 15 categories with all checks (median of ${RUNS})`,
    measured: `${ours.toFixed(0)} ms (the ${stored.rows} rows it stores, inserted by a bare loop into the same tables: ${stored.ms.toFixed(0)} ms, ${(stored.ms / baseline).toFixed(2)}×)`,
    baseline: `better-sqlite3 insert loop ${baseline.toFixed(1)} ms`,
    ratio,
    target: '< 1000 ms and ≤ 5×',
    met: ours < 1000 && ratio <= 5,
    unit: 'ms',
    value: ours,
    baselineValue: baseline,
  };
}

/** Starts the mirror in a process of its own and resolves with its port. */
async function startMirror(days: number, latencyMs: number): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [MIRROR, String(days), String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { port: Number(chunk.toString().trim()), stop: () => child.kill() };
}

/** One backfill of the whole history from the mirror into a new database; its wall time in ms. */
async function backfillOnce(history: readonly SyntheticDay[], path: string, port: number, concurrency: number): Promise<number> {
  const db = openDatabase(path);
  await migrateToLatest(db.kysely);
  const http = createHttpClient({ userAgent: 'losstally-bench', connectTimeoutMs: 5000, headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000, totalTimeoutMs: 30_000, maxBodyBytes: 5_000_000 });
  const fetcher = createPoliteFetcher(http, { perHostConcurrency: concurrency, minSpacingMs: 0, maxAttempts: 1 });
  const start = performance.now();
  const result = await backfill(
    { db: db.kysely, fetcher, now: () => AFTER_THE_HISTORY },
    { source: SOURCES.mod as never, from: history[0]?.date as string, to: history[history.length - 1]?.date as string, concurrency, refetch: false, baseUrl: new URL(`http://127.0.0.1:${port}`) },
  );
  const elapsed = performance.now() - start;
  await http.close();
  await db.close();
  if (result.stored !== history.length) throw new Error(`backfill stored ${result.stored} of ${history.length} days`);
  return elapsed;
}

async function benchBackfill(history: readonly SyntheticDay[], dir: string, latencyMs: number, concurrency: number): Promise<Result> {
  const mirror = await startMirror(history.length, latencyMs);
  const times: number[] = [];
  try {
    // The last run's database stays as backfill.db, which start-up reads.
    for (let run = 0; run < RUNS; run++) times.push(await backfillOnce(history, join(dir, run === RUNS - 1 ? 'backfill.db' : `backfill-${run}.db`), mirror.port, concurrency));
  } finally {
    mirror.stop();
  }
  const elapsed = median(times);
  const bound = (history.length * latencyMs) / concurrency;
  const ratio = elapsed / bound;
  return {
    name: `backfill ${history.length} days, latency ${latencyMs} ms, concurrency ${concurrency} (median of ${RUNS})`,
    measured: `${(elapsed / 1000).toFixed(2)} s`,
    baseline: `days × L / c = ${(bound / 1000).toFixed(2)} s`,
    ratio,
    target: '≤ 1.2×',
    met: ratio <= 1.2,
    unit: 'ms',
    value: elapsed,
    baselineValue: bound,
  };
}

/** A database holding `history`, imported the way `losstally import` does it. */
async function importedDatabase(history: readonly SyntheticDay[], dir: string, name: string): Promise<string> {
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, longCsv(history));
  const path = join(dir, `${name}.db`);
  const db = openDatabase(path);
  await migrateToLatest(db.kysely);
  await importPath(db.kysely, { path: csv, now: AFTER_THE_HISTORY.toISOString() });
  await db.close();
  return path;
}

/** Peak resident memory of an export of the database in a fresh process, in MiB. */
function exportPeakMiB(db: string): number {
  const child = spawnSync(process.execPath, [EXPORT_PEAK, db], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`export-peak exited ${child.status}: ${child.stderr}`);
  return (JSON.parse(child.stdout) as { maxRssMiB: number }).maxRssMiB;
}

async function benchExport(history: readonly SyntheticDay[], dir: string): Promise<Result> {
  const db = await importedDatabase(history, dir, 'export');
  // Baseline: the whole sqlite3 command-line run exporting the same view as CSV.
  if (spawnSync('sqlite3', ['-version'], { stdio: 'ignore' }).error) {
    throw new Error('the export baseline needs the sqlite3 command-line shell: apt-get install sqlite3');
  }
  const baseline = runMs('sqlite3', ['-readonly', '-csv', '-header', db, `select ${LONG_COLUMNS.join(', ')} from series`], 7);

  const sqlite = openSqlite(db, { readonly: true });
  const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    const start = performance.now();
    await writeExport(sqlite, checkExportOptions({}), discard());
    if (run >= 2) times.push(performance.now() - start);
  }
  sqlite.close();
  const ours = median(times);

  // Peak memory: the same export of a history ten times longer must not need much more.
  process.stderr.write('export of a 10× history …\n');
  const long = await importedDatabase(syntheticHistory(history.length * 10), dir, 'export-10x');
  const peak = exportPeakMiB(db);
  const peak10 = exportPeakMiB(long);
  const ratio = ours / baseline;
  const flat = peak10 < peak * 1.25;
  return {
    name: `export ${history.length} days × 15 categories as long CSV (in-process); peak memory 1× and 10× history`,
    measured: `${ours.toFixed(0)} ms; peak RSS ${peak.toFixed(0)} MiB and ${peak10.toFixed(0)} MiB`,
    baseline: `sqlite3 -csv, whole run ${baseline.toFixed(0)} ms`,
    ratio,
    target: '≤ 2×; memory flat (10× history: peak < 1.25×)',
    met: ratio <= 2 && flat,
    unit: 'ms',
    value: ours,
    baselineValue: baseline,
  };
}

/**
 * Peak resident memory, in MiB, of `losstally import FILE` into a new database, run as users run
 * it (the compiled command line) in a process of its own, which reports its VmHWM as it exits.
 */
function importPeakMiB(file: string, db: string): number {
  const child = spawnSync(process.execPath, ['--import', PEAK_AT_EXIT, BIN, 'import', file, '--db', db], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LOSSTALLY_TEST_CLOCK: `${AFTER_THE_HISTORY.toISOString()},1` },
  });
  if (child.status !== 0) throw new Error(`losstally import ${file} exited ${child.status}: ${child.stderr}`);
  const peak = PEAK_LINE.exec(child.stderr);
  if (!peak) throw new Error(`losstally import ${file} did not report its peak memory: ${child.stderr}`);
  return Number(peak[1]) / 1024;
}

/** A long CSV of at least `bytes`: the rows of `history` again and again, as in the 200 MB file. */
function repeatedLongCsv(history: readonly SyntheticDay[], path: string, bytes: number): number {
  const csv = longCsv(history);
  const rows = csv.slice(csv.indexOf('\n') + 1);
  writeFileSync(path, csv);
  while (statSync(path).size < bytes) appendFileSync(path, rows);
  return statSync(path).size;
}

/** The lowest and highest of some figures in MiB, as "a–b". */
function range(values: readonly number[]): string {
  return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
}

async function benchImportMemory(history: readonly SyntheticDay[], dir: string): Promise<Result> {
  const one = join(dir, 'memory-1x.csv');
  writeFileSync(one, longCsv(history));
  const longer = syntheticHistory(history.length * 10);
  const ten = join(dir, 'memory-10x.csv');
  writeFileSync(ten, longCsv(longer));
  const large = join(dir, 'memory-large.csv');
  const largeBytes = repeatedLongCsv(longer, large, LARGE_IMPORT_BYTES);
  // Medians of three: the collector's timing moves a single peak by up to a fifth.
  const peaks = (csv: string, name: string) => [0, 1, 2].map((run) => importPeakMiB(csv, join(dir, `${name}-${run}.db`)));
  const ones = peaks(one, 'memory-1x');
  const tens = peaks(ten, 'memory-10x');
  const peak = median(ones);
  const peak10 = median(tens);
  process.stderr.write(`import of a ${(largeBytes / 1e6).toFixed(0)} MB long CSV …\n`);
  const peakLarge = importPeakMiB(large, join(dir, 'memory-large.db'));
  const ratio = peak10 / peak;
  return {
    name: `import ${history.length} days × 15 categories as long CSV with the CLI, each in a process of its own: peak memory 1× and 10× history (median of 3), and ${(largeBytes / 1e6).toFixed(0)} MB of the 10× rows repeated`,
    measured: `peak RSS ${peak.toFixed(0)} MiB (${range(ones)}) and ${peak10.toFixed(0)} MiB (${range(tens)}); ${(largeBytes / 1e6).toFixed(0)} MB file ${peakLarge.toFixed(0)} MiB`,
    baseline: `1× history ${peak.toFixed(0)} MiB`,
    ratio,
    // The file streams through in bounded memory; what still grows with the days is the table of
    // one cell per date and category and SQLite's page cache (up to its 16 MB).
    target: '10× history: peak ≤ 2×; 200 MB file: < 300 MiB',
    met: ratio <= 2 && peakLarge < 300,
    unit: 'MiB',
    value: peak10,
    baselineValue: peak,
  };
}

/** Median wall time of a whole run of a program, after two warm-up runs; `ok` are the exit statuses it may end with. */
function runMs(file: string, args: readonly string[], runs: number, env: NodeJS.ProcessEnv = process.env, ok: readonly number[] = [0]): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = performance.now();
    const child = spawnSync(file, args, { stdio: 'ignore', env });
    if (child.error) throw new Error(`cannot run ${file}: ${child.error.message}`);
    if (!ok.includes(child.status ?? -1)) throw new Error(`${file} ${args.join(' ').slice(0, 200)} exited ${child.status}`);
    if (i >= 2) times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * The start-up of each command users run most, in the way they run it: a process of its own on
 * the backfilled database (the last day of the history for the one-day commands).
 */
function benchStartup(history: readonly SyntheticDay[], dir: string): Result[] {
  const db = join(dir, 'backfill.db');
  const last = (history[history.length - 1] as SyntheticDay).date;
  const page = join(dir, 'page.html');
  writeFileSync(page, modPage(history[history.length - 1] as SyntheticDay, history.slice(-40, -1)));
  const commands: readonly (readonly [string, readonly string[]])[] = [
    ['--help', ['--help']],
    ['status', ['status', '--db', db, '--stale-after', '1000000']],
    ['parse of one page', ['parse', page]],
    // One row of the last day, as export and check take one day: a row of the whole series would
    // measure the series view's choice among sources over every day, not the start-up.
    ['query of one row', ['query', `select * from series where date = '${last}' limit 1`, '--db', db]],
    ['export of one day', ['export', '--from', last, '--to', last, '--db', db]],
    ['check of one day', ['check', '--from', last, '--to', last, '--db', db]],
  ];
  const env = { ...process.env, LOSSTALLY_TEST_CLOCK: `${AFTER_THE_HISTORY.toISOString()},1` };
  // The least any query in a child process can take: a bare parent forks a bare child that answers.
  const parent = join(dir, 'fork-parent.cjs');
  writeFileSync(join(dir, 'fork-child.cjs'), "process.send('answer', () => process.exit(0));\n");
  writeFileSync(parent, "require('node:child_process').fork(`${__dirname}/fork-child.cjs`).once('message', () => {});\n");
  const results: Result[] = [];
  for (const [name, args] of commands) {
    // Each command beside its own baseline, so both meet the same state of the machine.
    const baseline = runMs(process.execPath, ['-e', '0'], 15);
    const ours = runMs(process.execPath, [BIN, ...args], 15, env);
    const ratio = ours / baseline;
    const floor = name.startsWith('query') ? runMs(process.execPath, [parent], 15) : null;
    results.push({
      name: `losstally ${name}: start-up`,
      measured: floor === null ? `${ours.toFixed(0)} ms` : `${ours.toFixed(0)} ms (two bare Node processes, one forking the other: ${floor.toFixed(0)} ms, ${(floor / baseline).toFixed(2)}×)`,
      baseline: `node -e 0 ${baseline.toFixed(0)} ms`,
      ratio,
      target: '≤ 2×',
      met: ratio <= 2,
      unit: 'ms',
      value: ours,
      baselineValue: baseline,
    });
  }
  return results;
}

/** The saved pages of ../shared/corpus, when that folder is there. */
function corpusFiles(): string[] | null {
  const root = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
  if (!existsSync(root)) return null;
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.(md|tsv)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Every saved page of the corpus (real pages: reports, listings, captchas), parsed by one
 * `losstally parse` process, and the same pages parsed in this process page after page against
 * cheerio.load of them.
 */
async function benchCorpus(dir: string): Promise<Result | string> {
  const files = corpusFiles();
  if (!files) return 'the corpus of saved pages (../shared/corpus beside the project) is not on this machine';
  const whole = runMs(process.execPath, [BIN, 'parse', ...files, '--ndjson'], 5, process.env, [0, 1]);
  const { parseDocument } = await import('../src/cli/commands/parse.js');
  const { DEFAULT_DOCUMENT_BYTES, documentLimit } = await import('../src/input/limits.js');
  const pages = files.map((path) => readFileSync(path, 'utf8'));
  const settings = { source: 'auto', limit: documentLimit(DEFAULT_DOCUMENT_BYTES), now: AFTER_THE_HISTORY } as const;
  const ours: number[] = [];
  const base: number[] = [];
  for (let round = 0; round < RUNS; round++) {
    let start = performance.now();
    for (const path of files) await parseDocument({ path }, settings);
    ours.push(performance.now() - start);
    start = performance.now();
    for (const page of pages) load(page);
    base.push(performance.now() - start);
  }
  writeFileSync(join(dir, 'corpus-files.txt'), files.join('\n'));
  const oursMs = median(ours);
  const baseMs = median(base);
  const perSecond = (ms: number) => Math.round((files.length / ms) * 1000);
  return {
    name: `parse the ${files.length} saved pages of ../shared/corpus: one losstally parse process; in one process, page after page`,
    measured: `${whole.toFixed(0)} ms the process; ${perSecond(oursMs)} pages/s`,
    baseline: `cheerio.load of the same pages ${perSecond(baseMs)} pages/s`,
    ratio: oursMs / baseMs,
    target: 'the process < 1000 ms',
    met: whole < 1000,
    unit: 'ms',
    value: whole,
    baselineValue: baseMs,
  };
}

/** A figure's results, or why it could not be measured here. */
type Part = (history: readonly SyntheticDay[], dir: string) => Result | readonly Result[] | string | Promise<Result | readonly Result[] | string>;

const PARTS: readonly (readonly [string, Part])[] = [
  ['parse', (history) => benchParse(history)],
  ['import', benchImport],
  ['backfill', (history, dir) => benchBackfill(history, dir, 20, 4)],
  ['export', benchExport],
  ['import-memory', benchImportMemory],
  ['start-up', benchStartup],
  ['corpus', (_history, dir) => benchCorpus(dir)],
  ['api', benchApi],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !PARTS.some(([part]) => part === name));
  if (unknown.length > 0) throw new Error(`no figure ${unknown.join(', ')}; the figures are ${PARTS.map(([name]) => name).join(', ')}`);
  if (only.includes('start-up') && !only.includes('backfill')) throw new Error('start-up runs status on the database of backfill: name backfill too');
  const dir = mkdtempSync(join(tmpdir(), 'losstally-bench-'));
  const history = syntheticHistory(DAYS);
  const results: Result[] = [];
  const skipped: string[] = [];
  try {
    for (const [name, part] of PARTS) {
      if (only.length > 0 && !only.includes(name)) continue;
      process.stderr.write(`${name} …\n`);
      const outcome = await part(history, dir);
      if (typeof outcome === 'string') skipped.push(`${name}: ${outcome}`);
      else results.push(...(Array.isArray(outcome) ? outcome : [outcome as Result]));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
  const run: BenchRun = { date: new Date().toISOString(), machine, results, skipped };
  process.stdout.write(`${renderBenchTable(run)}\n\n${JSON.stringify(run, null, 2)}\n`);
  // Only a whole run is the README's: its table is one run's figures, never a mix.
  if (only.length === 0) {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    mkdirSync(join(root, 'bench'), { recursive: true });
    writeFileSync(join(root, BENCH_RESULTS_PATH), `${JSON.stringify(run, null, 2)}\n`);
    const readme = join(root, 'README.md');
    writeFileSync(readme, replaceBenchTable(readFileSync(readme, 'utf8'), run));
    process.stderr.write(`wrote ${BENCH_RESULTS_PATH} and the README's Performance table\n`);
  }
}

await main();
