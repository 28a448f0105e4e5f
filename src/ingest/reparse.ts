/**
 * `reparse`: reads every fetched document again with the current parsers, so a parser fix
 * never needs the network. Each distinct fetched document (source, URL, report date, body) is
 * decoded and parsed as ingest parsed it, with the same context; what it yields for its date is
 * stored through the ordinary store path: the same figures store nothing, different figures
 * become a new revision with its `revised` findings. Documents that still hold no report are
 * listed with their reason.
 *
 * When a date was fetched as several different documents (a re-published page), only the one
 * fetched last that the current parser can read decides the date's figures: storing the older
 * ones too would add revisions that merely re-state the past, out of order.
 *
 * Imported files are not fetches; they are out of scope and counted as skipped.
 */
import type { Kysely } from 'kysely';
import { countImportedFiles, loadFetchedDocuments, readDocument, type FetchRow } from '../db/evidence.js';
import type { Database } from '../db/schema.js';
import { decodeBody } from '../http/client.js';
import type { ParsedReport } from '../report/types.js';
import { SOURCES } from '../sources/registry.js';
import type { DocumentOutcome, SourceAdapter } from '../sources/types.js';
import { storeReports } from './store.js';

export interface ReparseScope {
  /** Only this source's documents. */
  readonly source?: string;
  /** First report date, inclusive. */
  readonly from?: string;
  /** Last report date, inclusive. */
  readonly to?: string;
  /** Time stamp of the revisions stored. */
  readonly now: string;
}

export interface StillFailing {
  readonly url: string;
  readonly reportDate: string | null;
  readonly reason: string;
}

export interface ReparseResult {
  /** Distinct fetched documents parsed again. */
  readonly documents: number;
  /** Reports stored as a new revision. */
  readonly stored: number;
  /** Reports whose figures equal the latest stored revision. */
  readonly unchanged: number;
  /** Reports not stored because a document fetched later for the same source and date decides it. */
  readonly superseded: number;
  /** Documents that still hold no report for their date, oldest fetch first. */
  readonly stillFailing: readonly StillFailing[];
  /** Imported files in scope, which are not re-parsed (import them again instead). */
  readonly skippedImports: number;
}

export type { FetchRow };

/** A distinct fetched document: one (source, URL, report date, body), however often it was fetched. */
export interface FetchedDocument {
  readonly source: string;
  /** The URL asked for: what the parser is told, as ingest told it. */
  readonly url: string;
  /** The URL that answered its latest fetch: what a report stored from it records. */
  readonly finalUrl: string;
  readonly reportDate: string | null;
  readonly sha256: string;
  /** Position of its latest fetch among all the fetches read: a later document has a higher one. */
  readonly lastFetch: number;
}

/** What the current parser makes of one document. */
export type Reading =
  | { readonly document: FetchedDocument; readonly status: 'reports'; readonly reports: readonly ParsedReport[] }
  | { readonly document: FetchedDocument; readonly status: 'failed'; readonly reason: string };

export interface ReparsePlan {
  /** Documents in scope. */
  readonly documents: number;
  /** The reports each document stores, oldest fetch first; documents with none are left out. */
  readonly steps: readonly { readonly document: FetchedDocument; readonly reports: readonly ParsedReport[] }[];
  readonly superseded: number;
  readonly stillFailing: readonly StillFailing[];
}

interface DateRange {
  readonly from?: string;
  readonly to?: string;
}

function inRange(date: string, range: DateRange): boolean {
  return (!range.from || date >= range.from) && (!range.to || date <= range.to);
}

/**
 * The distinct documents among fetch attempts given oldest first, in the order of their first
 * fetch, each with the position of its latest fetch.
 */
export function distinctDocuments(rows: readonly FetchRow[]): FetchedDocument[] {
  const byKey = new Map<string, { source: string; url: string; finalUrl: string; reportDate: string | null; sha256: string; lastFetch: number }>();
  rows.forEach((row, position) => {
    const key = JSON.stringify([row.source, row.url, row.reportDate, row.sha256]);
    const seen = byKey.get(key);
    if (seen) {
      seen.lastFetch = position;
      seen.finalUrl = row.finalUrl;
    } else byKey.set(key, { source: row.source, url: row.url, finalUrl: row.finalUrl, reportDate: row.reportDate, sha256: row.sha256, lastFetch: position });
  });
  return [...byKey.values()];
}

const FAILURE_WORDS: Record<Exclude<DocumentOutcome['status'], 'reports'>, string> = {
  parse_error: 'parse error',
  undated: 'no date',
  no_report: 'no report',
  blocked: 'blocked',
};

/** The reports of a parse outcome for the document's date (all of them when it has none), or why there are none. */
export function readOutcome(document: FetchedDocument, outcome: DocumentOutcome): Reading {
  if (outcome.status !== 'reports') return { document, status: 'failed', reason: `${FAILURE_WORDS[outcome.status]}: ${outcome.reason}` };
  const date = document.reportDate;
  const reports = date === null ? outcome.reports : outcome.reports.filter((r) => r.reportDate === date);
  if (reports.length === 0) {
    const held = outcome.reports.map((r) => r.reportDate).join(', ');
    const reason = date === null || held === '' ? 'the document holds no daily report' : `the document holds ${held}, not ${date}`;
    return { document, status: 'failed', reason: `no report: ${reason}` };
  }
  return { document, status: 'reports', reports };
}

/** Decodes and parses a stored body as ingest did when it was fetched. */
export function parseStoredDocument(adapter: SourceAdapter, document: FetchedDocument, body: Buffer, contentType: string | null): Reading {
  const context = document.reportDate === null ? { url: document.url } : { url: document.url, date: document.reportDate };
  let outcome: DocumentOutcome;
  try {
    outcome = adapter.parse(decodeBody(body, contentType ?? undefined), context);
  } catch (error) {
    // One document a parser cannot cope with must not stop the others from being re-read.
    return { document, status: 'failed', reason: `the ${adapter.id} parser failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return readOutcome(document, outcome);
}

/**
 * Decides what each reading stores: for every (source, report date) the reports of the document
 * fetched last that yields one; the others are superseded. Reports outside the range are left
 * out (only documents fetched without a report date can yield them); so are documents without a
 * report date that fail, when a range is asked for, since their date is unknown.
 */
export function planReparse(readings: readonly Reading[], range: DateRange = {}): ReparsePlan {
  const ranged = range.from !== undefined || range.to !== undefined;
  const kept: Reading[] = [];
  for (const reading of readings) {
    if (reading.status === 'failed') {
      if (reading.document.reportDate !== null || !ranged) kept.push(reading);
      continue;
    }
    const reports = reading.reports.filter((r) => inRange(r.reportDate, range));
    if (reports.length > 0) kept.push({ ...reading, reports });
  }

  const deciding = new Map<string, FetchedDocument>();
  const keyOf = (report: ParsedReport) => JSON.stringify([report.source, report.reportDate]);
  for (const reading of kept) {
    if (reading.status !== 'reports') continue;
    for (const report of reading.reports) {
      const current = deciding.get(keyOf(report));
      if (!current || current.lastFetch < reading.document.lastFetch) deciding.set(keyOf(report), reading.document);
    }
  }

  const steps: { document: FetchedDocument; reports: ParsedReport[] }[] = [];
  const stillFailing: StillFailing[] = [];
  let superseded = 0;
  for (const reading of kept) {
    const { document } = reading;
    if (reading.status === 'failed') {
      stillFailing.push({ url: document.url, reportDate: document.reportDate, reason: reading.reason });
      continue;
    }
    const reports = reading.reports.filter((r) => deciding.get(keyOf(r)) === document);
    superseded += reading.reports.length - reports.length;
    if (reports.length > 0) steps.push({ document, reports });
  }
  return { documents: kept.length, steps, superseded, stillFailing };
}

const ADAPTERS: ReadonlyMap<string, SourceAdapter> = new Map(Object.values(SOURCES).map((adapter) => [adapter.id, adapter]));

async function readAll(db: Kysely<Database>, documents: readonly FetchedDocument[]): Promise<Reading[]> {
  const readings: Reading[] = [];
  for (const document of documents) {
    const adapter = ADAPTERS.get(document.source);
    if (!adapter) continue;
    const stored = await readDocument(db, document.sha256);
    readings.push(
      stored
        ? parseStoredDocument(adapter, document, stored.body, stored.contentType)
        : { document, status: 'failed', reason: `the document ${document.sha256} is not in the database` },
    );
  }
  return readings;
}

/**
 * Parses every fetched document in scope again with the current parsers and stores what
 * changed, one transaction per document that stores anything.
 */
export async function reparseDocuments(db: Kysely<Database>, scope: ReparseScope): Promise<ReparseResult> {
  const documents = distinctDocuments(await loadFetchedDocuments(db, { ...scope, sources: [...ADAPTERS.keys()] }));
  const plan = planReparse(await readAll(db, documents), scope);
  let stored = 0;
  let unchanged = 0;
  for (const step of plan.steps) {
    const batch = await storeReports(
      db,
      step.reports.map((report) => ({
        report,
        origin: step.document.finalUrl,
        document: null,
        documentHash: step.document.sha256,
        fetch: null,
        now: scope.now,
      })),
    );
    stored += batch.stored;
    unchanged += batch.unchanged;
  }
  return {
    documents: plan.documents,
    stored,
    unchanged,
    superseded: plan.superseded,
    stillFailing: plan.stillFailing,
    skippedImports: await countImportedFiles(db, scope),
  };
}
