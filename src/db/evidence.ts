/**
 * Raw evidence, append-only: every fetch attempt with its outcome, and every fetched body,
 * gzip-compressed and keyed by the SHA-256 of the uncompressed bytes.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database, FetchOutcome } from './schema.js';

export function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Stores a document once; returns its hash whether it was new or not. */
export async function storeDocument(db: Kysely<Database>, body: Buffer, contentType: string | null, now: string): Promise<string> {
  const hash = sha256(body);
  await db
    .insertInto('documents')
    .values({ sha256: hash, content_type: contentType, bytes: body.length, encoding: 'gzip', body: gzipSync(body), stored_at: now })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return hash;
}

export interface FetchRecord {
  readonly source: string;
  readonly reportDate: string | null;
  readonly url: string;
  readonly fetchedAt: string;
  readonly httpStatus: number | null;
  readonly outcome: FetchOutcome;
  readonly bytes: number | null;
  readonly sha256: string | null;
  readonly durationMs: number | null;
  readonly error: string | null;
}

export async function recordFetch(db: Kysely<Database>, record: FetchRecord): Promise<number> {
  const row = await db
    .insertInto('fetches')
    .values({
      source: record.source,
      report_date: record.reportDate,
      url: record.url,
      fetched_at: record.fetchedAt,
      http_status: record.httpStatus,
      outcome: record.outcome,
      bytes: record.bytes,
      sha256: record.sha256,
      duration_ms: record.durationMs,
      error: record.error,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
