/**
 * Configuration from the environment, read once at the edge (the CLI) into a frozen object
 * that is passed down. Flags override it there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, excerpt } from './errors.js';
import type { HttpOptions } from './http/client.js';
import { DEFAULT_POLITE_OPTIONS, type PoliteOptions } from './http/polite.js';
import { DATASET_BYTES_VARIABLE, DEFAULT_DATASET_BYTES, DEFAULT_DOCUMENT_BYTES, DOCUMENT_BYTES_VARIABLE, type InputLimits } from './input/limits.js';
import { parseTestClock, type TestClockSpec } from './worker/clock.js';

export interface Config {
  /** Path of the SQLite database. */
  readonly dbPath: string;
  readonly http: HttpOptions;
  /**
   * Retries and pacing of every fetch: LOSSTALLY_RETRIES (attempts in all, the first included:
   * 1 means no retry), LOSSTALLY_RETRY_BASE_MS and LOSSTALLY_MIN_SPACING_MS (0 for none, e.g.
   * against a local mirror) and LOSSTALLY_HOST_CONCURRENCY; the rest are the defaults of
   * `DEFAULT_POLITE_OPTIONS`.
   */
  readonly polite: PoliteOptions;
  /** Base URL overrides per source id, from LOSSTALLY_<SOURCE>_BASE_URL. */
  readonly baseUrls: Readonly<Record<string, string>>;
  /** Source ids and kinds, most preferred first, from LOSSTALLY_SOURCE_PRIORITY; null for the default. */
  readonly sourcePriority: readonly string[] | null;
  /** URL the worker calls after each good cycle (LOSSTALLY_HEARTBEAT_URL). */
  readonly heartbeatUrl: string | null;
  /** Limits of `query`: LOSSTALLY_QUERY_MAX_ROWS and LOSSTALLY_QUERY_TIMEOUT_MS. */
  readonly query: { readonly maxRows: number; readonly timeoutMs: number };
  /**
   * LOSSTALLY_TEST_CLOCK: a clock that starts at a given instant and may run faster than real
   * time (soak runs, the README's examples); null for the system clock.
   */
  readonly testClock: TestClockSpec | null;
  /**
   * The most bytes read from one input: LOSSTALLY_MAX_DOCUMENT_BYTES for a report text or page
   * (`parse`, `import` of a saved document), LOSSTALLY_MAX_IMPORT_BYTES for a dataset file.
   */
  readonly inputLimits: InputLimits;
}

export const VERSION = readPackageVersion();

/** The limits of `query` when LOSSTALLY_QUERY_MAX_ROWS and LOSSTALLY_QUERY_TIMEOUT_MS are not set. */
export const QUERY_DEFAULTS = { maxRows: 10_000, timeoutMs: 10_000 } as const;

/** The whole numbers a setting takes, both ends included. */
export interface WholeNumberRange {
  readonly min: number;
  readonly max: number;
}

const POSITIVE: WholeNumberRange = { min: 1, max: Number.MAX_SAFE_INTEGER };
/** For waits a local mirror can do without: the spacing between requests, the backoff before a retry. */
const ZERO_OR_MORE: WholeNumberRange = { min: 0, max: Number.MAX_SAFE_INTEGER };

/** The values `query` takes for its limits, from flags or the environment alike. */
export const QUERY_LIMITS = {
  // setTimeout cannot wait longer than 2^31-1 ms: beyond that it warns and fires at once, which
  // stopped a query after 1 ms. An hour is longer than any query on this database needs.
  timeoutMs: { min: 1, max: 3_600_000 },
  // The child holds every row in memory, and this process a copy, until they are printed; a
  // million rows is many times the whole series.
  maxRows: { min: 1, max: 1_000_000 },
} as const satisfies Record<string, WholeNumberRange>;

/** The number `text` states when it is a whole number within `range`, else null. */
export function wholeNumberIn(text: string, range: WholeNumberRange): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(value) && value >= range.min && value <= range.max ? value : null;
}

/** What a message asks for: "a positive whole number", "a whole number (0 or more)", or "a whole number from 1 to 3600000". */
export function wholeNumberText(range: WholeNumberRange): string {
  if (range.max !== Number.MAX_SAFE_INTEGER) return `a whole number from ${range.min} to ${range.max}`;
  if (range.min === 1) return 'a positive whole number';
  return range.min === 0 ? 'a whole number (0 or more)' : `a whole number of at least ${range.min}`;
}

export function packageRoot(): string {
  // This code runs from src/ (tests), dist/src/ (scripts) or dist/bin/ (the CLI): walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

function readPackageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** data/losstally.db in the losstally folder, whatever the current directory. */
export function defaultDbPath(): string {
  return join(packageRoot(), 'data', 'losstally.db');
}

/** A whole number from the environment within `range` (positive unless said), or `fallback` when unset or empty. */
function positiveInteger(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, range: WholeNumberRange = POSITIVE): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = wholeNumberIn(raw, range);
  if (value === null) throw new ConfigError(`environment variable ${name}="${excerpt(raw)}" must be ${wholeNumberText(range)}`);
  return value;
}

function priorityOrder(raw: string | undefined): readonly string[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  const entries = raw.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === '')) {
    throw new ConfigError(`environment variable LOSSTALLY_SOURCE_PRIORITY="${excerpt(raw)}" has an empty entry; list source ids or kinds separated by commas, e.g. mod,kmu,api,dataset`);
  }
  return Object.freeze(entries);
}

const BASE_URL_VARIABLE = /^LOSSTALLY_([A-Z]+)_BASE_URL$/;

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const contact = env['LOSSTALLY_CONTACT'];
  const userAgent =
    env['LOSSTALLY_USER_AGENT'] ||
    `losstally/${VERSION} (daily loss-report tracker; ${contact ? contact : 'set LOSSTALLY_CONTACT to add a contact address'})`;
  const baseUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = BASE_URL_VARIABLE.exec(name);
    if (match?.[1] && value) baseUrls[match[1].toLowerCase()] = value;
  }
  return Object.freeze({
    dbPath: resolve(env['LOSSTALLY_DB'] || defaultDbPath()),
    http: Object.freeze({
      userAgent,
      connectTimeoutMs: positiveInteger(env, 'LOSSTALLY_CONNECT_TIMEOUT_MS', 10_000),
      headersTimeoutMs: positiveInteger(env, 'LOSSTALLY_HEADERS_TIMEOUT_MS', 20_000),
      bodyTimeoutMs: positiveInteger(env, 'LOSSTALLY_BODY_TIMEOUT_MS', 20_000),
      totalTimeoutMs: positiveInteger(env, 'LOSSTALLY_TOTAL_TIMEOUT_MS', 60_000),
      maxBodyBytes: positiveInteger(env, 'LOSSTALLY_MAX_BODY_BYTES', 5_000_000),
    }),
    polite: Object.freeze({
      ...DEFAULT_POLITE_OPTIONS,
      maxAttempts: positiveInteger(env, 'LOSSTALLY_RETRIES', DEFAULT_POLITE_OPTIONS.maxAttempts),
      baseDelayMs: positiveInteger(env, 'LOSSTALLY_RETRY_BASE_MS', DEFAULT_POLITE_OPTIONS.baseDelayMs, ZERO_OR_MORE),
      minSpacingMs: positiveInteger(env, 'LOSSTALLY_MIN_SPACING_MS', DEFAULT_POLITE_OPTIONS.minSpacingMs, ZERO_OR_MORE),
      perHostConcurrency: positiveInteger(env, 'LOSSTALLY_HOST_CONCURRENCY', DEFAULT_POLITE_OPTIONS.perHostConcurrency),
    }),
    baseUrls: Object.freeze(baseUrls),
    sourcePriority: priorityOrder(env['LOSSTALLY_SOURCE_PRIORITY']),
    heartbeatUrl: env['LOSSTALLY_HEARTBEAT_URL'] || null,
    query: Object.freeze({
      maxRows: positiveInteger(env, 'LOSSTALLY_QUERY_MAX_ROWS', QUERY_DEFAULTS.maxRows, QUERY_LIMITS.maxRows),
      timeoutMs: positiveInteger(env, 'LOSSTALLY_QUERY_TIMEOUT_MS', QUERY_DEFAULTS.timeoutMs, QUERY_LIMITS.timeoutMs),
    }),
    testClock: env['LOSSTALLY_TEST_CLOCK'] ? parseTestClock(env['LOSSTALLY_TEST_CLOCK']) : null,
    inputLimits: Object.freeze({
      documentBytes: positiveInteger(env, DOCUMENT_BYTES_VARIABLE, DEFAULT_DOCUMENT_BYTES),
      datasetBytes: positiveInteger(env, DATASET_BYTES_VARIABLE, DEFAULT_DATASET_BYTES),
    }),
  });
}
