/**
 * Ends this process as soon as its parent has ended, however the parent ended: a `kill -9` of
 * `losstally query` must not leave its query child running at full CPU until the query ends,
 * which an endless recursive CTE never does.
 *
 * The watch runs on a thread of its own because the main thread of the query child sits inside
 * one SQLite statement for as long as the query runs (better-sqlite3 is synchronous and cannot be
 * interrupted), so it reacts to nothing meanwhile: not to the IPC channel closing, not to a timer.
 */
import { Worker } from 'node:worker_threads';
import { siblingModule } from '../sibling-module.js';

export interface OrphanWatch {
  /** The process this one must not outlive. */
  readonly parentPid: number;
  /** How often the parent is looked for: the most time this process outlives it by. */
  readonly intervalMs: number;
}

export function endWithParent(parentPid: number, intervalMs = 100): void {
  const watch: OrphanWatch = { parentPid, intervalMs };
  // Unreferenced: the watch never keeps this process alive once its own work is done.
  new Worker(siblingModule('orphan-guard-thread', import.meta.url), { workerData: watch }).unref();
}
