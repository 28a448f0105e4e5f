/**
 * Polite fetching on top of the HTTP client: retries with exponential backoff and jitter on
 * network failures, 5xx and 429 (honouring Retry-After), at most `perHostConcurrency` requests
 * at a time per host and a minimum spacing between the starts of two requests to one host.
 * Every attempt is reported to the caller, who records it as a `fetches` row; after the last
 * attempt the caller gets the last response or the last failure and words the message.
 *
 * This module imports only types from the client, so that `config.ts` can read the defaults
 * without loading undici (`losstally status` does not pay for the HTTP client).
 */
import { setTimeout as wait } from 'node:timers/promises';
import { NetworkError, StoppedError } from '../errors.js';
import type { HttpClient, HttpFailure, HttpResponse, NetworkFailure } from './client.js';

export interface PoliteOptions {
  /** Attempts per fetch, the first one included: 1 means no retry. */
  readonly maxAttempts: number;
  /** Backoff before the second attempt; it doubles for each further one. */
  readonly baseDelayMs: number;
  /** Longest backoff, before jitter. */
  readonly maxDelayMs: number;
  /** Random share added to a backoff: 0.3 adds 0 to 30 %. */
  readonly jitter: number;
  /** Longest Retry-After honoured; a longer one ends the retries at once. */
  readonly maxRetryAfterMs: number;
  /** Least time between the starts of two requests to the same host. */
  readonly minSpacingMs: number;
  /** Requests at a time to one host. */
  readonly perHostConcurrency: number;
}

export const DEFAULT_POLITE_OPTIONS: PoliteOptions = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  jitter: 0.3,
  maxRetryAfterMs: 15 * 60_000,
  minSpacingMs: 1_000,
  perHostConcurrency: 1,
});

/** One request as it went: a status or a failure, and whether another attempt follows. */
export interface FetchAttempt {
  readonly url: string;
  /** The URL that answered (or failed): `url`, or where redirects within its host led. */
  readonly finalUrl: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The HTTP status, or null when no response came. */
  readonly status: number | null;
  readonly durationMs: number;
  readonly failure: HttpFailure | null;
  readonly willRetry: boolean;
  /** Wait before the next attempt, or null when there is none. */
  readonly retryInMs: number | null;
}

export interface PoliteRequest {
  /** Extra request headers, e.g. from `conditionalHeaders`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Called after every attempt, before the next one starts; a rejection ends the fetch. */
  readonly onAttempt?: (attempt: FetchAttempt) => Promise<void> | void;
  /**
   * Ends the fetch at once when aborted (the worker is stopping): the request in flight and
   * any wait are cut short, no further attempt starts, and the fetch rejects with a StoppedError.
   */
  readonly stop?: AbortSignal;
}

export interface PoliteFetcher {
  /**
   * Fetches a URL, retrying what may pass. Resolves with the last response, whatever its
   * status (a 404, or a 503 after the last attempt); rejects with the last `HttpFailure` when
   * no attempt got a response.
   */
  fetch(url: string, request?: PoliteRequest): Promise<HttpResponse>;
}

export interface PoliteDeps {
  /** Waits (backoff, spacing); a clock of the caller's, so a test can run time faster. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1), for the jitter. */
  readonly random?: () => number;
  /** Milliseconds since the epoch: spacing, HTTP-date Retry-After and attempt durations. */
  readonly now?: () => number;
}

const RETRIED_FAILURES: ReadonlySet<NetworkFailure> = new Set(['unreachable', 'timeout']);
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** The three HTTP-date forms all start with the day's name ("Wed, 21 Oct 2015 07:28:00 GMT"). */
const HTTP_DATE = /^[a-z]{3,9},? /i;
/** asctime's form names no zone; it is GMT, but Date.parse would read it as local time. */
const ASCTIME = /^[a-z]{3} [a-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/i;

/** Sleeps, or rejects with a StoppedError as soon as `stop` is aborted, whatever the sleep does. */
function sleepUnlessStopped(sleep: (ms: number) => Promise<void>, ms: number, stop: AbortSignal | undefined): Promise<void> {
  if (!stop) return sleep(ms);
  if (stop.aborted) return Promise.reject(new StoppedError('stopped while waiting to fetch'));
  return new Promise<void>((resolve, reject) => {
    const onStop = () => reject(new StoppedError('stopped while waiting to fetch'));
    stop.addEventListener('abort', onStop, { once: true });
    sleep(ms).then(
      () => {
        stop.removeEventListener('abort', onStop);
        resolve();
      },
      (error: unknown) => {
        stop.removeEventListener('abort', onStop);
        reject(error);
      },
    );
  });
}

function isRetriedStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** An `HttpFailure`, told by its shape so that this module needs no runtime import of undici. */
function isHttpFailure(error: unknown): error is HttpFailure {
  return error instanceof NetworkError && typeof (error as { failure?: unknown }).failure === 'string';
}

/** Milliseconds a Retry-After value asks for (seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return null;
  const date = Date.parse(ASCTIME.test(text) ? `${text} GMT` : text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The requests to one host: a FIFO of at most `limit` at a time, each starting at least
 * `spacingMs` after the one before. A start time is reserved before waiting for it, so that
 * requests let in together are still spaced.
 */
class HostGate {
  readonly #limit: number;
  readonly #spacingMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #waiting: (() => void)[] = [];
  #active = 0;
  #nextStart = Number.NEGATIVE_INFINITY;

  constructor(limit: number, spacingMs: number, sleep: (ms: number) => Promise<void>, now: () => number) {
    this.#limit = limit;
    this.#spacingMs = spacingMs;
    this.#sleep = sleep;
    this.#now = now;
  }

  async enter(stop?: AbortSignal): Promise<void> {
    if (this.#active < this.#limit) this.#active++;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    const current = this.#now();
    const start = Math.max(current, this.#nextStart);
    this.#nextStart = start + this.#spacingMs;
    if (start <= current && !stop?.aborted) return;
    try {
      await sleepUnlessStopped(this.#sleep, Math.max(0, start - current), stop);
    } catch (error) {
      this.leave();
      throw error;
    }
  }

  leave(): void {
    // The slot passes straight to the next in line, so that nobody overtakes the queue.
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }

  /** No request to this host starts before `time` (the server asked for it with Retry-After). */
  holdUntil(time: number): void {
    this.#nextStart = Math.max(this.#nextStart, time);
  }
}

function checkOptions(options: PoliteOptions): void {
  const wholes = ['maxAttempts', 'perHostConcurrency'] as const;
  for (const name of wholes) {
    if (!Number.isSafeInteger(options[name]) || options[name] < 1) {
      throw new RangeError(`polite fetcher option ${name} = ${options[name]} must be a whole number of at least 1`);
    }
  }
  const amounts = ['baseDelayMs', 'maxDelayMs', 'jitter', 'maxRetryAfterMs', 'minSpacingMs'] as const;
  for (const name of amounts) {
    if (!Number.isFinite(options[name]) || options[name] < 0) {
      throw new RangeError(`polite fetcher option ${name} = ${options[name]} must be a number of at least 0`);
    }
  }
}

export function createPoliteFetcher(http: HttpClient, options: Partial<PoliteOptions> = {}, deps: PoliteDeps = {}): PoliteFetcher {
  const settings: PoliteOptions = { ...DEFAULT_POLITE_OPTIONS, ...options };
  checkOptions(settings);
  const sleep = deps.sleep ?? ((ms: number) => wait(ms));
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  // One gate per host (with its port) ever fetched from: a handful of sources, so never pruned.
  const gates = new Map<string, HostGate>();

  const gateFor = (url: string): HostGate => {
    const host = URL.canParse(url) ? new URL(url).host : url;
    let gate = gates.get(host);
    if (!gate) {
      gate = new HostGate(settings.perHostConcurrency, settings.minSpacingMs, sleep, now);
      gates.set(host, gate);
    }
    return gate;
  };

  const backoff = (attempt: number): number =>
    Math.round(Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1)) * (1 + settings.jitter * random()));

  /** The wait before the next attempt, or null when this one is the last. */
  const nextDelay = (attempt: number, response: HttpResponse | null, failure: HttpFailure | null, gate: HostGate): number | null => {
    const retried = response ? isRetriedStatus(response.status) : failure !== null && RETRIED_FAILURES.has(failure.failure);
    if (!retried) return null;
    if (response && RETRY_AFTER_STATUSES.has(response.status)) {
      const current = now();
      const asked = parseRetryAfter(response.headers['retry-after'], current);
      if (asked !== null) {
        if (asked > settings.maxRetryAfterMs) return null;
        // The server asked the whole host to wait, not only this URL.
        gate.holdUntil(current + asked);
        return attempt < settings.maxAttempts ? asked : null;
      }
    }
    return attempt < settings.maxAttempts ? backoff(attempt) : null;
  };

  return {
    async fetch(url: string, request: PoliteRequest = {}): Promise<HttpResponse> {
      const gate = gateFor(url);
      const stop = request.stop;
      for (let attempt = 1; ; attempt++) {
        await gate.enter(stop);
        const started = now();
        let response: HttpResponse | null = null;
        let failure: HttpFailure | null = null;
        try {
          response = await http.get(url, request.headers, stop);
        } catch (error) {
          if (!isHttpFailure(error)) throw error;
          failure = error;
        } finally {
          gate.leave();
        }
        const durationMs = Math.max(0, now() - started);
        const retryInMs = nextDelay(attempt, response, failure, gate);
        await request.onAttempt?.({
          url,
          finalUrl: response?.finalUrl ?? failure?.finalUrl ?? url,
          attempt,
          status: response?.status ?? null,
          durationMs,
          failure,
          willRetry: retryInMs !== null,
          retryInMs,
        });
        if (retryInMs === null) {
          if (response) return response;
          throw failure;
        }
        if (retryInMs > 0 || stop?.aborted) await sleepUnlessStopped(sleep, retryInMs, stop);
      }
    },
  };
}
