/**
 * `losstally worker`: runs until SIGINT or SIGTERM, fetching today's report in the publication
 * window and catching up the days an outage missed. One worker per database.
 */
import { setTimeout as wait } from 'node:timers/promises';
import { createHttpClient } from '../../http/client.js';
import { createPoliteFetcher } from '../../http/polite.js';
import { parseBaseUrl } from '../../sources/base-url.js';
import { FETCHABLE_SOURCES } from '../../sources/registry.js';
import { UsageError } from '../../errors.js';
import { createWorker } from '../../worker/create.js';
import { acquireWorkerLock } from '../../worker/lock.js';
import { createLogger } from '../../worker/log.js';
import { runWorker, validateSchedule } from '../../worker/run.js';
import { parseWindow } from '../../worker/schedule.js';
import { openForWriting, type CommandContext } from '../context.js';

export interface WorkerOptions {
  readonly schedule?: string;
  readonly timezone: string;
  readonly window: string;
  readonly every: string;
  readonly source: string;
  readonly baseUrl?: string;
  readonly heartbeatUrl?: string;
  readonly catchUpDays: string;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, got "${value}"`);
  return n;
}

function validTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(`--timezone "${zone}" is not a time zone (for example Europe/Kyiv)`);
  }
}

export async function runWorkerCommand(context: CommandContext, options: WorkerOptions, signals: NodeJS.EventEmitter = process): Promise<number> {
  const source = FETCHABLE_SOURCES[options.source];
  if (!source) throw new UsageError(`--source must be one of ${Object.keys(FETCHABLE_SOURCES).join(', ')}, got "${options.source}"`);
  const timeZone = validTimeZone(options.timezone);
  const window = parseWindow(options.window);
  const everyMinutes = positive(options.every, '--every');
  const maxCatchUpDays = positive(options.catchUpDays, '--catch-up-days');
  if (options.schedule) validateSchedule(options.schedule);
  const baseUrlText = options.baseUrl ?? context.config.baseUrls[source.id];
  const baseUrl = baseUrlText ? parseBaseUrl(baseUrlText, options.baseUrl ? '--base-url' : `environment variable ${source.baseUrlVariable}`) : undefined;
  const heartbeatUrl = options.heartbeatUrl ?? context.config.heartbeatUrl;
  if (heartbeatUrl) parseBaseUrl(heartbeatUrl.replace(/[?#].*$/, ''), options.heartbeatUrl ? '--heartbeat-url' : 'environment variable LOSSTALLY_HEARTBEAT_URL');

  const lock = acquireWorkerLock(context.dbPath, context.now());
  const db = await openForWriting(context).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const http = createHttpClient(context.config.http);
  // Waits between retries end at once on SIGINT/SIGTERM: only a transaction is worth finishing.
  const stopping = new AbortController();
  const fetcher = createPoliteFetcher(http, context.config.polite, { sleep: (ms) => wait(ms, undefined, { signal: stopping.signal }) });
  const log = createLogger(context.stdout, { json: !context.stdoutIsTty, now: context.now });
  const worker = createWorker({
    db,
    http,
    fetcher,
    source,
    ...(baseUrl ? { baseUrl } : {}),
    heartbeatUrl: heartbeatUrl ?? null,
    now: context.now,
    log,
    policy: { ...window, everyMinutes, timeZone },
    maxCatchUpDays,
  });

  const running = runWorker(worker, { schedule: options.schedule ?? null, timeZone, log, now: context.now });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.log('info', 'signal', { signal });
      signals.removeAllListeners('SIGINT');
      signals.removeAllListeners('SIGTERM');
      resolve();
    };
    signals.once('SIGINT', () => stop('SIGINT'));
    signals.once('SIGTERM', () => stop('SIGTERM'));
  });
  // The cycle in progress finishes its transaction before anything closes.
  stopping.abort();
  await running.stop();
  await http.close();
  await db.close();
  lock.release();
  return 0;
}
