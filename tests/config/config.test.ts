import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

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
