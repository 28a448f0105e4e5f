/**
 * `backfill`: every day of a range from one source, by the cheapest path it offers — the API's
 * paged list, one aggregator page per month, or one daily page per date with bounded
 * concurrency — stored without running the checks per day, then checked once for the range.
 * Days already stored are skipped unless `refetch`, so an interrupted backfill picks up where
 * it stopped; the closing check covers what an earlier, interrupted run stored too.
 */
import type { Kysely } from 'kysely';
import { addDays, daysBetween } from '../dates.js';
import { recordFetch, sha256, storeDocument } from '../db/evidence.js';
import { storedDates } from '../db/reports.js';
import type { Database } from '../db/schema.js';
import { isLossTallyError, isStopped } from '../errors.js';
import type { PoliteFetcher } from '../http/polite.js';
import type { FetchableSource } from '../sources/types.js';
import { ingestReport } from './ingest.js';
import { recheckRange } from './recheck.js';
import { fetchRussianwarshipList } from './russianwarship-list.js';
import { storeReports } from './store.js';

export interface BackfillDeps {
  readonly db: Kysely<Database>;
  readonly fetcher: PoliteFetcher;
  readonly now: () => Date;
  /** Called after every day (or list page) with the counts so far. */
  readonly onProgress?: (progress: BackfillProgress) => void;
  /** Aborted when the process is stopping: the backfill ends with a StoppedError, what is stored stays. */
  readonly stop?: AbortSignal;
}

export interface BackfillRequest {
  readonly source: FetchableSource;
  readonly from: string;
  readonly to: string;
  /**
   * Days fetched at a time (daily pages). The fetcher must hold requests per host to this
   * number: the backfill keeps more days in progress so that storing never idles the network.
   */
  readonly concurrency: number;
  /** Fetch days already stored again (new figures become revisions). */
  readonly refetch: boolean;
  readonly baseUrl?: URL;
}

export interface BackfillProgress {
  /** Days to fetch in this run (after skipping stored ones). */
  readonly total: number;
  readonly done: number;
  readonly stored: number;
  readonly unchanged: number;
  readonly notFound: number;
  readonly failed: number;
}

export interface BackfillResult extends BackfillProgress {
  /** Days of the range already stored, not fetched again. */
  readonly skipped: number;
  readonly notFoundDates: readonly string[];
  readonly failures: readonly { readonly date: string; readonly message: string }[];
  /** Findings of the source and of disagreements in the range after the closing check. */
  readonly findings: number;
}

interface Tally {
  total: number;
  done: number;
  stored: number;
  unchanged: number;
  notFound: number;
  failed: number;
  notFoundDates: string[];
  failures: { date: string; message: string }[];
}

function datesOf(from: string, to: string): string[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: count }, (_, i) => addDays(from, i));
}

function snapshot(tally: Tally): BackfillProgress {
  const { total, done, stored, unchanged, notFound, failed } = tally;
  return { total, done, stored, unchanged, notFound, failed };
}

/** What a failed day counts as: not there (a 404, not published) or failed. */
function recordFailure(tally: Tally, date: string, error: unknown): void {
  if (!isLossTallyError(error) || isStopped(error)) throw error;
  const missing = error.code === 'LT_NOT_PUBLISHED' || (error.code === 'LT_HTTP_STATUS' && (error as { statusCode?: number }).statusCode === 404);
  if (missing) {
    tally.notFound += 1;
    tally.notFoundDates.push(date);
  } else {
    tally.failed += 1;
    tally.failures.push({ date, message: error.message });
  }
}

/** One daily page per date, `concurrency` at a time. */
async function daily(deps: BackfillDeps, request: BackfillRequest, todo: readonly string[], tally: Tally): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const date = todo[next++] as string;
      try {
        const result = await ingestReport(deps, { source: request.source, date, deferChecks: true, ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}) });
        tally[result.outcome === 'stored' ? 'stored' : 'unchanged'] += 1;
      } catch (error) {
        recordFailure(tally, date, error);
      }
      tally.done += 1;
      deps.onProgress?.(snapshot(tally));
    }
  };
  // Twice as many workers as requests allowed: while some store a day, the others keep the
  // fetch path busy. The fetch path itself holds requests to `concurrency` per host.
  await Promise.all(Array.from({ length: Math.max(1, Math.min(request.concurrency * 2, todo.length)) }, worker));
}

/** One aggregator page per month: the first missing day of the month fetches it, and the others come with it. */
async function monthly(deps: BackfillDeps, request: BackfillRequest, todo: readonly string[], tally: Tally): Promise<void> {
  const months = new Map<string, string[]>();
  for (const date of todo) {
    const month = date.slice(0, 7);
    const list = months.get(month);
    if (list) list.push(date);
    else months.set(month, [date]);
  }
  for (const dates of months.values()) {
    const [first, ...rest] = dates as [string, ...string[]];
    const pending = new Set(rest);
    try {
      const result = await ingestReport(deps, {
        source: request.source,
        date: first,
        deferChecks: true,
        alsoStore: pending,
        ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
      });
      tally[result.outcome === 'stored' ? 'stored' : 'unchanged'] += 1;
      for (const other of result.also ?? []) {
        tally[other.outcome === 'stored' ? 'stored' : 'unchanged'] += 1;
        pending.delete(other.date);
      }
      tally.done += 1 + (result.also?.length ?? 0);
    } catch (error) {
      recordFailure(tally, first, error);
      tally.done += 1;
    }
    // The days the month's page did not hold are fetched one by one (they may be on the main page).
    if (pending.size > 0) await daily(deps, request, [...pending], tally);
    deps.onProgress?.(snapshot(tally));
  }
}

/** The API's paged list: a few requests for the whole range. */
async function paged(deps: BackfillDeps, request: BackfillRequest, todo: ReadonlySet<string>, tally: Tally): Promise<void> {
  await fetchRussianwarshipList(
    {
      fetcher: deps.fetcher,
      ...(deps.stop ? { stop: deps.stop } : {}),
      onPage: async (page, reports) => {
        const wanted = reports.filter((r) => todo.has(r.reportDate));
        const fetchedAt = deps.now().toISOString();
        const hash = sha256(page.body);
        const batch = await storeReports(
          deps.db,
          wanted.map((report) => ({ report, origin: page.finalUrl, document: null, documentHash: hash, fetch: null, now: fetchedAt })),
          async (trx) => {
            await storeDocument(trx, page.body, page.contentType, fetchedAt);
            await recordFetch(trx, {
              source: request.source.id,
              reportDate: null,
              url: page.url,
              finalUrl: page.finalUrl,
              fetchedAt,
              httpStatus: page.status,
              outcome: wanted.length > 0 ? 'stored' : 'unchanged',
              bytes: page.body.length,
              sha256: hash,
              durationMs: page.durationMs,
              error: null,
            });
          },
        );
        tally.stored += batch.stored;
        tally.unchanged += batch.unchanged;
        tally.done += wanted.length;
        deps.onProgress?.(snapshot(tally));
      },
    },
    { from: request.from, to: request.to, ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}) },
  );
}

export async function backfill(deps: BackfillDeps, request: BackfillRequest): Promise<BackfillResult> {
  const all = datesOf(request.from, request.to);
  const stored = request.refetch ? new Set<string>() : await storedDates(deps.db, request.source.id, request.from, request.to);
  const todo = all.filter((date) => !stored.has(date));
  const tally: Tally = { total: todo.length, done: 0, stored: 0, unchanged: 0, notFound: 0, failed: 0, notFoundDates: [], failures: [] };
  deps.onProgress?.(snapshot(tally));

  if (todo.length > 0) {
    if (request.source.id === 'russianwarship') {
      await paged(deps, request, new Set(todo), tally);
      // Days the list did not hold.
      const missing = todo.filter((date) => !stored.has(date));
      const after = await storedDates(deps.db, request.source.id, request.from, request.to);
      for (const date of missing) if (!after.has(date) && !tally.notFoundDates.includes(date)) {
        tally.notFound += 1;
        tally.notFoundDates.push(date);
      }
      tally.done = tally.total;
    } else if (request.source.id === 'minfin') {
      await monthly(deps, request, todo, tally);
    } else {
      await daily(deps, request, todo, tally);
    }
  }
  const findings = await recheckRange(deps.db, request.source.id, request.from, request.to);
  tally.notFoundDates.sort();
  tally.failures.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { ...snapshot(tally), skipped: all.length - todo.length, notFoundDates: tally.notFoundDates, failures: tally.failures, findings };
}
