/**
 * The analyst server's answers kept in memory for as long as the database does not change.
 * Every answer is keyed by the request (path and parameters) and the database state it was read
 * at: SQLite's `PRAGMA data_version` on the server's connection, which changes whenever another
 * connection (the worker, `ingest`, `import`, any other process) commits. The server only reads,
 * so every write is someone else's, and a new state forgets every answer at once.
 *
 * The cache is bounded in entries and bytes, least recently used out first, so that a scan over
 * many ranges costs time, never unbounded memory. Each answer carries a strong ETag (a hash of
 * its bytes: it stays valid across restarts, when data_version starts again), and a request whose
 * If-None-Match names it gets a 304 with no body.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** An answer as sent: its bytes and every header that goes with them. */
export interface Answer {
  readonly body: Buffer;
  readonly etag: string;
  readonly headers: OutgoingHttpHeaders;
}

/**
 * What the cache remembers of a request: its answer, or that the answer is larger than an entry
 * may be (it is then streamed to each request rather than built again into memory for nothing).
 */
export type Remembered = Answer | 'too-large';

export interface CacheLimits {
  readonly maxEntries: number;
  /** Bytes of all answers and their keys together. */
  readonly maxBytes: number;
  /** The largest answer kept; a larger one is answered but not kept. */
  readonly maxEntryBytes: number;
}

/** A server on a 1,700-day history: one category's series is ~200 KB, the whole long export ~1.3 MB. */
export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 1000, maxBytes: 64 * 2 ** 20, maxEntryBytes: 8 * 2 ** 20 };

/** Revalidate every time: a stored copy may be used only after the server says it is current. */
const REVALIDATE = 'no-cache';

export class AnswerCache {
  readonly limits: CacheLimits;
  #state: number | null = null;
  /** Map order is use order: the first entry is the least recently used. */
  readonly #entries = new Map<string, { readonly value: Remembered; readonly bytes: number }>();
  #bytes = 0;

  constructor(limits: CacheLimits = DEFAULT_CACHE_LIMITS) {
    this.limits = limits;
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The keys held, least recently used first. */
  keys(): string[] {
    return [...this.#entries.keys()];
  }

  /** What is remembered of `key` at database state `state`; a new state forgets everything first. */
  get(state: number, key: string): Remembered | undefined {
    this.#moveTo(state);
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /**
   * Keeps `value` for `key` at `state`, if it fits, making room by forgetting the least recently
   * used. An answer of another state than the one last asked for (an export whose build ended
   * after a write) is not kept: it would only push out the answers of that state.
   */
  set(state: number, key: string, value: Remembered): void {
    if (this.#state !== null && state !== this.#state) return;
    this.#moveTo(state);
    const bytes = key.length + (value === 'too-large' ? 0 : value.body.length);
    if (bytes > this.limits.maxEntryBytes) return;
    this.#delete(key);
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.limits.maxEntries && this.#bytes <= this.limits.maxBytes) break;
      this.#delete(oldest);
    }
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  #moveTo(state: number): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#entries.clear();
    this.#bytes = 0;
  }
}

/**
 * The key of a request: its path and its parameters in name order. Parameters of the same name
 * keep their order, which is the order of an answer's categories.
 */
export function requestKey(url: URL): string {
  if (url.search === '') return url.pathname;
  const params = new URLSearchParams(url.searchParams);
  params.sort();
  return `${url.pathname}?${params.toString()}`;
}

/** An answer of `body` with its headers, a strong ETag of its bytes among them. */
export function makeAnswer(body: Buffer, headers: OutgoingHttpHeaders): Answer {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  return { body, etag, headers: { ...headers, 'content-length': body.length, etag, 'cache-control': REVALIDATE } };
}

/**
 * Whether an If-None-Match header names `etag`. The comparison is weak, as RFC 9110 asks for
 * this header: a `W/` prefix is read over; `*` names any current answer.
 */
export function noneMatchNames(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Sends an answer, or a 304 with no body when the client already holds it. HEAD gets the headers only (node:http drops the body). */
export function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (noneMatchNames(req.headers['if-none-match'], answer.etag)) {
    res.writeHead(304, { etag: answer.etag, 'cache-control': REVALIDATE });
    res.end();
    return;
  }
  res.writeHead(200, answer.headers);
  res.end(answer.body);
}
