/**
 * The child process a query runs in (query-runner.ts), and the one started ahead of its query.
 *
 * The bin starts it first thing for `losstally query`, before it loads the command's bundle:
 * the child's Node start-up then overlaps the rest of this process's. The command then takes
 * that child. Both find this module at one path (scripts/bundle.ts keeps it a file of its own),
 * so they share the child started ahead.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { siblingModule } from '../sibling-module.js';

function forkRunner(): ChildProcess {
  return fork(fileURLToPath(siblingModule('query-runner', import.meta.url)), [String(process.pid)], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/** A runner started before it was asked for, not yet given a query. */
let prestarted: ChildProcess | null = null;
/** Whether starting it failed (too many processes, no memory): its error came before anyone listened. */
let prestartFailed = false;

/**
 * Starts the query child now, for the query this process is about to run. Until a query is given
 * to it, it keeps nothing alive: a process that ends without one closes the channel, and the
 * child ends with it.
 */
export function prestartQueryRunner(): void {
  if (prestarted) return;
  prestarted = forkRunner();
  prestarted.once('error', () => {
    prestartFailed = true;
  });
  prestarted.unref();
  prestarted.channel?.unref();
}

/**
 * The child started ahead, or a new one (also when the one ahead failed to start: the new one's
 * failure, if it fails again, then reaches the caller's listeners); kept alive until it is done with.
 */
export function takeQueryRunner(): ChildProcess {
  const child = prestarted !== null && !prestartFailed ? prestarted : forkRunner();
  prestarted = null;
  child.ref();
  child.channel?.ref();
  return child;
}
