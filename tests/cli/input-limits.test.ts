/**
 * The size limits of what `parse` and `import` read (LOSSTALLY_MAX_DOCUMENT_BYTES,
 * LOSSTALLY_MAX_IMPORT_BYTES), through the real command line: a file, standard input, a device
 * that never ends and a named pipe are each read only up to their limit and refused past it in
 * one line; a dataset is read as it streams in, not after.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

const LONG = 'date,category,total\n2022-04-30,tanks,1008\n2022-05-01,tanks,1026\n';
const DOCUMENT_LIMIT = (input: string, bytes: number) => `cannot read ${input}: it holds more than ${bytes} bytes, the limit for a report text or page (LOSSTALLY_MAX_DOCUMENT_BYTES)`;
const DATASET_LIMIT = (input: string, bytes: number) => `cannot read ${input}: it holds more than ${bytes} bytes, the limit for a dataset file (LOSSTALLY_MAX_IMPORT_BYTES)`;

let dir: string;
let writers: ChildProcess[];

beforeEach(() => {
  dir = tempDir();
  writers = [];
});

afterEach(() => {
  // Only the writers this test started: each shell leads a process group of its own, its sleep included.
  for (const writer of writers) {
    if (writer.exitCode !== null || writer.pid === undefined) continue;
    try {
      process.kill(-writer.pid);
    } catch {
      // Ended on its own meanwhile.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A named pipe that a shell fills with `script`'s output; the shell is ended after the test. */
function pipeFrom(name: string, script: string): string {
  const path = join(dir, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  writers.push(spawn('sh', ['-c', `{ ${script}; } > '${path}'`], { stdio: 'ignore', detached: true }));
  return path;
}

function storedReports(db: string): number {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    return (sqlite.prepare('select count(*) as n from reports').get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

describe('losstally parse past LOSSTALLY_MAX_DOCUMENT_BYTES', () => {
  it('refuses a file, standard input and a device that never ends, each in one line', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(101));
    const env = { LOSSTALLY_MAX_DOCUMENT_BYTES: '100' };
    expect(await runCli(['parse', big], { env })).toEqual({ code: 1, stdout: '', stderr: `Error: ${DOCUMENT_LIMIT(big, 100)}\n` });
    expect(await runCli(['parse', '-'], { env, input: 'y'.repeat(101) })).toEqual({ code: 1, stdout: '', stderr: `Error: ${DOCUMENT_LIMIT('standard input', 100)}\n` });
    // The default limit, on a device that would fill the memory: it is read to 5 MB and no further.
    expect(await runCli(['parse', '/dev/zero'])).toEqual({ code: 1, stdout: '', stderr: `Error: ${DOCUMENT_LIMIT('/dev/zero', 5_000_000)}\n` });
  });

  it('gives a file past the limit its own outcome among many, and goes on', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(101));
    const result = await runCli(['parse', big, '/dev/null', '--ndjson'], { env: { LOSSTALLY_MAX_DOCUMENT_BYTES: '100' } });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe(JSON.stringify({ file: big, error: { code: 'LT_IO', message: DOCUMENT_LIMIT(big, 100) } }));
    expect(result.stdout.split('\n')[1]).toMatch(/^\{"file":"\/dev\/null","error":/);
  });

  it('refuses a limit that is not a positive whole number', async () => {
    const result = await runCli(['parse', '/dev/null'], { env: { LOSSTALLY_MAX_DOCUMENT_BYTES: '5MB' } });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'Error: environment variable LOSSTALLY_MAX_DOCUMENT_BYTES="5MB" must be a positive whole number\n' });
  });
});

describe('losstally import past LOSSTALLY_MAX_IMPORT_BYTES', () => {
  it('refuses a dataset file larger than the limit before reading it, and stores nothing', async () => {
    const csv = join(dir, 'series.csv');
    const db = join(dir, 'l.db');
    writeFileSync(csv, LONG);
    const env = { LOSSTALLY_MAX_IMPORT_BYTES: String(LONG.length - 1) };
    expect(await runCli(['import', csv, '--db', db], { env })).toEqual({ code: 1, stdout: '', stderr: `Error: ${DATASET_LIMIT(csv, LONG.length - 1)}\n` });
    expect(storedReports(db)).toBe(0);
    expect((await runCli(['import', csv, '--db', db], { env: { LOSSTALLY_MAX_IMPORT_BYTES: String(LONG.length) } })).code).toBe(0);
  });

  it('counts the bytes of a pipe, which has no size, and stops at the limit', async () => {
    const fifo = pipeFrom('endless.csv', `echo date,category,total; yes 2022-04-30,tanks,1008`);
    const db = join(dir, 'p.db');
    const result = await runCli(['import', fifo, '--db', db], { env: { LOSSTALLY_MAX_IMPORT_BYTES: '100000' } });
    expect(result).toEqual({ code: 1, stdout: '', stderr: `Error: ${DATASET_LIMIT(fifo, 100000)}\n` });
    expect(storedReports(db)).toBe(0);
  });

  it('reads a dataset as it streams in: a bad row fails the import while the rest is still to come', async () => {
    // 120 good rows (more than the start read to tell the format), a bad one and the start of
    // the next (csv-parse hands a row on once the next byte is in), then a pipe held open for a
    // minute: only a reader that stops at the bad row ends before the writer does.
    const good = Array.from({ length: 120 }, (_, i) => `2022-04-30,tanks,${1000 + i}`).join('\\n');
    const fifo = pipeFrom('slow.csv', `printf 'date,category,total\\n${good}\\n2022-05-01,tanks,x\\n2022'; sleep 60`);
    const started = Date.now();
    const result = await runCli(['import', fifo, '--db', join(dir, 's.db')]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'Error: slow.csv line 122: total "x" is not a count\n' });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('reads /dev/zero only to the limit of a document, since it holds no dataset', async () => {
    expect(await runCli(['import', '/dev/zero', '--db', join(dir, 'z.db')])).toEqual({ code: 1, stdout: '', stderr: `Error: ${DOCUMENT_LIMIT('/dev/zero', 5_000_000)}\n` });
  });

  it('says which files of a folder are symbolic links, and where they lead', async () => {
    const folder = join(dir, 'dataset');
    mkdirSync(folder);
    writeFileSync(join(dir, 'series.csv'), LONG);
    symlinkSync(join(dir, 'series.csv'), join(folder, 'series.csv'));
    const result = await runCli(['import', folder, '--db', join(dir, 'f.db')]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(new RegExp(`^  series\\.csv \\(symbolic link to ${join(dir, 'series.csv').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\): 2 rows, ${LONG.length} bytes, sha256 [0-9a-f]{64}$`));
  });
});
