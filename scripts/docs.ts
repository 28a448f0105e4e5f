/**
 * The README's examples, run. Every ```console block of README.md is a script: each `$ command`
 * runs in bash, in README order, against the local mirror of `npm run mirror`, the files the
 * project ships and a clock that reads 2026-11-27 15:22 UTC (LOSSTALLY_TEST_CLOCK), and what it
 * prints is compared with the lines under it once what varies from run to run is masked (times,
 * durations, ports, process ids, temporary paths). `npm run docs` writes the outputs of a fresh
 * run into README.md; the test suite runs the same and fails on any difference.
 *
 * An HTML comment right above a block steers it (the README shows none of it):
 *   <!-- docs: db NAME [fresh] -->        the database the block uses (a new one with `fresh`)
 *   <!-- docs: setup COMMAND -->          a command run first, its output not shown
 *   <!-- docs: background TEXT -->        the block's command keeps running (a server) once it printed TEXT
 *   <!-- docs: stop-after TEXT -->        the command gets SIGTERM once it printed TEXT (the worker)
 *   <!-- docs: skip REASON -->            the block is not run, for the reason given
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { BENCH_RESULTS_PATH, replaceBenchTable, type BenchRun } from './bench-report.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/config.js';
import { startExampleSite } from './example-site.js';

export const DOCS_CLOCK = '2026-11-27T15:22:00.000Z';
const TODAY = '2026-11-27';
/** What the README shows for the database, the project folder and the mirror. */
const SHOWN_DB = '/srv/losstally/data/losstally.db';
const SHOWN_HOME = '/srv/losstally';
const SHOWN_MIRROR = 'http://127.0.0.1:8080';

export interface Command {
  readonly command: string;
  /** The lines under it in the README, up to the next command or the end of the block. */
  readonly expected: string;
}

export interface Block {
  /** Line of the opening fence, 1-based. */
  readonly line: number;
  readonly db: string;
  readonly fresh: boolean;
  readonly setup: readonly string[];
  readonly background: string | null;
  readonly stopAfter: string | null;
  readonly skip: string | null;
  readonly commands: readonly Command[];
  /** Line range of the block's body in the README (0-based, end exclusive), for rewriting. */
  readonly body: readonly [number, number];
}

const DIRECTIVE = /^<!-- docs: (\S+)(?: (.*?))? -->$/;

/** The console blocks of a README, with the directives above each. */
export function readBlocks(readme: string): Block[] {
  const lines = readme.split('\n');
  const blocks: Block[] = [];
  let db = 'main';
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```console') continue;
    const directives: [string, string][] = [];
    for (let j = i - 1; j >= 0; j--) {
      const match = DIRECTIVE.exec(lines[j] ?? '');
      if (!match) break;
      directives.unshift([match[1] ?? '', match[2] ?? '']);
    }
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    const commands: Command[] = [];
    for (const line of lines.slice(i + 1, end)) {
      if (line.startsWith('$ ')) commands.push({ command: line.slice(2), expected: '' });
      else if (commands.length > 0) {
        const last = commands.pop() as Command;
        commands.push({ command: last.command, expected: last.expected + line + '\n' });
      }
    }
    let fresh = false;
    const setup: string[] = [];
    let background: string | null = null;
    let stopAfter: string | null = null;
    let skip: string | null = null;
    for (const [name, value] of directives) {
      if (name === 'db') {
        const [which = 'main', flag] = value.split(' ');
        db = which;
        fresh = flag === 'fresh';
      } else if (name === 'setup') setup.push(value);
      else if (name === 'background') background = value;
      else if (name === 'stop-after') stopAfter = value;
      else if (name === 'skip') skip = value || 'no reason given';
      else throw new Error(`README line ${i}: unknown docs directive "${name}"`);
    }
    blocks.push({ line: i + 1, db, fresh, setup, background, stopAfter, skip, commands, body: [i + 1, end] });
  }
  return blocks;
}

/** What varies from run to run, replaced by a placeholder on both sides of a comparison. */
export function mask(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?= (?:info|warn|error) )/g, '<time>')
    .replace(/\(\d+(?:\.\d+)? s\)/g, '(<seconds> s)')
    .replace(/"pid":\d+/g, '"pid":<pid>')
    .replace(/\bpid \d+/g, 'pid <pid>')
    .replace(/"parent_pid":\d+/g, '"parent_pid":<pid>')
    // An output without a final line break (curl) shows as one in a README block.
    .replace(/\n+$/, '');
}

interface Session {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Ports the commands really use, with the port the README shows for each (the mirror's, a server's). */
  readonly ports: [actual: string, shown: string][];
  readonly running: ChildProcess[];
  /** Real text → what the README shows: the temporary paths and the ports. */
  shown(): [string, string][];
  /** What the README shows → the real text, for commands. */
  real(): [string, string][];
  db(name: string, fresh: boolean): void;
}

function replaceAll(text: string, pairs: readonly [string, string][]): string {
  return pairs.reduce((out, [from, to]) => out.split(from).join(to), text);
}

/** A folder that looks like a checkout to the commands: the shipped files, a shim for `npx losstally`. */
async function openSession(): Promise<{ session: Session; close: () => Promise<void> }> {
  const root = packageRoot();
  const dir = mkdtempSync(join(tmpdir(), 'losstally-docs-'));
  const cwd = join(dir, 'losstally');
  const bin = join(dir, 'bin');
  mkdirSync(join(cwd, 'data'), { recursive: true });
  mkdirSync(bin);
  symlinkSync(join(root, 'tests'), join(cwd, 'tests'));
  symlinkSync(join(root, 'data', 'examples'), join(cwd, 'data', 'examples'));
  writeFileSync(join(bin, 'npx'), `#!/usr/bin/env bash\nif [ "$1" = losstally ]; then shift; exec "${process.execPath}" "${join(root, 'dist', 'bin', 'main.cjs')}" "$@"; fi\necho "npx $1: only npx losstally runs in the README's examples" >&2\nexit 127\n`);
  chmodSync(join(bin, 'npx'), 0o755);
  if (spawnSync('curl', ['--version'], { stdio: 'ignore' }).error) writeCurl(join(bin, 'curl'));

  const site = await startExampleSite({ today: TODAY });
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    HOME: process.env['HOME'] ?? dir,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    LOSSTALLY_TEST_CLOCK: `${DOCS_CLOCK},1`,
  };
  const ports: [string, string][] = [[new URL(site.url).port, new URL(SHOWN_MIRROR).port]];
  const running: ChildProcess[] = [];
  const session: Session = {
    cwd,
    env,
    ports,
    running,
    shown: () => {
      const db = env['LOSSTALLY_DB'];
      return [...(db ? [[db, SHOWN_DB] as [string, string]] : []), [cwd, SHOWN_HOME], ...ports.map(([actual, shown]): [string, string] => [`127.0.0.1:${actual}`, `127.0.0.1:${shown}`])];
    },
    real: () => ports.map(([actual, shown]): [string, string] => [`127.0.0.1:${shown}`, `127.0.0.1:${actual}`]),
    db(name, fresh) {
      const folder = join(dir, 'dbs', name);
      if (fresh) rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      env['LOSSTALLY_DB'] = join(folder, 'losstally.db');
    },
  };
  return {
    session,
    close: async () => {
      for (const child of running) if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await site.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A stand-in for curl on a machine without it: -s, -w ' %{http_code}\n', -X METHOD, one URL. */
function writeCurl(path: string): void {
  const script = `#!/usr/bin/env node
const args = process.argv.slice(2); let method = 'GET', format = null, url = null;
for (let i = 0; i < args.length; i++) { if (args[i] === '-X') method = args[++i]; else if (args[i] === '-w') format = args[++i]; else if (!args[i].startsWith('-')) url = args[i]; }
fetch(url, { method }).then(async (r) => { process.stdout.write(await r.text()); if (format) process.stdout.write(format.replace('%{http_code}', String(r.status)).replace(/\\\\n/g, '\\n')); });
`;
  writeFileSync(path, script);
  chmodSync(path, 0o755);
}

interface Run {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<void>;
}

function run(session: Session, command: string): Run {
  // Both streams in the order they came, as a terminal shows them.
  const child = spawn('bash', ['-c', command], { cwd: session.cwd, env: session.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, output: () => output, exited };
}

async function until(get: () => string, text: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!get().includes(text)) {
    if (Date.now() > end) throw new Error(`"${text}" did not come within ${timeoutMs / 1000} s; the output so far: ${get()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const TIMEOUT_MS = 60_000;

/** Runs one command as its block says and returns what it printed, as the README shows it. */
async function runCommand(session: Session, block: Block, command: string): Promise<string> {
  let real = replaceAll(command, session.real());
  const port = block.background ? /--port (\d+)/.exec(real)?.[1] : undefined;
  if (port) real = real.replace(`--port ${port}`, '--port 0');
  const started = run(session, real);
  if (block.background) {
    await until(started.output, block.background, 20_000);
    session.running.push(started.child);
    const actual = /127\.0\.0\.1:(\d+)/.exec(started.output())?.[1];
    if (port && actual) session.ports.push([actual, port]);
  } else if (block.stopAfter) {
    await until(started.output, block.stopAfter, 30_000);
    // A second after the event, as a person would: the worker has finished the cycle's transaction.
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.kill(-(started.child.pid as number), 'SIGTERM');
    await started.exited;
  } else {
    const timer = setTimeout(() => process.kill(-(started.child.pid as number), 'SIGKILL'), TIMEOUT_MS);
    await started.exited;
    clearTimeout(timer);
  }
  return replaceAll(started.output(), session.shown());
}

async function runSetup(session: Session, command: string): Promise<void> {
  const started = run(session, replaceAll(command, session.real()));
  await started.exited;
  if (started.child.exitCode !== 0 && started.child.exitCode !== 1) {
    throw new Error(`docs setup "${command}" exited ${started.child.exitCode}: ${started.output()}`);
  }
}

export interface Outcome {
  readonly block: Block;
  readonly command: string;
  readonly expected: string;
  readonly actual: string;
}

/** Runs every block that is not skipped; returns each command's README text and real output. */
export async function runBlocks(blocks: readonly Block[]): Promise<Outcome[]> {
  const { session, close } = await openSession();
  const outcomes: Outcome[] = [];
  try {
    for (const block of blocks) {
      if (block.skip) continue;
      session.db(block.db, block.fresh);
      for (const command of block.setup) await runSetup(session, command);
      for (const { command, expected } of block.commands) {
        outcomes.push({ block, command, expected, actual: await runCommand(session, block, command) });
      }
    }
  } finally {
    await close();
  }
  return outcomes;
}

/** The outcomes whose output differs from the README once what varies is masked. */
export function differences(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes.filter((o) => mask(o.expected) !== mask(o.actual));
}

/** The README with every block's outputs replaced by the real ones. */
export function rewrite(readme: string, outcomes: readonly Outcome[]): string {
  const lines = readme.split('\n');
  const byBlock = new Map<Block, Outcome[]>();
  for (const outcome of outcomes) byBlock.set(outcome.block, [...(byBlock.get(outcome.block) ?? []), outcome]);
  // From the last block up, so that line numbers above stay right.
  for (const [block, list] of [...byBlock].sort((a, b) => b[0].line - a[0].line)) {
    const body = list.flatMap((o) => [`$ ${o.command}`, ...o.actual.replace(/\n$/, '').split('\n').filter((line, _index, all) => !(all.length === 1 && line === ''))]);
    lines.splice(block.body[0], block.body[1] - block.body[0], ...body);
  }
  return lines.join('\n');
}

// `npm run docs`: run every block and write the outputs into README.md.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = join(packageRoot(), 'README.md');
  const readme = readFileSync(path, 'utf8');
  const blocks = readBlocks(readme);
  const outcomes = await runBlocks(blocks);
  // The Performance table is the last bench run's, rendered from its JSON.
  const benchResults = join(packageRoot(), BENCH_RESULTS_PATH);
  const rewritten = rewrite(readme, outcomes);
  writeFileSync(path, existsSync(benchResults) ? replaceBenchTable(rewritten, JSON.parse(readFileSync(benchResults, 'utf8')) as BenchRun) : rewritten);
  const changed = differences(outcomes).length;
  const skipped = blocks.filter((b) => b.skip);
  process.stdout.write(`README.md: ${outcomes.length} commands in ${blocks.length - skipped.length} blocks run, ${changed} outputs changed; ${skipped.length} blocks not run:\n`);
  for (const block of skipped) process.stdout.write(`  line ${block.line}: ${block.skip}\n`);
}
