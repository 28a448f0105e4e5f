/**
 * Configuration from the environment, read once at the edge (the CLI) into a frozen object
 * that is passed down. Flags override it there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './errors.js';
import type { HttpOptions } from './http/client.js';
import { DEFAULT_POLITE_OPTIONS, type PoliteOptions } from './http/polite.js';
import { parseTestClock, type TestClockSpec } from './worker/clock.js';

export interface Config {
  /** Path of the SQLite database. */
  readonly dbPath: string;
  readonly http: HttpOptions;
  /**
   * Retries and pacing of every fetch: LOSSTALLY_RETRIES (attempts in all, the first included:
   * 1 means no retry), LOSSTALLY_RETRY_BASE_MS, LOSSTALLY_MIN_SPACING_MS and
   * LOSSTALLY_HOST_CONCURRENCY; the rest are the defaults of `DEFAULT_POLITE_OPTIONS`.
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
}

export const VERSION = readPackageVersion();

/** The limits of `query` when LOSSTALLY_QUERY_MAX_ROWS and LOSSTALLY_QUERY_TIMEOUT_MS are not set. */
export const QUERY_DEFAULTS = { maxRows: 10_000, timeoutMs: 10_000 } as const;

export function packageRoot(): string {
  // src/config.ts runs from src/ (tests) or dist/src/ (the CLI): walk up to package.json.
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

function positiveInteger(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(`environment variable ${name}="${raw}" must be a positive whole number`);
  }
  return value;
}

function priorityOrder(raw: string | undefined): readonly string[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  const entries = raw.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === '')) {
    throw new ConfigError(`environment variable LOSSTALLY_SOURCE_PRIORITY="${raw}" has an empty entry; list source ids or kinds separated by commas, e.g. mod,kmu,api,dataset`);
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
      baseDelayMs: positiveInteger(env, 'LOSSTALLY_RETRY_BASE_MS', DEFAULT_POLITE_OPTIONS.baseDelayMs),
      minSpacingMs: positiveInteger(env, 'LOSSTALLY_MIN_SPACING_MS', DEFAULT_POLITE_OPTIONS.minSpacingMs),
      perHostConcurrency: positiveInteger(env, 'LOSSTALLY_HOST_CONCURRENCY', DEFAULT_POLITE_OPTIONS.perHostConcurrency),
    }),
    baseUrls: Object.freeze(baseUrls),
    sourcePriority: priorityOrder(env['LOSSTALLY_SOURCE_PRIORITY']),
    heartbeatUrl: env['LOSSTALLY_HEARTBEAT_URL'] || null,
    query: Object.freeze({
      maxRows: positiveInteger(env, 'LOSSTALLY_QUERY_MAX_ROWS', QUERY_DEFAULTS.maxRows),
      timeoutMs: positiveInteger(env, 'LOSSTALLY_QUERY_TIMEOUT_MS', QUERY_DEFAULTS.timeoutMs),
    }),
    testClock: env['LOSSTALLY_TEST_CLOCK'] ? parseTestClock(env['LOSSTALLY_TEST_CLOCK']) : null,
  });
}
