import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { DEFAULT_POLITE_OPTIONS } from '../../src/http/polite.js';

describe('loadConfig', () => {
  it('reads the database path, timeouts and base URLs from the environment', () => {
    const config = loadConfig({
      LOSSTALLY_DB: '/tmp/x.db',
      LOSSTALLY_TOTAL_TIMEOUT_MS: '1500',
      LOSSTALLY_MOD_BASE_URL: 'http://127.0.0.1:8080',
      LOSSTALLY_CONTACT: 'ops@example.org',
    });
    expect(config.dbPath).toBe('/tmp/x.db');
    expect(config.http.totalTimeoutMs).toBe(1500);
    expect(config.baseUrls).toEqual({ mod: 'http://127.0.0.1:8080' });
    expect(config.http.userAgent).toMatch(/^losstally\/\d+\.\d+\.\d+ \(daily loss-report tracker; ops@example\.org\)$/);
  });

  it('says how to add a contact when none is configured', () => {
    expect(loadConfig({}).http.userAgent).toMatch(/^losstally\/\d+\.\d+\.\d+ \(daily loss-report tracker; set LOSSTALLY_CONTACT to add a contact address\)$/);
  });

  it('rejects a timeout that is not a positive whole number', () => {
    expect(() => loadConfig({ LOSSTALLY_HEADERS_TIMEOUT_MS: '2.5s' })).toThrow(
      new ConfigError('environment variable LOSSTALLY_HEADERS_TIMEOUT_MS="2.5s" must be a positive whole number'),
    );
  });
});

describe('LOSSTALLY_SOURCE_PRIORITY', () => {
  it('lists source ids and kinds, most preferred first', () => {
    expect(loadConfig({ LOSSTALLY_SOURCE_PRIORITY: ' kmu, mod ,dataset' }).sourcePriority).toEqual(['kmu', 'mod', 'dataset']);
    expect(loadConfig({}).sourcePriority).toBeNull();
  });

  it('rejects an empty entry', () => {
    expect(() => loadConfig({ LOSSTALLY_SOURCE_PRIORITY: 'mod,,kmu' })).toThrow(
      new ConfigError('environment variable LOSSTALLY_SOURCE_PRIORITY="mod,,kmu" has an empty entry; list source ids or kinds separated by commas, e.g. mod,kmu,api,dataset'),
    );
  });
});

describe('polite fetching settings', () => {
  it('default to DEFAULT_POLITE_OPTIONS: 3 attempts, 2 s base, 60 s longest backoff, 0.3 jitter, 15 min Retry-After, 1 s spacing, 1 per host', () => {
    expect(loadConfig({}).polite).toEqual({
      maxAttempts: 3,
      baseDelayMs: 2000,
      maxDelayMs: 60_000,
      jitter: 0.3,
      maxRetryAfterMs: 900_000,
      minSpacingMs: 1000,
      perHostConcurrency: 1,
    });
    expect(loadConfig({}).polite).toEqual(DEFAULT_POLITE_OPTIONS);
  });

  it('reads attempts, backoff base, spacing and host concurrency from the environment into a frozen object', () => {
    const config = loadConfig({
      LOSSTALLY_RETRIES: '5',
      LOSSTALLY_RETRY_BASE_MS: '500',
      LOSSTALLY_MIN_SPACING_MS: '250',
      LOSSTALLY_HOST_CONCURRENCY: '2',
    });
    expect(config.polite).toEqual({ ...DEFAULT_POLITE_OPTIONS, maxAttempts: 5, baseDelayMs: 500, minSpacingMs: 250, perHostConcurrency: 2 });
    expect(Object.isFrozen(config.polite)).toBe(true);
  });

  it.each([
    ['LOSSTALLY_RETRIES', '0'],
    ['LOSSTALLY_HOST_CONCURRENCY', 'two'],
    ['LOSSTALLY_HOST_CONCURRENCY', '0'],
  ])('rejects %s="%s" as not a positive whole number', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(`environment variable ${name}="${value}" must be a positive whole number`));
  });

  it('takes 0 for the spacing and the backoff base: a local mirror needs no pacing', () => {
    const config = loadConfig({ LOSSTALLY_MIN_SPACING_MS: '0', LOSSTALLY_RETRY_BASE_MS: '0' });
    expect([config.polite.minSpacingMs, config.polite.baseDelayMs]).toEqual([0, 0]);
  });

  it.each([
    ['LOSSTALLY_RETRY_BASE_MS', '1.5'],
    ['LOSSTALLY_MIN_SPACING_MS', '-1000'],
    ['LOSSTALLY_MIN_SPACING_MS', ' '],
  ])('rejects %s="%s" as not a whole number of 0 or more', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(`environment variable ${name}="${value}" must be a whole number (0 or more)`));
  });
});
