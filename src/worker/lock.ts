/**
 * One worker per database: a lock file next to the database's real path (symbolic links
 * resolved, so every name of the file finds the same lock), created atomically, holding the
 * owner's process id. A lock whose process no longer runs (a crashed or killed worker) is
 * stale and is taken over. A database file with several hard links is refused: a hard link
 * is a second real path, and SQLite keeps its journal per name, so two names can corrupt it.
 */
import { closeSync, openSync, readFileSync, realpathSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DatabaseError, LossTallyError } from '../errors.js';

export interface WorkerLock {
  readonly path: string;
  release(): void;
}

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/** The worker holding the lock of a database, if one runs (on this host, or on another: not checkable). */
export function runningWorker(dbPath: string): LockOwner | null {
  const owner = readOwner(`${realDatabasePath(dbPath)}.worker.lock`);
  return owner && (owner.host !== hostname() || processRuns(owner.pid)) ? owner : null;
}

export class WorkerLockedError extends LossTallyError {
  constructor(message: string) {
    super('LT_LOCKED', message);
    this.name = 'WorkerLockedError';
  }
}

/** The database's path with symbolic links resolved; for a file not created yet, its folder's. */
export function realDatabasePath(dbPath: string): string {
  try {
    return realpathSync(dbPath);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    try {
      return join(realpathSync(dirname(dbPath)), basename(dbPath));
    } catch {
      return dbPath;
    }
  }
}

function refuseHardLinks(realPath: string): void {
  let links = 1;
  try {
    links = statSync(realPath).nlink;
  } catch {
    return; // Not created yet.
  }
  if (links > 1) {
    throw new DatabaseError(
      `${realPath} has ${links} hard links: SQLite keeps a journal per name, so two names of one database can corrupt it; keep one name (a symbolic link is fine) and start the worker again`,
    );
  }
}

export function acquireWorkerLock(dbPath: string, now: Date): WorkerLock {
  const realPath = realDatabasePath(dbPath);
  refuseHardLinks(realPath);
  const path = `${realPath}.worker.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      return {
        path,
        release: () => {
          if (readOwner(path)?.pid === process.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      // A lock from another host cannot be checked from here: it is respected.
      if (owner && (owner.host !== hostname() || processRuns(owner.pid))) {
        throw new WorkerLockedError(`another worker (pid ${owner.pid}, started ${owner.startedAt}) already runs on ${realPath}; stop it first, or remove ${path} if it is not running`);
      }
      // Stale: its process is gone. Remove it and try once more (another starter may win).
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first.
      }
    }
  }
  throw new WorkerLockedError(`another worker took the lock on ${realPath} at the same moment; stop it first`);
}
