/** The polite fetch path as tests use it: the real client, no retries or pacing unless asked for. */
import { createHttpClient, type HttpClient, type HttpOptions } from '../../src/http/client.js';
import { createPoliteFetcher, type PoliteDeps, type PoliteFetcher, type PoliteOptions } from '../../src/http/polite.js';

export const TEST_HTTP: HttpOptions = {
  userAgent: 'losstally-test',
  connectTimeoutMs: 2000,
  headersTimeoutMs: 2000,
  bodyTimeoutMs: 2000,
  totalTimeoutMs: 5000,
  maxBodyBytes: 1_000_000,
};

export interface TestFetcher {
  readonly http: HttpClient;
  readonly fetcher: PoliteFetcher;
  close(): Promise<void>;
}

export function createTestFetcher(options: { http?: Partial<HttpOptions>; polite?: Partial<PoliteOptions>; deps?: PoliteDeps } = {}): TestFetcher {
  const http = createHttpClient({ ...TEST_HTTP, ...options.http });
  const fetcher = createPoliteFetcher(http, { maxAttempts: 1, minSpacingMs: 0, ...options.polite }, options.deps);
  return { http, fetcher, close: () => http.close() };
}
