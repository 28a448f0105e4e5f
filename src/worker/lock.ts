/**
 * One worker per database: a lock file next to the database, created atomically, holding the
 * owner's process id. A lock whose process no longer runs (a crashed or killed worker) is
 * stale and is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { LossTallyError } from '../errors.js';

export interface WorkerLock {
  readonly path: string;
  release(): void;
}

interface LockOwner {
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

export class WorkerLockedError extends LossTallyError {
  constructor(message: string) {
    super('LT_LOCKED', message);
    this.name = 'WorkerLockedError';
  }
}

export function acquireWorkerLock(dbPath: string, now: Date): WorkerLock {
  const path = `${dbPath}.worker.lock`;
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
        throw new WorkerLockedError(`another worker (pid ${owner.pid}, started ${owner.startedAt}) already runs on ${dbPath}; stop it first, or remove ${path} if it is not running`);
      }
      // Stale: its process is gone. Remove it and try once more (another starter may win).
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first.
      }
    }
  }
  throw new WorkerLockedError(`another worker took the lock on ${dbPath} at the same moment; stop it first`);
}
