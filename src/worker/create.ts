/** A Worker wired to the database and the fetch path: what `losstally worker` runs. */
import { FIRST_REPORT_DATE } from '../dates.js';
import type { LossTallyDb } from '../db/database.js';
import { hasReport, latestReportDate } from '../db/reports.js';
import { readWorkerState, writeWorkerState } from '../db/worker-state.js';
import { writeTransaction } from '../db/transaction.js';
import { ParseError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import type { PoliteFetcher } from '../http/polite.js';
import { backfill, type BackfillProgress } from '../ingest/backfill.js';
import { ingestReport } from '../ingest/ingest.js';
import type { FetchableSource } from '../sources/types.js';
import { dayOutcome } from './fetch-day.js';
import type { Logger } from './log.js';
import type { PollPolicy } from './schedule.js';
import { Worker, type HistoryStep } from './worker.js';

export interface WorkerWiring {
  readonly db: LossTallyDb;
  readonly http: HttpClient;
  readonly fetcher: PoliteFetcher;
  /** The sources followed, in the order each cycle visits them. */
  readonly sources: readonly FetchableSource[];
  /** Mirrors replacing a source's scheme and host, by source id. */
  readonly baseUrls?: Readonly<Record<string, URL>>;
  readonly heartbeatUrl?: string | null;
  readonly now: () => Date;
  readonly log: Logger;
  readonly policy: PollPolicy;
  readonly maxCatchUpDays: number;
  /** Where the history of an empty database comes from (the cheapest path), or null for none. */
  readonly history?: { readonly source: FetchableSource; readonly onProgress?: (progress: BackfillProgress) => void; readonly onDone?: () => void } | null;
  /** Aborted when the worker is stopping: fetches in flight end, nothing more starts. */
  readonly stop?: AbortSignal;
}

/** The history step: pending while `worker_state.history` says so, run as a backfill of the history source. */
function historyStep(wiring: WorkerWiring, history: NonNullable<WorkerWiring['history']>): HistoryStep {
  const { db, fetcher, now, stop } = wiring;
  const baseUrl = wiring.baseUrls?.[history.source.id];
  return {
    pending: async () => (await readWorkerState(db.kysely, 'history'))?.state === 'pending',
    run: async (through) => {
      try {
        const result = await backfill(
          { db: db.kysely, fetcher, now, ...(stop ? { stop } : {}), ...(history.onProgress ? { onProgress: history.onProgress } : {}) },
          { source: history.source, from: FIRST_REPORT_DATE, to: through, concurrency: 1, refetch: false, ...(baseUrl ? { baseUrl } : {}) },
        );
        if (result.stored + result.unchanged + result.skipped === 0) {
          throw new ParseError(`${history.source.title} gave no report between ${FIRST_REPORT_DATE} and ${through}; the history will be asked for again`);
        }
        await writeTransaction(db.kysely, (trx) =>
          writeWorkerState(trx, 'history', { state: 'done', source: history.source.id, from: FIRST_REPORT_DATE, through }, now()),
        );
        return {
          message: `${result.stored} day(s) stored from ${history.source.title} (${FIRST_REPORT_DATE} … ${through}), ${result.notFound} not in its list, ${result.findings} finding(s)`,
          fields: { source: history.source.id, from: FIRST_REPORT_DATE, through, stored: result.stored, not_found: result.notFound, findings: result.findings },
        };
      } finally {
        history.onDone?.();
      }
    },
  };
}

export function createWorker(wiring: WorkerWiring): Worker {
  const { db, http, fetcher, heartbeatUrl, now, log, stop } = wiring;
  const byId = new Map(wiring.sources.map((source) => [source.id as string, source]));
  const sourceOf = (id: string): FetchableSource => {
    const source = byId.get(id);
    if (!source) throw new RangeError(`the worker does not follow ${id}`);
    return source;
  };
  return new Worker(
    {
      now,
      lastStoredDate: (source, today) => latestReportDate(db.kysely, source, today),
      isStored: (source, date) => hasReport(db.kysely, source, date),
      fetchDay: (id, date) => {
        const baseUrl = wiring.baseUrls?.[id];
        return dayOutcome(date, () => ingestReport({ db: db.kysely, fetcher, now, ...(stop ? { stop } : {}) }, { source: sourceOf(id), date, ...(baseUrl ? { baseUrl } : {}) }));
      },
      ...(wiring.history ? { history: historyStep(wiring, wiring.history) } : {}),
      log,
      afterCycle: async (result) => {
        const value = {
          at: result.startedAt.toISOString(),
          fetched: result.outcomes.length,
          failed: result.outcomes.filter((o) => o.status === 'failed').length,
          nextWakeAt: result.nextWakeAt.toISOString(),
        };
        await writeTransaction(db.kysely, (trx) => writeWorkerState(trx, 'last_cycle', value, now()));
      },
      ...(heartbeatUrl
        ? {
            heartbeat: async () => {
              const response = await http.get(heartbeatUrl, undefined, stop);
              if (response.status >= 300) throw new Error(`the heartbeat URL answered HTTP ${response.status}`);
            },
          }
        : {}),
    },
    { sources: wiring.sources.map((s) => s.id), policy: wiring.policy, maxCatchUpDays: wiring.maxCatchUpDays },
  );
}
