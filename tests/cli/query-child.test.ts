/**
 * `losstally query` runs the SQL in a child process (the only way to stop a query busy inside
 * SQLite). However the losstally process ends, SIGKILL included, that child must end with it and
 * not go on at full CPU, orphaned, until its own time limit. The processes are read from /proc.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

const ENDLESS = 'with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r';

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
  /** Clock ticks since boot: tells a process from a later one given the same id. */
  readonly startTime: string;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The query child of a losstally process, once it has been started. */
function queryChildOf(parentPid: number): Proc | undefined {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .find((p): p is Proc => p !== null && p.ppid === parentPid && commandLine(p.pid).includes('query-runner.cjs'));
}

/** Every query child of a losstally process. */
function queryChildrenOf(parentPid: number): Proc[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is Proc => p !== null && p.ppid === parentPid && commandLine(p.pid).includes('query-runner.cjs'));
}

/** The query child a losstally process started, by the parent id on its command line: found after that parent ended too. */
function queryChildStartedBy(parentPid: number): Proc | undefined {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .find((p): p is Proc => p !== null && commandLine(p.pid).includes(`query-runner.cjs ${parentPid} `));
}

/** Whether the process still runs: a zombie has ended, only its exit status waits to be collected. */
function stillRuns(child: Proc): boolean {
  const now = readProc(child.pid);
  return now !== null && now.startTime === child.startTime && now.state !== 'Z';
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, everyMs = 25): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

let dbPath: string;

beforeAll(async () => {
  dbPath = join(tempDir(), 'child.db');
  expect((await runCli(['migrate', '--db', dbPath])).code).toBe(0);
});

describe.skipIf(!existsSync('/proc/self/stat'))('the query child of losstally query', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)('ends within 2 s of losstally ending by %s, during an endless query with an hour left', async (signal) => {
    const parent = spawn(process.execPath, [BIN, 'query', ENDLESS, '--timeout', '3600000', '--db', dbPath], { cwd: ROOT, stdio: 'ignore' });
    const exited = once(parent, 'exit');
    let child: Proc | undefined;
    try {
      child = await waitFor(() => queryChildOf(parent.pid!), 5000);
      expect(child, 'losstally query started no query child within 5 s').toBeDefined();
      // Well inside the query: the child has opened the database and is busy in SQLite.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stillRuns(child!), 'the query child ended before its parent was killed').toBe(true);
      parent.kill(signal);
      const [code, endedBy] = await exited;
      expect([code, endedBy]).toEqual([null, signal]);
      const gone = await waitFor(() => (stillRuns(child!) ? undefined : true), 2000);
      expect(gone, `the query child ${child!.pid} still runs 2 s after losstally ended by ${signal}`).toBe(true);
    } finally {
      // Never leave a spinning process behind, whatever failed.
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
      if (child && stillRuns(child)) process.kill(child.pid, 'SIGKILL');
    }
  });

  it('is the one child a query runs in: the child started ahead is the one given the query', async () => {
    const parent = spawn(process.execPath, [BIN, 'query', ENDLESS, '--timeout', '1500', '--db', dbPath], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    parent.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = once(parent, 'exit');
    try {
      const busy = await waitFor(() => queryChildOf(parent.pid!), 5000);
      expect(busy, 'losstally query started no query child within 5 s').toBeDefined();
      // Well inside the query, when a second child would have been started long since.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(queryChildrenOf(parent.pid!).map((p) => p.pid)).toEqual([busy!.pid]);
      expect(await exited).toEqual([1, null]);
      expect(stderr).toBe('Error: the query ran longer than 1500 ms and was stopped; narrow it, or allow more time with --timeout or LOSSTALLY_QUERY_TIMEOUT_MS\n');
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
      for (const child of queryChildrenOf(parent.pid!)) process.kill(child.pid, 'SIGKILL');
    }
  });

  it('is started before the command line has loaded, and ends at once when the command never gives it a query', async () => {
    // Two output formats: a usage error found after the child was started ahead.
    const parent = spawn(process.execPath, [BIN, '--db', dbPath, 'query', 'select 1', '--csv', '--json'], { cwd: ROOT, stdio: 'ignore' });
    const exited = once(parent, 'exit');
    const child = await waitFor(() => queryChildStartedBy(parent.pid!), 5000, 5);
    try {
      expect(child, 'losstally query started no query child ahead').toBeDefined();
      expect(await exited).toEqual([2, null]);
      const gone = await waitFor(() => (stillRuns(child!) ? undefined : true), 2000);
      expect(gone, `the query child ${child!.pid} still runs 2 s after losstally exited`).toBe(true);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
      if (child && stillRuns(child)) process.kill(child.pid, 'SIGKILL');
    }
  });
});
