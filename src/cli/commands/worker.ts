/**
 * `losstally worker` (and `npm start`): runs until SIGINT or SIGTERM, or until the npm process
 * that started it is gone. On an empty database it first brings in the whole history; then it
 * follows its sources, fetching today's report in the publication window and catching up the
 * days an outage missed. One worker per database.
 */
import { FIRST_REPORT_DATE } from '../../dates.js';
import { hasAnyReport } from '../../db/reports.js';
import { writeTransaction } from '../../db/transaction.js';
import { readWorkerState, writeWorkerState } from '../../db/worker-state.js';
import { excerpt, UsageError } from '../../errors.js';
import { createHttpClient } from '../../http/client.js';
import { createPoliteFetcher } from '../../http/polite.js';
import { parseBaseUrl } from '../../sources/base-url.js';
import { FETCHABLE_SOURCES, russianwarshipSource } from '../../sources/registry.js';
import type { FetchableSource } from '../../sources/types.js';
import { clockFor } from '../../worker/clock.js';
import { createWorker } from '../../worker/create.js';
import { acquireWorkerLock } from '../../worker/lock.js';
import { createLogger } from '../../worker/log.js';
import { runWorker, validateSchedule } from '../../worker/run.js';
import { describeEvery, formatWindow, localTime, parseEvery, parseWindow, type PollPolicy } from '../../worker/schedule.js';
import { openForWriting, type CommandContext } from '../context.js';
import { watchNpmParent } from '../parent-watch.js';
import { createProgress } from '../progress.js';

export interface WorkerOptions {
  readonly schedule?: string;
  readonly timezone: string;
  readonly window: string;
  readonly every: string;
  readonly sources: string;
  readonly baseUrl?: string;
  readonly heartbeatUrl?: string;
  readonly catchUpDays: string;
  /** False with --no-history. */
  readonly history: boolean;
}

type HistoryState = 'pending' | 'done' | 'off' | 'none';

/** The history of an empty database comes from the API's paged list: a few dozen requests for the whole war. */
const HISTORY_SOURCE = russianwarshipSource;

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, got "${excerpt(value)}"`);
  return n;
}

function validTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(`--timezone "${excerpt(zone)}" is not a time zone (for example Europe/Kyiv)`);
  }
}

export function parseSources(text: string): FetchableSource[] {
  const ids = text.split(',').map((id) => id.trim());
  const known = Object.keys(FETCHABLE_SOURCES).join(', ');
  if (ids.some((id) => id === '')) throw new UsageError(`--sources must list source ids separated by commas (${known}), got "${excerpt(text)}"`);
  const sources = ids.map((id) => {
    const source = FETCHABLE_SOURCES[id];
    if (!source) throw new UsageError(`--sources: "${excerpt(id)}" is not a source that can be fetched; choose from ${known}`);
    return source;
  });
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new UsageError(`--sources names ${repeated} twice`);
  return sources;
}

/** Mirrors by source id: --base-url for the one source followed, else LOSSTALLY_<SOURCE>_BASE_URL. */
function baseUrlsOf(context: CommandContext, sources: readonly FetchableSource[], flag: string | undefined): Record<string, URL> {
  if (flag !== undefined && sources.length !== 1) {
    const variables = sources.map((s) => s.baseUrlVariable).join(', ');
    throw new UsageError(`--base-url names one mirror and the worker follows ${sources.map((s) => s.id).join(', ')}; set ${variables} instead`);
  }
  const urls: Record<string, URL> = {};
  for (const source of new Set([...sources, HISTORY_SOURCE])) {
    const fromFlag = flag !== undefined && source === sources[0];
    const text = fromFlag ? flag : context.config.baseUrls[source.id];
    if (text) urls[source.id] = parseBaseUrl(text, fromFlag ? '--base-url' : `environment variable ${source.baseUrlVariable}`);
  }
  return urls;
}

/** What the first cycle does, in words. */
function nextStep(history: HistoryState, today: string): string {
  return history === 'pending'
    ? `first the whole history from ${HISTORY_SOURCE.title} (${FIRST_REPORT_DATE} to yesterday, a few dozen requests), then today's report (${today})`
    : `first the days missed since the last stored report, then today's report (${today})`;
}

/** What the worker is about to do, in words, for a person at a terminal. */
function introduction(facts: {
  dbPath: string;
  empty: boolean;
  sources: readonly FetchableSource[];
  schedule: string | null;
  policy: PollPolicy;
  history: HistoryState;
  today: string;
}): string {
  const { policy } = facts;
  const names = facts.sources.map((s) => s.title).join(', ');
  const when = facts.schedule
    ? `at the times of "${facts.schedule}" (${policy.timeZone})`
    : `every ${describeEvery(policy.everyMs)} from ${formatWindow(policy).replace('-', ' to ')} ${policy.timeZone} time, until each has it`;
  return [
    `losstally worker: database ${facts.dbPath}${facts.empty ? ' (empty)' : ''}`,
    `following ${names}: today's report ${when}`,
    `next: ${nextStep(facts.history, facts.today)}`,
    'Ctrl-C stops it (after the transaction in progress).',
  ].join('\n');
}

export async function runWorkerCommand(context: CommandContext, options: WorkerOptions, signals: NodeJS.EventEmitter = process): Promise<number> {
  const sources = parseSources(options.sources);
  const timeZone = validTimeZone(options.timezone);
  const window = parseWindow(options.window);
  const everyMs = parseEvery(options.every);
  const maxCatchUpDays = positive(options.catchUpDays, '--catch-up-days');
  if (options.schedule) validateSchedule(options.schedule);
  const baseUrls = baseUrlsOf(context, sources, options.baseUrl);
  const heartbeatUrl = options.heartbeatUrl ?? context.config.heartbeatUrl;
  if (heartbeatUrl) parseBaseUrl(heartbeatUrl.replace(/[?#].*$/, ''), options.heartbeatUrl ? '--heartbeat-url' : 'environment variable LOSSTALLY_HEARTBEAT_URL');
  const clock = context.clock ?? clockFor(context.config.testClock);
  const now = () => clock.now();
  const policy: PollPolicy = { ...window, everyMs, timeZone };

  const lock = acquireWorkerLock(context.dbPath, now());
  const db = await openForWriting(context).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const stopping = new AbortController();
  const log = createLogger(context.stdout, { json: !context.stdoutIsTty, now });
  const http = createHttpClient(context.config.http);
  const fetcher = createPoliteFetcher(http, context.config.polite, { sleep: (ms) => clock.sleep(ms), now: () => clock.now().getTime() });
  try {
    const empty = !(await hasAnyReport(db.kysely));
    const started = now();
    await writeTransaction(db.kysely, async (trx) => {
      await writeWorkerState(trx, 'worker', { sources: sources.map((s) => s.id), pid: process.pid, startedAt: started.toISOString() }, started);
      if (empty && options.history) {
        await writeWorkerState(trx, 'history', { state: 'pending', source: HISTORY_SOURCE.id, from: FIRST_REPORT_DATE, through: null }, started);
      }
    });
    // 'none': the database held reports before any worker brought the history in.
    const historyState: HistoryState = options.history ? ((await readWorkerState(db.kysely, 'history'))?.state ?? 'none') : 'off';
    const progress = createProgress(context.stderr, { tty: context.stderrIsTty, label: `history ${HISTORY_SOURCE.id}` });
    const worker = createWorker({
      db,
      http,
      fetcher,
      sources,
      baseUrls,
      heartbeatUrl: heartbeatUrl ?? null,
      now,
      log,
      policy,
      maxCatchUpDays,
      history: historyState === 'pending' ? { source: HISTORY_SOURCE, onProgress: (p) => progress.update(p.done, p.total), onDone: () => progress.finish() } : null,
      stop: stopping.signal,
    });

    const today = localTime(started, timeZone).date;
    if (context.stdoutIsTty) {
      context.stdout.write(introduction({ dbPath: db.path, empty, sources, schedule: options.schedule ?? null, policy, history: historyState, today }) + '\n');
    } else {
      log.log('info', 'worker_started', {
        database: db.path,
        empty,
        sources: sources.map((s) => s.id).join(','),
        schedule: options.schedule ?? 'window',
        window: formatWindow(window),
        every: describeEvery(everyMs),
        time_zone: timeZone,
        history: historyState,
        today,
        next: nextStep(historyState, today),
        pid: process.pid,
      });
    }

    const stop = (event: string, fields: Record<string, unknown>) => {
      if (stopping.signal.aborted) return;
      log.log('info', event, fields);
      signals.removeListener('SIGINT', onSigint);
      signals.removeListener('SIGTERM', onSigterm);
      // What is in flight ends at once; a transaction in progress finishes first.
      stopping.abort();
    };
    const onSigint = () => stop('signal', { signal: 'SIGINT' });
    const onSigterm = () => stop('signal', { signal: 'SIGTERM' });
    signals.on('SIGINT', onSigint);
    signals.on('SIGTERM', onSigterm);
    const unwatch = watchNpmParent(process.env, (pid) => stop('parent_exited', { parent_pid: pid }));

    const running = runWorker(worker, { schedule: options.schedule ?? null, timeZone, log, clock, stop: stopping.signal, retryMs: everyMs });
    await running.finished;
    unwatch();
    log.log('info', 'worker_stopped', {});
    return 0;
  } finally {
    stopping.abort();
    await http.close();
    await db.close();
    lock.release();
  }
}
