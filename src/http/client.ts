/**
 * The one fetch path: every source's documents come through here, with timeouts (connect,
 * headers, idle body and an overall deadline), a size limit, a descriptive User-Agent,
 * redirects followed and compressed bodies decoded. Failures to get a response become
 * `NetworkError`s that say what could not be reached and why; HTTP statuses are returned for
 * the caller to judge.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { NetworkError, StoppedError } from '../errors.js';

export interface HttpOptions {
  readonly userAgent: string;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** Longest pause between two chunks of the body. */
  readonly bodyTimeoutMs: number;
  /** Longest time for a whole request, however the server trickles its answer. */
  readonly totalTimeoutMs: number;
  readonly maxBodyBytes: number;
}

export interface HttpResponse {
  readonly url: string;
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

/** Why a request got no usable response. */
export type NetworkFailure = 'unreachable' | 'timeout' | 'too_large' | 'bad_encoding' | 'redirect_loop';

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

export class HttpFailure extends NetworkError {
  readonly failure: NetworkFailure;

  constructor(failure: NetworkFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpFailure';
    this.failure = failure;
  }
}

async function readBody(body: Dispatcher.ResponseData['body'], limit: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      body.destroy();
      throw new HttpFailure('too_large', `${url} answered with more than ${limit} bytes; a report page is far smaller`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function decompress(body: Buffer, encoding: string | undefined, url: string): Buffer {
  const name = (encoding ?? '').trim().toLowerCase();
  try {
    if (name === 'gzip' || name === 'x-gzip') return gunzipSync(body);
    if (name === 'deflate') return inflateSync(body);
    if (name === 'br') return brotliDecompressSync(body);
  } catch (error) {
    throw new HttpFailure('bad_encoding', `${url} sent a body that is not valid ${name}`, { cause: error });
  }
  return body;
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

export function createHttpClient(options: HttpOptions, dispatcher?: Dispatcher): HttpClient {
  const agent =
    dispatcher ??
    new Agent({
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    }).compose(interceptors.redirect({ maxRedirections: 5 }));

  return {
    async get(url: string, extraHeaders?: Readonly<Record<string, string>>, stop?: AbortSignal): Promise<HttpResponse> {
      if (stop?.aborted) throw new StoppedError(`stopped before fetching ${url}`);
      const started = performance.now();
      const deadline = AbortSignal.timeout(options.totalTimeoutMs);
      try {
        const response = await request(url, {
          method: 'GET',
          dispatcher: agent,
          signal: stop ? AbortSignal.any([deadline, stop]) : deadline,
          headers: requestHeaders(options.userAgent, extraHeaders),
        });
        const raw = await readBody(response.body, options.maxBodyBytes, url);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        const body = decompress(raw, headers['content-encoding'], url);
        return { url, status: response.statusCode, headers, body, durationMs: Math.round(performance.now() - started) };
      } catch (error) {
        if (stop?.aborted) throw new StoppedError(`stopped while fetching ${url}`);
        if (error instanceof HttpFailure) throw error;
        const host = URL.canParse(url) ? new URL(url).host : url;
        // undici's redirect handler refuses a loop with an error of its own.
        if (error instanceof Error && /redirect loop/i.test(error.message)) {
          throw new HttpFailure('redirect_loop', `${url} redirects in a loop`, { cause: error });
        }
        if (deadline.aborted) {
          throw new HttpFailure('timeout', `${url} did not answer in full within ${options.totalTimeoutMs} ms`, { cause: error });
        }
        // A server that connects but is too slow is not the same advice as one that cannot be reached.
        const kind = TIMEOUT_CODES.has(errorCode(error) ?? '') ? 'timeout' : 'unreachable';
        throw new HttpFailure(kind, `could not fetch ${url} from ${host}: ${describeNetworkError(error)}`, { cause: error });
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
