/**
 * Stores one parsed report, with its evidence, in one transaction: the document, the fetch
 * attempt, the report with its figures, and the findings the checks derive from them. A report
 * whose figures equal the latest stored revision adds no report: only the record of the attempt
 * (and its body, when that body was never seen before).
 */
import type { Kysely } from 'kysely';
import type { Finding } from '../checks/findings.js';
import { recordFetch, storeDocument } from '../db/evidence.js';
import { listFindings } from '../db/findings.js';
import { changedLines } from '../checks/revision-checks.js';
import { figuresOf, findLatestRevision, insertReport, insertReports, loadLatestRevisions, type NewReport } from '../db/reports.js';
import type { Database, FetchOutcome } from '../db/schema.js';
import { writeTransaction } from '../db/transaction.js';
import type { ParsedReport } from '../report/types.js';
import { PARSER_VERSION } from '../report/version.js';
import { recheckStored } from './recheck.js';
import { kyivDate, warDateProblem } from '../dates.js';
import { ParseError } from '../errors.js';

export interface FetchEvidence {
  /** The URL asked for. */
  readonly url: string;
  /** The URL that answered: `url`, or where redirects within its host led. */
  readonly finalUrl: string;
  readonly httpStatus: number | null;
  readonly durationMs: number | null;
  readonly fetchedAt: string;
  readonly etag?: string | null;
  readonly lastModified?: string | null;
}

export interface DocumentEvidence {
  readonly body: Buffer;
  readonly contentType: string | null;
}

export interface StoreInput {
  readonly report: ParsedReport;
  /**
   * Where the report was read from: the URL that answered (after redirects), or a file name for
   * imports and pasted texts.
   */
  readonly origin: string | null;
  readonly document: DocumentEvidence | null;
  /** The hash of a document already stored (an imported file shared by many reports). */
  readonly documentHash?: string;
  readonly fetch: FetchEvidence | null;
  readonly now: string;
}

export interface StoreResult {
  readonly outcome: 'stored' | 'unchanged';
  readonly reportId: number;
  readonly revision: number;
  /** The stored document, when the input brought one. */
  readonly documentSha256?: string | null;
  /** Findings about this report after storing it. */
  readonly findings: readonly Finding[];
}

interface StoredOne {
  readonly outcome: 'stored' | 'unchanged';
  readonly reportId: number;
  readonly revision: number;
  readonly documentSha256: string | null;
}

/** Stores one report inside the caller's transaction, without running the checks. */
/**
 * The last guard of every path that stores (ingest, backfill, import, the worker): no report is
 * dated before the war or after tomorrow in Kyiv, whatever a document or a dataset says.
 */
function refuseOutsideWar(input: StoreInput): void {
  const problem = warDateProblem(input.report.reportDate, kyivDate(new Date(input.now)));
  if (problem) throw new ParseError(`${input.report.source} report of ${input.report.reportDate} not stored: ${problem}${input.origin ? ` (from ${input.origin})` : ''}`);
}

async function storeOne(trx: Kysely<Database>, input: StoreInput): Promise<StoredOne> {
  refuseOutsideWar(input);
  const { report } = input;
  // Every fetched body is kept (once per distinct body), so the fetch row's hash always leads to it.
  const documentSha256 =
    input.documentHash ?? (input.document ? await storeDocument(trx, input.document.body, input.document.contentType, input.now) : null);
  const latest = await findLatestRevision(trx, report.source, report.reportDate);
  const figures = figuresOf(report);
  // The same figures in other words (a relabelled line) are not a new revision.
  const unchanged = latest !== null && changedLines(latest.figures, figures).length === 0;
  const fetchId = input.fetch
    ? await recordFetch(trx, {
        source: report.source,
        reportDate: report.reportDate,
        url: input.fetch.url,
        finalUrl: input.fetch.finalUrl,
        fetchedAt: input.fetch.fetchedAt,
        httpStatus: input.fetch.httpStatus,
        outcome: unchanged ? 'unchanged' : 'stored',
        bytes: input.document?.body.length ?? null,
        sha256: documentSha256,
        durationMs: input.fetch.durationMs,
        error: null,
        etag: input.fetch.etag ?? null,
        lastModified: input.fetch.lastModified ?? null,
      })
    : null;
  if (latest && unchanged) return { outcome: 'unchanged', reportId: latest.id, revision: latest.revision, documentSha256 };
  const revision = (latest?.revision ?? 0) + 1;
  const reportId = await insertReport(trx, {
    source: report.source,
    reportDate: report.reportDate,
    revision,
    url: input.origin,
    documentSha256,
    fetchId,
    language: report.language,
    parserVersion: PARSER_VERSION,
    storedAt: input.now,
    figures,
  });
  return { outcome: 'stored', reportId, revision, documentSha256 };
}

/** Stores one report without running the checks (for a backfill, which runs them at its end). */
export async function storeReportUnchecked(db: Kysely<Database>, input: StoreInput): Promise<StoreResult> {
  const stored = await writeTransaction(db, (trx) => storeOne(trx, input));
  return { ...stored, findings: [] };
}

export async function storeReport(db: Kysely<Database>, input: StoreInput): Promise<StoreResult> {
  const { report } = input;
  return writeTransaction(db, async (trx) => {
    const stored = await storeOne(trx, input);
    const findings =
      stored.outcome === 'stored'
        ? await recheckStored(trx, report.source, [report.reportDate])
        : await listFindings(trx, { source: report.source, from: report.reportDate, to: report.reportDate });
    return { ...stored, findings };
  });
}

export interface BatchResult {
  readonly stored: number;
  readonly unchanged: number;
  /** Findings about the stored reports' dates and sources after storing them. */
  readonly findings: readonly Finding[];
}

/**
 * Stores many reports (an import, a many-day page) in one transaction, then runs the checks
 * once for what changed: all of it lands, or none of it.
 */
export async function storeReports(db: Kysely<Database>, inputs: readonly StoreInput[], before?: (trx: Kysely<Database>) => Promise<void>): Promise<BatchResult> {
  return storeReportBatches(db, [inputs], before);
}

/**
 * Stores reports handed over a batch at a time (a large import), still in one transaction with
 * the checks run once at the end: only one batch of inputs is built and held at a time. A date
 * must not come in two batches.
 */
export async function storeReportBatches(
  db: Kysely<Database>,
  batches: Iterable<readonly StoreInput[]>,
  before?: (trx: Kysely<Database>) => Promise<void>,
): Promise<BatchResult> {
  return writeTransaction(db, async (trx) => {
    if (before) await before(trx);
    let count = 0;
    let inputCount = 0;
    const dates = new Map<string, string[]>();
    for (const inputs of batches) {
      const stored = inputs.every((input) => input.fetch === null && input.document === null)
        ? await storeMany(trx, inputs)
        : await storeEach(trx, inputs);
      count += stored.count;
      inputCount += inputs.length;
      for (const [source, list] of stored.dates) for (const date of list) addDate(dates, source, date);
    }
    const findings: Finding[] = [];
    for (const [source, list] of dates) findings.push(...(await recheckStored(trx, source, list)));
    return { stored: count, unchanged: inputCount - count, findings };
  });
}

interface StoredDates {
  readonly count: number;
  /** The dates stored, by source. */
  readonly dates: Map<string, string[]>;
}

function addDate(dates: Map<string, string[]>, source: string, date: string): void {
  const list = dates.get(source);
  if (list) list.push(date);
  else dates.set(source, [date]);
}

/** One report at a time: for inputs with fetch rows or documents of their own. */
async function storeEach(trx: Kysely<Database>, inputs: readonly StoreInput[]): Promise<StoredDates> {
  const dates = new Map<string, string[]>();
  let count = 0;
  for (const input of inputs) {
    if ((await storeOne(trx, input)).outcome === 'unchanged') continue;
    count += 1;
    addDate(dates, input.report.source, input.report.reportDate);
  }
  return { count, dates };
}

/**
 * Many reports without fetch rows or documents of their own (an import, a reparse): the latest
 * revisions are read in one query per source and the new ones written in a few statements.
 */
async function storeMany(trx: Kysely<Database>, inputs: readonly StoreInput[]): Promise<StoredDates> {
  const bySource = new Map<string, StoreInput[]>();
  for (const input of inputs) {
    refuseOutsideWar(input);
    const list = bySource.get(input.report.source);
    if (list) list.push(input);
    else bySource.set(input.report.source, [input]);
  }
  const dates = new Map<string, string[]>();
  const fresh: NewReport[] = [];
  for (const [source, list] of bySource) {
    const sorted = list.map((input) => input.report.reportDate).sort();
    const latest = await loadLatestRevisions(trx, source, sorted[0] as string, sorted[sorted.length - 1] as string);
    // A date given twice is stored once: the later input is the newer reading.
    const last = new Map(list.map((input) => [input.report.reportDate, input]));
    for (const input of last.values()) {
      const { report } = input;
      const previous = latest.get(report.reportDate);
      const figures = figuresOf(report);
      if (previous && changedLines(previous.figures, figures).length === 0) continue;
      fresh.push({
        source,
        reportDate: report.reportDate,
        revision: (previous?.revision ?? 0) + 1,
        url: input.origin,
        documentSha256: input.documentHash ?? null,
        fetchId: null,
        language: report.language,
        parserVersion: PARSER_VERSION,
        storedAt: input.now,
        figures,
      });
      addDate(dates, source, report.reportDate);
    }
  }
  await insertReports(trx, fresh);
  return { count: fresh.length, dates };
}

export interface FailedAttempt {
  readonly source: string;
  readonly reportDate: string | null;
  readonly fetch: FetchEvidence;
  readonly outcome: Exclude<FetchOutcome, 'stored' | 'unchanged'>;
  /** The body, kept as evidence when the source answered with one. */
  readonly document: DocumentEvidence | null;
  readonly error: string;
  readonly now: string;
}

/** Records an attempt that stored no report, keeping any body it brought back. */
export async function recordFailedAttempt(db: Kysely<Database>, attempt: FailedAttempt): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const hash = attempt.document ? await storeDocument(trx, attempt.document.body, attempt.document.contentType, attempt.now) : null;
    await recordFetch(trx, {
      source: attempt.source,
      reportDate: attempt.reportDate,
      url: attempt.fetch.url,
      finalUrl: attempt.fetch.finalUrl,
      fetchedAt: attempt.fetch.fetchedAt,
      httpStatus: attempt.fetch.httpStatus,
      outcome: attempt.outcome,
      bytes: attempt.document?.body.length ?? null,
      sha256: hash,
      durationMs: attempt.fetch.durationMs,
      error: attempt.error,
    });
  });
}

export interface NotModified {
  readonly source: string;
  readonly date: string;
  /** The URL asked for. */
  readonly url: string;
  /** The URL that answered 304: `url`, or where redirects within its host led. */
  readonly finalUrl: string;
  readonly fetchedAt: string;
  readonly durationMs: number;
  readonly validators: { readonly etag: string | null; readonly lastModified: string | null };
}

/**
 * Records a 304 for a page whose report is stored: the report is unchanged. Null when no report
 * is stored for the date after all (the caller then fetches the page in full).
 */
export async function recordNotModified(db: Kysely<Database>, input: NotModified): Promise<(StoreResult & { figureCount: number }) | null> {
  return writeTransaction(db, async (trx) => {
    const latest = await findLatestRevision(trx, input.source, input.date);
    if (!latest) return null;
    await recordFetch(trx, {
      source: input.source,
      reportDate: input.date,
      url: input.url,
      finalUrl: input.finalUrl,
      fetchedAt: input.fetchedAt,
      httpStatus: 304,
      outcome: 'unchanged',
      bytes: 0,
      sha256: null,
      durationMs: input.durationMs,
      error: null,
      etag: input.validators.etag,
      lastModified: input.validators.lastModified,
    });
    const findings = await listFindings(trx, { source: input.source, from: input.date, to: input.date });
    return { outcome: 'unchanged', reportId: latest.id, revision: latest.revision, findings, figureCount: latest.figures.filter((f) => f.category !== null).length };
  });
}
