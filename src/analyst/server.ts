/**
 * The local HTTP API and chart page behind `losstally serve`: node:http, no framework, on a
 * read-only connection (the server never writes). JSON answers carry
 * `content-type: application/json; charset=utf-8`; a bad parameter is a 400 and an unknown path
 * a 404, both with `{"error": "<one-line reason>"}`; any method but GET and HEAD is a 405; a
 * Host header that does not name this server a 421 (see host-guard.ts). No answer ever carries a
 * stack trace, nor more than an excerpt of the request (`excerpt`).
 *
 * The JSON answers and the CSV exports are kept in memory until the database changes (see
 * answer-cache.ts), with an ETag to revalidate them by. Errors are not kept: they cost little to
 * find again, and keeping them would let a scan of bad requests push out the answers.
 */
import { readFile } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import type BetterSqlite3 from 'better-sqlite3';
import { packageRoot } from '../config.js';
import { isIsoDate } from '../dates.js';
import { prepareAnalystQueries, type AnalystQueries } from '../db/analyst.js';
import { requireCleanSeries } from '../db/clean-view.js';
import { openSqlite } from '../db/sqlite.js';
import { DatabaseError, excerpt, firstLine, UsageError } from '../errors.js';
import { AnswerCache, makeAnswer, requestKey, sendAnswer, type Remembered } from './answer-cache.js';
import { chartData } from './chart-data.js';
import { flagParam } from './flag-param.js';
import { hostGuard, hostRefusal, type HostGuard } from './host-guard.js';

export interface AnalystServerOptions {
  /** Folder holding index.html and chart.js (default: src/analyst/web of this package). */
  readonly webRoot?: string;
  /** Folder holding uPlot's dist files (default: the installed `uplot` package). */
  readonly uplotRoot?: string;
  /** Told about unexpected failures; the client gets a 500 with a one-line reason only. */
  readonly onError?: (error: unknown, request: string) => void;
  /** The Host headers answered (default: those of a server on 127.0.0.1, see host-guard.ts). */
  readonly hosts?: HostGuard;
  /** Where answers are kept between requests (default: a cache of DEFAULT_CACHE_LIMITS). */
  readonly cache?: AnswerCache;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const API_PATHS = ['/api/series', '/api/chart', '/api/latest', '/api/findings', '/api/sources', '/api/categories', '/export.csv', '/'];

/** The page's own files and the uPlot files it loads, by URL path. Nothing else is served from disk. */
const SCRIPT = 'text/javascript; charset=utf-8';
const ASSETS: Record<string, { readonly root: 'web' | 'uplot'; readonly file: string; readonly type: string }> = {
  '/': { root: 'web', file: 'index.html', type: 'text/html; charset=utf-8' },
  '/chart.css': { root: 'web', file: 'chart.css', type: 'text/css; charset=utf-8' },
  ...Object.fromEntries(
    ['chart.js', 'api.js', 'state.js', 'controls.js', 'format.js', 'series.js', 'plot.js', 'findings.js', 'clean.js', 'marks.js', 'clean-detail.js', 'cursor-keys.js'].map((file) => [`/${file}`, { root: 'web' as const, file, type: SCRIPT }]),
  ),
  '/vendor/uPlot.esm.js': { root: 'uplot', file: 'uPlot.esm.js', type: SCRIPT },
  '/vendor/uPlot.min.css': { root: 'uplot', file: 'uPlot.min.css', type: 'text/css; charset=utf-8' },
};

/**
 * The page and its assets load nothing from elsewhere, run no inline script or style (all are
 * files of their own; uPlot and the page set styles through the DOM, which CSP allows), and
 * nothing they load can reach another host. `data:` images are the page's empty favicon.
 */
export const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** On every answer, errors included: a browser takes each answer for the type it is labelled with, never guesses another. */
const EVERY_ANSWER = { 'x-content-type-options': 'nosniff' } as const;

/** src/analyst/web of the package, wherever this module runs from: src/ (tests), dist/src/ or the bundle in dist/bin/. */
export function defaultWebRoot(): string {
  return join(packageRoot(), 'src', 'analyst', 'web');
}

export function defaultUplotRoot(): string {
  return dirname(createRequire(import.meta.url).resolve('uplot'));
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The query parameters of a route, refusing unknown ones and repeated ones not named repeatable. */
function readParams(url: URL, allowed: readonly string[], repeatable: readonly string[] = []): Map<string, string> {
  const values = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      const takes = allowed.length === 0 ? 'takes no parameters' : `takes ${allowed.join(', ')}`;
      throw new UsageError(`unknown parameter "${excerpt(name)}"; ${url.pathname} ${takes}`);
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    values.set(name, value);
  }
  for (const [name, count] of counts) {
    if (count > 1 && !repeatable.includes(name)) throw new UsageError(`parameter "${name}" is given ${count} times; give it once`);
  }
  return values;
}

function dateParam(params: Map<string, string>, name: string): string | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError(`${name} must be a calendar date YYYY-MM-DD, got "${excerpt(value)}"`);
  return value;
}

function dateRange(params: Map<string, string>): { from: string | undefined; to: string | undefined } {
  const from = dateParam(params, 'from');
  const to = dateParam(params, 'to');
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`from ${from} is after to ${to}`);
  return { from, to };
}

function categoryParam(queries: AnalystQueries, params: Map<string, string>, required: boolean): string | undefined {
  const value = params.get('category');
  if (value === undefined) {
    if (required) throw new UsageError('category is required; /api/categories lists the keys');
    return undefined;
  }
  if (!queries.categoryKeys().includes(value)) throw new UsageError(`unknown category "${excerpt(value)}"; /api/categories lists the keys`);
  return value;
}

/**
 * One or more categories, `category` repeated or comma-separated as /export.csv takes them, each
 * known and named once, in the order given.
 */
function categoriesParam(queries: AnalystQueries, url: URL): string[] {
  const values = url.searchParams.getAll('category').flatMap((v) => v.split(','));
  if (values.length === 0) throw new UsageError('category is required (repeat it for several); /api/categories lists the keys');
  const known = queries.categoryKeys();
  for (const value of values) {
    if (!known.includes(value)) throw new UsageError(`unknown category "${excerpt(value)}"; /api/categories lists the keys`);
    const times = values.filter((v) => v === value).length;
    if (times > 1) throw new UsageError(`category "${value}" is given ${times} times; give each once`);
  }
  return values;
}

export function createAnalystServer(sqlite: BetterSqlite3.Database, options: AnalystServerOptions = {}): Server {
  if (!sqlite.readonly) {
    throw new DatabaseError('the analyst server reads only: open the database read-only (openSqlite(path, { readonly: true }))');
  }
  const queries = prepareAnalystQueries(sqlite);
  const roots = { web: options.webRoot ?? defaultWebRoot(), uplot: options.uplotRoot ?? defaultUplotRoot() };
  const hosts = options.hosts ?? hostGuard('127.0.0.1');

  const cache = options.cache ?? new AnswerCache();
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  /** The database state as this connection sees it: it changes with every commit of another connection. */
  const state = (): number => dataVersion.get() as number;

  /** Each JSON route's answer, an object to serialise. */
  const api: Record<string, (url: URL) => unknown> = {
    '/api/series': (url) => {
      const params = readParams(url, ['category', 'from', 'to', 'clean']);
      const category = categoryParam(queries, params, true)!;
      const range = dateRange(params);
      // The same answer around other rows: the clean series' own, as `series_clean` has them.
      const rows = flagParam('clean', params.get('clean')) ? queries.cleanSeries(category, range) : queries.series(category, range);
      return { category, from: range.from ?? null, to: range.to ?? null, rows };
    },
    '/api/chart': (url) => {
      const params = readParams(url, ['category', 'from', 'to', 'clean'], ['category']);
      const categories = categoriesParam(queries, url);
      const range = dateRange(params);
      return chartData(queries, categories, range, { clean: flagParam('clean', params.get('clean')) });
    },
    '/api/latest': (url) => {
      readParams(url, []);
      return queries.latest();
    },
    '/api/findings': (url) => {
      const params = readParams(url, ['from', 'to', 'category']);
      const range = dateRange(params);
      const category = categoryParam(queries, params, false);
      return { from: range.from ?? null, to: range.to ?? null, category: category ?? null, findings: queries.findings({ ...range, category }) };
    },
    '/api/sources': (url) => {
      readParams(url, []);
      return { sources: queries.sources() };
    },
    '/api/categories': (url) => {
      readParams(url, []);
      return { categories: queries.categories() };
    },
  };

  // In one read transaction: the answer and the state it is kept under are of the same moment,
  // and the several statements of an answer (the chart's) see the same database.
  const readJson = sqlite.transaction((route: (url: URL) => unknown, url: URL) => {
    const at = state();
    return { at, answer: makeAnswer(Buffer.from(JSON.stringify(route(url))), { 'content-type': JSON_TYPE }) };
  });

  function serveJson(route: (url: URL) => unknown, url: URL, req: IncomingMessage, res: ServerResponse): void {
    const key = requestKey(url);
    const kept = cache.get(state(), key);
    if (kept !== undefined && kept !== 'too-large') return sendAnswer(req, res, kept);
    const { at, answer } = readJson(route, url);
    cache.set(at, key, answer);
    sendAnswer(req, res, answer);
  }

  /** Answers being built, by state and key: a request that asks for one while it is built waits for it. */
  const building = new Map<string, Promise<Remembered>>();
  function buildOnce(at: number, key: string, build: () => Promise<Remembered>): Promise<Remembered> {
    const id = `${at} ${key}`;
    let pending = building.get(id);
    if (pending === undefined) {
      pending = build()
        .then((value) => {
          cache.set(at, key, value);
          return value;
        })
        .finally(() => building.delete(id));
      building.set(id, pending);
    }
    return pending;
  }

  async function serveExport(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { exportToBuffer, parseExportQuery, writeExport } = await import('./export.js');
    // A UsageError (bad option) becomes a 400 with its reason.
    readParams(url, ['shape', 'from', 'to', 'category', 'bom', 'clean'], ['category']);
    const exportOptions = parseExportQuery(url.searchParams);
    // Before the headers go out: once they have, a failure can only cut the answer off.
    if (exportOptions.clean) requireCleanSeries(sqlite);
    const headers = {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="losstally-${exportOptions.clean ? 'clean-' : ''}${exportOptions.shape}.csv"`,
    };
    // A connection of its own: better-sqlite3 keeps a connection busy while a statement is
    // iterated, and an export, which lets other requests run between its rows, must not hold up the API.
    const withConnection = async <T>(read: (exporting: BetterSqlite3.Database) => Promise<T>): Promise<T> => {
      const exporting = openSqlite(sqlite.name, { readonly: true });
      try {
        return await read(exporting);
      } finally {
        exporting.close();
      }
    };
    // Built once into memory for every request of the same export at the same state, however
    // many come at once; only an export larger than a cache entry is streamed to each by itself.
    const key = requestKey(url);
    const at = state();
    const kept =
      cache.get(at, key) ??
      (await buildOnce(at, key, async () => {
        const body = await withConnection((exporting) => exportToBuffer(exporting, exportOptions, cache.limits.maxEntryBytes));
        return body === null ? 'too-large' : makeAnswer(body, headers);
      }));
    if (kept !== 'too-large') return sendAnswer(req, res, kept);
    res.writeHead(200, { ...headers, 'cache-control': 'no-store' });
    await withConnection((exporting) => writeExport(exporting, exportOptions, res));
    res.end();
  }

  async function serveAsset(path: string, res: ServerResponse): Promise<boolean> {
    const asset = ASSETS[path];
    if (!asset) return false;
    const file = join(roots[asset.root], asset.file);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
    }
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'content-security-policy': PAGE_POLICY,
    });
    res.end(body);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Before anything else: a page that rebound its name to this machine learns nothing, not even which paths exist.
    const refusal = hostRefusal(hosts, req.headers.host, req.socket.localPort ?? 0);
    if (refusal !== null) throw new HttpProblem(421, refusal);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpProblem(405, `method ${excerpt(req.method ?? '?')} is not allowed; this server only reads (GET or HEAD)`, { allow: 'GET, HEAD' });
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new UsageError('the request URL cannot be read');
    }
    const route = api[url.pathname];
    if (route) return serveJson(route, url, req, res);
    if (url.pathname === '/export.csv') return serveExport(url, req, res);
    if (await serveAsset(url.pathname, res)) return;
    throw new HttpProblem(404, `no such path: ${excerpt(url.pathname)}; the server has ${API_PATHS.join(', ')}`);
  }

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(EVERY_ANSWER)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      const request = `${req.method} ${excerpt(req.url ?? '')}`;
      if (res.headersSent) {
        // Half an answer cannot be turned into an error any more: cut it off.
        options.onError?.(error, request);
        res.destroy();
        return;
      }
      if (error instanceof HttpProblem) return sendJson(res, error.status, { error: error.message }, error.headers);
      if (error instanceof UsageError) return sendJson(res, 400, { error: firstLine(error.message) });
      options.onError?.(error, request);
      const reason = error instanceof Error ? firstLine(error.message) : String(error);
      sendJson(res, 500, { error: `the server failed: ${reason}` });
    });
  });
  server.on('clientError', answerClientError);
  return server;
}

const CLIENT_ERRORS: Record<string, readonly [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request did not arrive in time'],
};

/**
 * A request node:http cannot read (malformed, headers too large, too slow) gets a JSON answer
 * like every other, with the same headers, instead of node's bare one.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // Nothing to answer on a connection that is gone.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'the request cannot be read as HTTP/1.1'];
  const body = JSON.stringify({ error: reason });
  const headers = { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store', ...EVERY_ANSWER, connection: 'close' };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
}
