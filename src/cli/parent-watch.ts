/**
 * Long-running commands started through npm (`npm start`, `npx losstally worker|serve`) stop
 * when npm is gone. npm does not pass SIGTERM on to the command it runs (it runs it through
 * `sh -c`, and exits alone), so a `kill` of the npm process would leave the worker running
 * with its lock. The command therefore watches its ancestors up to npm's own process and stops
 * cleanly when one of them has ended.
 *
 * Only under npm (its `npm_command` variable is set): a worker started by systemd, cron or
 * `nohup` from a shell that later exits is meant to outlive its parent.
 */
import { readFileSync } from 'node:fs';

interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Start time in clock ticks since boot: tells a process from a later one given the same id. */
  readonly startTime: string;
  readonly zombie: boolean;
  readonly command: string;
}

/** A process as Linux's /proc shows it, or null when it does not exist (or /proc is not there). */
function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    } catch {
      // A process that has just ended: its command line is gone, its stat may not be yet.
    }
    return { pid, ppid: Number(fields[1]), startTime: fields[19] ?? '', zombie: fields[0] === 'Z', command };
  } catch {
    return null;
  }
}

function isNpm(command: string): boolean {
  return /^npm(?:\s|$)/.test(command) || /\bnp[mx]-cli\.js\b/.test(command);
}

/** The ancestors to watch: from the parent up to npm's process, or the parent alone when npm is not found. */
function ancestorsUpToNpm(): ProcessInfo[] {
  const chain: ProcessInfo[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 6 && pid > 1; depth++) {
    const info = readProcess(pid);
    if (!info) break;
    chain.push(info);
    if (isNpm(info.command)) return chain;
    pid = info.ppid;
  }
  return chain.slice(0, 1);
}

function stillRuns(watched: ProcessInfo): boolean {
  const now = readProcess(watched.pid);
  return now !== null && !now.zombie && now.startTime === watched.startTime;
}

/**
 * Calls `onGone` once, with the id of the process that ended, when the npm process this one
 * runs under (or a process between them) has ended. Returns a function that stops watching.
 * Does nothing when not started by npm.
 */
export function watchNpmParent(env: Readonly<Record<string, string | undefined>>, onGone: (pid: number) => void, intervalMs = 500): () => void {
  if (!env['npm_command']) return () => undefined;
  const firstParent = process.ppid;
  const watched = ancestorsUpToNpm();
  const timer = setInterval(() => {
    // Where /proc is missing, a new parent (the old one ended and this process was adopted) is the sign.
    const gone = process.ppid !== firstParent ? firstParent : watched.find((p) => !stillRuns(p))?.pid;
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, intervalMs);
  // The watch alone never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
