/**
 * The thread of `endWithParent`: kills the whole process, from outside the busy main thread, once
 * the parent is gone. SIGKILL, not process.exit: exit() on a worker thread ends only the thread,
 * and an exit on the main thread would wait for the statement it is inside of.
 */
import { workerData } from 'node:worker_threads';
import type { OrphanWatch } from './orphan-guard.js';

const { parentPid, intervalMs } = workerData as OrphanWatch;

function parentGone(): boolean {
  // Linux and macOS give an orphan a new parent (init or a subreaper) at once.
  if (process.ppid !== parentPid) return true;
  // Windows keeps the old parent id: ask whether that process still exists.
  try {
    process.kill(parentPid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

setInterval(() => {
  if (parentGone()) process.kill(process.pid, 'SIGKILL');
}, intervalMs);
