/** A Worker wired to the database and the fetch path: what `losstally worker` runs. */
import type { LossTallyDb } from '../db/database.js';
import { hasReport, latestReportDate } from '../db/reports.js';
import type { HttpClient } from '../http/client.js';
import type { PoliteFetcher } from '../http/polite.js';
import { ingestReport } from '../ingest/ingest.js';
import type { FetchableSource } from '../sources/types.js';
import { dayOutcome } from './fetch-day.js';
import type { Logger } from './log.js';
import type { PollPolicy } from './schedule.js';
import { Worker } from './worker.js';

export interface WorkerWiring {
  readonly db: LossTallyDb;
  readonly http: HttpClient;
  readonly fetcher: PoliteFetcher;
  readonly source: FetchableSource;
  readonly baseUrl?: URL;
  readonly heartbeatUrl?: string | null;
  readonly now: () => Date;
  readonly log: Logger;
  readonly policy: PollPolicy;
  readonly maxCatchUpDays: number;
}

export function createWorker(wiring: WorkerWiring): Worker {
  const { db, http, fetcher, source, baseUrl, heartbeatUrl, now, log } = wiring;
  return new Worker(
    {
      now,
      lastStoredDate: () => latestReportDate(db.kysely, source.id),
      isStored: (date) => hasReport(db.kysely, source.id, date),
      fetchDay: (date) => dayOutcome(date, () => ingestReport({ db: db.kysely, fetcher, now }, { source, date, ...(baseUrl ? { baseUrl } : {}) })),
      log,
      ...(heartbeatUrl
        ? {
            heartbeat: async () => {
              const response = await http.get(heartbeatUrl);
              if (response.status >= 300) throw new Error(`the heartbeat URL answered HTTP ${response.status}`);
            },
          }
        : {}),
    },
    { source: source.id, policy: wiring.policy, maxCatchUpDays: wiring.maxCatchUpDays },
  );
}
