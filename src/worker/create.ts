/** A Worker wired to the database and the fetch path: what `losstally worker` runs. */
import type { LossTallyDb } from '../db/database.js';
import type { HttpClient } from '../http/client.js';
import { ingestReport } from '../ingest/ingest.js';
import type { FetchableSource } from '../sources/types.js';
import { dayOutcome } from './fetch-day.js';
import type { Logger } from './log.js';
import type { PollPolicy } from './schedule.js';
import { Worker } from './worker.js';

export interface WorkerWiring {
  readonly db: LossTallyDb;
  readonly http: HttpClient;
  readonly source: FetchableSource;
  readonly baseUrl?: URL;
  readonly heartbeatUrl?: string | null;
  readonly now: () => Date;
  readonly log: Logger;
  readonly policy: PollPolicy;
  readonly maxCatchUpDays: number;
}

export function createWorker(wiring: WorkerWiring): Worker {
  const { db, http, source, baseUrl, heartbeatUrl, now, log } = wiring;
  const latest = db.sqlite.prepare('select max(report_date) as d from reports where source = ?');
  const exists = db.sqlite.prepare('select 1 from reports where source = ? and report_date = ? limit 1');
  return new Worker(
    {
      now,
      lastStoredDate: async () => (latest.get(source.id) as { d: string | null }).d,
      isStored: async (date) => exists.get(source.id, date) !== undefined,
      fetchDay: (date) => dayOutcome(date, () => ingestReport({ db: db.kysely, http, now }, { source, date, ...(baseUrl ? { baseUrl } : {}) })),
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
