/**
 * Raw evidence, append-only: every fetch attempt with its outcome, and every fetched body,
 * gzip-compressed and keyed by the SHA-256 of the uncompressed bytes.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { DatabaseError } from '../errors.js';
import type { CompressedDocument } from './document-compressor.js';
import type { Database, FetchOutcome } from './schema.js';

export function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Stores a document once; returns its hash whether it was new or not. */
export async function storeDocument(db: Kysely<Database>, body: Buffer, contentType: string | null, now: string): Promise<string> {
  // Large files (imported datasets) are compressed at the fastest level: they are stored once and rarely read.
  const gzip = gzipSync(body, { level: body.length > 256 * 1024 ? 1 : 6 });
  return storeCompressedDocument(db, { sha256: sha256(body), bytes: body.length, gzip }, contentType, now);
}

/** Stores a document compressed as it was read (an imported file, see document-compressor.ts) once; returns its hash. */
export async function storeCompressedDocument(db: Kysely<Database>, document: CompressedDocument, contentType: string | null, now: string): Promise<string> {
  await db
    .insertInto('documents')
    .values({ sha256: document.sha256, content_type: contentType, bytes: document.bytes, encoding: 'gzip', body: document.gzip, stored_at: now })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return document.sha256;
}

export interface StoredDocument {
  /** The body as it was fetched (uncompressed). */
  readonly body: Buffer;
  readonly contentType: string | null;
}

/** A stored document by the hash of its body, uncompressed; null when no such document is stored. */
export async function readDocument(db: Kysely<Database>, hash: string): Promise<StoredDocument | null> {
  const row = await db.selectFrom('documents').select(['body', 'content_type', 'encoding']).where('sha256', '=', hash).executeTakeFirst();
  if (!row) return null;
  if (row.encoding === 'identity') return { body: Buffer.from(row.body), contentType: row.content_type };
  if (row.encoding !== 'gzip') throw new DatabaseError(`document ${hash} is stored with the unknown encoding "${row.encoding}"`);
  try {
    return { body: gunzipSync(row.body), contentType: row.content_type };
  } catch (error) {
    throw new DatabaseError(`document ${hash} is damaged: its gzip body cannot be read (${(error as Error).message})`, { cause: error });
  }
}

export interface FetchRecord {
  readonly source: string;
  readonly reportDate: string | null;
  /** The URL asked for. */
  readonly url: string;
  /** The URL that answered: `url`, or where redirects within its host led. */
  readonly finalUrl: string;
  readonly fetchedAt: string;
  readonly httpStatus: number | null;
  readonly outcome: FetchOutcome;
  readonly bytes: number | null;
  readonly sha256: string | null;
  readonly durationMs: number | null;
  readonly error: string | null;
  /** The response's ETag and Last-Modified, for the next conditional request. */
  readonly etag?: string | null;
  readonly lastModified?: string | null;
}

export async function recordFetch(db: Kysely<Database>, record: FetchRecord): Promise<number> {
  const row = await db
    .insertInto('fetches')
    .values({
      source: record.source,
      report_date: record.reportDate,
      url: record.url,
      final_url: record.finalUrl,
      fetched_at: record.fetchedAt,
      http_status: record.httpStatus,
      outcome: record.outcome,
      bytes: record.bytes,
      sha256: record.sha256,
      duration_ms: record.durationMs,
      error: record.error,
      etag: record.etag ?? null,
      last_modified: record.lastModified ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One attempt as the fetches table holds it. */
export interface FetchRow {
  readonly id: number;
  readonly source: string;
  /** The URL asked for. */
  readonly url: string;
  /** The URL that answered (the one asked for on rows from before redirects were recorded). */
  readonly finalUrl: string;
  readonly reportDate: string | null;
  readonly sha256: string;
  readonly fetchedAt: string;
}

export interface FetchScope {
  /** Only these sources (those a parser exists for). */
  readonly sources: readonly string[];
  readonly source?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Every fetch attempt in scope that kept a body, of a source with an adapter, oldest first. */
export async function loadFetchedDocuments(db: Kysely<Database>, scope: FetchScope): Promise<FetchRow[]> {
  let query = db
    .selectFrom('fetches')
    .select(['id', 'source', 'url', 'final_url', 'report_date', 'sha256', 'fetched_at'])
    .where('sha256', 'is not', null)
    .where('source', 'in', [...scope.sources]);
  if (scope.source !== undefined) query = query.where('source', '=', scope.source);
  // Attempts without a report date are read to see which dates they hold.
  if (scope.from !== undefined) {
    const from = scope.from;
    query = query.where((eb) => eb.or([eb('report_date', '>=', from), eb('report_date', 'is', null)]));
  }
  if (scope.to !== undefined) {
    const to = scope.to;
    query = query.where((eb) => eb.or([eb('report_date', '<=', to), eb('report_date', 'is', null)]));
  }
  const rows = await query.orderBy('fetched_at').orderBy('id').execute();
  return rows.flatMap((r) =>
    r.sha256 === null ? [] : [{ id: r.id, source: r.source, url: r.url, finalUrl: r.final_url ?? r.url, reportDate: r.report_date, sha256: r.sha256, fetchedAt: r.fetched_at }],
  );
}

/** Imported files (distinct source and body) in scope: those of the source asked for, with a report in the range. */
export async function countImportedFiles(db: Kysely<Database>, scope: Omit<FetchScope, 'sources'>): Promise<number> {
  let query = db.selectFrom('imports').select(['imports.source', 'imports.sha256']).distinct();
  if (scope.source !== undefined) query = query.where('imports.source', '=', scope.source);
  if (scope.from !== undefined || scope.to !== undefined) {
    const { from, to } = scope;
    query = query.where((eb) => {
      let reports = eb.selectFrom('reports').select('reports.id').whereRef('reports.source', '=', 'imports.source');
      if (from !== undefined) reports = reports.where('reports.report_date', '>=', from);
      if (to !== undefined) reports = reports.where('reports.report_date', '<=', to);
      return eb.exists(reports);
    });
  }
  return (await query.execute()).length;
}


/**
 * The validators of the last response for a URL that gave a report (stored or unchanged), for
 * a conditional request; null when there is none.
 */
export async function lastValidators(db: Kysely<Database>, url: string): Promise<{ etag: string | null; lastModified: string | null } | null> {
  const row = await db
    .selectFrom('fetches')
    .select(['etag', 'last_modified', 'outcome'])
    .where('url', '=', url)
    .where('outcome', 'in', ['stored', 'unchanged'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || (row.etag === null && row.last_modified === null)) return null;
  return { etag: row.etag, lastModified: row.last_modified };
}
