/**
 * The one fetch path: every source's documents come through here, with timeouts (connect,
 * headers, idle body and an overall deadline), a size limit on the decoded body, a descriptive
 * User-Agent, redirects followed within the host asked for (see `redirects.ts`) and compressed
 * bodies decoded (see `body.ts`). Failures to get a response become `HttpFailure`s that say what
 * could not be reached and why; HTTP statuses are returned for the caller to judge.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { StoppedError } from '../errors.js';
import { readBody } from './body.js';
import { HttpFailure } from './failure.js';
import { MAX_REDIRECTS, redirectTarget, withinHost } from './redirects.js';

export { HttpFailure, type NetworkFailure } from './failure.js';

export interface HttpOptions {
  readonly userAgent: string;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** Longest pause between two chunks of the body. */
  readonly bodyTimeoutMs: number;
  /** Longest time for a whole request, however the server trickles its answer. */
  readonly totalTimeoutMs: number;
  /** Largest body, received and after decoding. */
  readonly maxBodyBytes: number;
}

export interface HttpResponse {
  /** The URL asked for. */
  readonly url: string;
  /** The URL that gave this response: `url`, or where redirects within its host led. */
  readonly finalUrl: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body, decompressed when the server sent it compressed. */
  readonly body: Buffer;
  readonly durationMs: number;
}

export interface HttpClient {
  /**
   * GETs a URL. `headers` are sent on top of the client's own (User-Agent, Accept, …) and win
   * over them, e.g. If-None-Match for a conditional request; names are case-insensitive.
   * `stop` aborts the request at once (the worker is stopping): it rejects with a StoppedError.
   */
  get(url: string, headers?: Readonly<Record<string, string>>, stop?: AbortSignal): Promise<HttpResponse>;
  close(): Promise<void>;
}

const NETWORK_REASONS: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name cannot be resolved right now',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'the connection timed out',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server sent no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending the body',
  UND_ERR_SOCKET: 'the connection was closed before the response was complete',
};

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** The first known error code on the cause chain (undici wraps system errors). */
function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_REASONS[code]) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function describeNetworkError(error: unknown): string {
  const code = errorCode(error);
  if (code) return `${NETWORK_REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
  accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
  'accept-language': 'uk,en;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
};

function requestHeaders(userAgent: string, extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': userAgent, ...DEFAULT_HEADERS };
  // Lower-cased so that 'Accept' from a caller replaces our 'accept' instead of being sent twice.
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function flatHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function createHttpClient(options: HttpOptions, dispatcher?: Dispatcher): HttpClient {
  // No redirect interceptor: redirects are followed below, where each hop's host is checked.
  const agent =
    dispatcher ??
    new Agent({
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });

  return {
    async get(url: string, extraHeaders?: Readonly<Record<string, string>>, stop?: AbortSignal): Promise<HttpResponse> {
      if (stop?.aborted) throw new StoppedError(`stopped before fetching ${url}`);
      const started = performance.now();
      const deadline = AbortSignal.timeout(options.totalTimeoutMs);
      const signal = stop ? AbortSignal.any([deadline, stop]) : deadline;
      // Same host only, so the headers (conditional ones included) may go to every hop.
      const headers = requestHeaders(options.userAgent, extraHeaders);
      const asked = URL.canParse(url) ? new URL(url) : null;
      const requested = new Set<string>();
      /** The URL being requested: `url`, then each redirect followed. */
      let current = url;
      try {
        for (let hops = 0; ; hops++) {
          requested.add(current);
          const response = await request(current, { method: 'GET', dispatcher: agent, signal, headers });
          const responseHeaders = flatHeaders(response.headers);
          const target = hops < MAX_REDIRECTS ? redirectTarget(response.statusCode, response.headers['location'], current) : null;
          if (target === null) {
            const body = await readBody(response.body, responseHeaders['content-encoding'], options.maxBodyBytes, current);
            return { url, finalUrl: current, status: response.statusCode, headers: responseHeaders, body, durationMs: Math.round(performance.now() - started) };
          }
          // A redirect's own body is of no use; reading it frees the connection for the next hop.
          await response.body.dump();
          if (!asked || !withinHost(asked, target)) {
            throw new HttpFailure('redirect_off_host', `${url} redirected to another host, ${target.href}; not followed`, { finalUrl: current, location: target.href });
          }
          if (requested.has(target.href)) throw new HttpFailure('redirect_loop', `${url} redirects in a loop`, { finalUrl: current });
          current = target.href;
        }
      } catch (error) {
        if (stop?.aborted) throw new StoppedError(`stopped while fetching ${url}`);
        if (error instanceof HttpFailure) throw error;
        if (deadline.aborted) {
          throw new HttpFailure('timeout', `${url} did not answer in full within ${options.totalTimeoutMs} ms`, { finalUrl: current, cause: error });
        }
        // The URL that failed is named: after a redirect it is not the one asked for.
        const host = URL.canParse(current) ? new URL(current).host : current;
        const via = current === url ? '' : ` (redirected from ${url})`;
        // A server that connects but is too slow is not the same advice as one that cannot be reached.
        const kind = TIMEOUT_CODES.has(errorCode(error) ?? '') ? 'timeout' : 'unreachable';
        throw new HttpFailure(kind, `could not fetch ${current} from ${host}${via}: ${describeNetworkError(error)}`, { finalUrl: current, cause: error });
      }
    },
    async close(): Promise<void> {
      if (!dispatcher) await agent.close();
    },
  };
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i;

/** Decodes a body with the charset from the Content-Type header, else the page's meta tag. */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const fromHeader = contentType ? /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1] : undefined;
  const fromMeta = fromHeader ? undefined : META_CHARSET.exec(body.subarray(0, 4096).toString('latin1'))?.[1];
  const charset = fromHeader ?? fromMeta ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
