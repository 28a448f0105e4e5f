/** The worker's state between runs (table `worker_state`), written by the worker and read by `status`. */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface WorkerStateValues {
  /** The running (or last) worker: what it follows and when it started. */
  readonly worker: { readonly sources: readonly string[]; readonly pid: number; readonly startedAt: string };
  /** The history of an empty database: still to be brought in, or done. */
  readonly history: { readonly state: 'pending' | 'done'; readonly source: string; readonly from: string; readonly through: string | null };
  /** The worker's last cycle: when it ran, what it fetched and when it wakes next. */
  readonly last_cycle: { readonly at: string; readonly fetched: number; readonly failed: number; readonly nextWakeAt: string };
}

export type WorkerStateKey = keyof WorkerStateValues;

export async function writeWorkerState<K extends WorkerStateKey>(db: Kysely<Database>, key: K, value: WorkerStateValues[K], now: Date): Promise<void> {
  const row = { key, value: JSON.stringify(value), updated_at: now.toISOString() };
  await db
    .insertInto('worker_state')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at }))
    .execute();
}

export async function readWorkerState<K extends WorkerStateKey>(db: Kysely<Database>, key: K): Promise<WorkerStateValues[K] | null> {
  const row = await db.selectFrom('worker_state').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as WorkerStateValues[K]) : null;
}

/** Every key, on a plain read-only connection (`status` starts without Kysely). */
export function readAllWorkerState(sqlite: BetterSqlite3.Database): Partial<WorkerStateValues> {
  // A database of an older schema, opened read-only, has no such table yet.
  if (!sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = 'worker_state'`).get()) return {};
  const rows = sqlite.prepare(`select key, value from worker_state`).all() as { key: string; value: string }[];
  const state: Record<string, unknown> = {};
  for (const row of rows) state[row.key] = JSON.parse(row.value);
  return state as Partial<WorkerStateValues>;
}
