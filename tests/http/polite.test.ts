import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, HttpFailure, type HttpClient, type HttpOptions } from '../../src/http/client.js';
import { conditionalHeaders, validatorsOf } from '../../src/http/conditional.js';
import { createPoliteFetcher, parseRetryAfter, type FetchAttempt, type PoliteDeps, type PoliteOptions } from '../../src/http/polite.js';
import { startServer, type Route, type TestServer } from '../helpers/server.js';

const HTTP: HttpOptions = { userAgent: 'losstally-test (tests)', connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 300, totalTimeoutMs: 5000, maxBodyBytes: 1000 };
/** 2026-11-25 06:30:00 UTC: whole seconds, so HTTP dates give exact delays. */
const START = Date.UTC(2026, 10, 25, 6, 30, 0);

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

const answer =
  (status: number, body: string, headers: Record<string, string> = {}): Answer =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  };
const reset: Answer = (req) => req.socket.destroy();
/** Promises 100 bytes, sends 20, then closes its end of the connection. */
const truncated: Answer = (req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
  res.write('x'.repeat(20), () => req.socket.end());
};
/** Sends the headers and 20 of 100 bytes, then nothing more. */
const stalled: Answer = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
  res.write('x'.repeat(20));
};

/** A route that gives the n-th request the n-th answer, and the last answer to any after it. */
function inTurn(...answers: Answer[]): Route {
  let count = 0;
  return (req, res) => answers[Math.min(count++, answers.length - 1)]!(req, res);
}

/** A clock that only moves when the fetcher sleeps; every sleep is recorded and ends at once. */
function fakeClock(start = START) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

function recorder() {
  const attempts: FetchAttempt[] = [];
  return { attempts, onAttempt: (attempt: FetchAttempt) => void attempts.push(attempt) };
}

/** An attempt without its URL and duration, with the failure as "kind: message". */
function summary(attempt: FetchAttempt) {
  return {
    attempt: attempt.attempt,
    status: attempt.status,
    failure: attempt.failure ? `${attempt.failure.failure}: ${attempt.failure.message}` : null,
    willRetry: attempt.willRetry,
    retryInMs: attempt.retryInMs,
  };
}

let server: TestServer;
let http: HttpClient;
let clock: ReturnType<typeof fakeClock>;
beforeEach(async () => {
  server = await startServer();
  http = createHttpClient(HTTP);
  clock = fakeClock();
});
afterEach(async () => {
  await http.close();
  await server.close();
});

function fetcher(options: Partial<PoliteOptions> = {}, deps: PoliteDeps = {}) {
  return createPoliteFetcher(http, options, { sleep: clock.sleep, now: clock.now, random: () => 0, ...deps });
}

describe('createPoliteFetcher: retries', () => {
  it('retries a 503 after the base delay and returns the success, reporting both attempts', async () => {
    server.set('/report', inTurn(answer(503, 'busy'), answer(200, 'танки ‒ 12 225 (+8);')));
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect([response.status, response.body.toString('utf8')]).toEqual([200, 'танки ‒ 12 225 (+8);']);
    expect(attempts).toEqual([
      { url: `${server.url}/report`, finalUrl: `${server.url}/report`, attempt: 1, status: 503, durationMs: 0, failure: null, willRetry: true, retryInMs: 2000 },
      { url: `${server.url}/report`, finalUrl: `${server.url}/report`, attempt: 2, status: 200, durationMs: 0, failure: null, willRetry: false, retryInMs: null },
    ]);
    expect(clock.sleeps).toEqual([2000]);
    expect(server.requests).toEqual(['/report', '/report']);
  });

  it('waits the seconds a 429 asks for in Retry-After instead of the backoff', async () => {
    server.set('/report', inTurn(answer(429, 'slow down', { 'retry-after': '1' }), answer(200, 'ok')));
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect(response.status).toBe(200);
    expect(attempts.map(summary)).toEqual([
      { attempt: 1, status: 429, failure: null, willRetry: true, retryInMs: 1000 },
      { attempt: 2, status: 200, failure: null, willRetry: false, retryInMs: null },
    ]);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('waits until the HTTP date a 503 gives in Retry-After', async () => {
    const later = new Date(START + 120_000).toUTCString(); // "Wed, 25 Nov 2026 06:32:00 GMT"
    server.set('/report', inTurn(answer(503, 'maintenance', { 'retry-after': later }), answer(200, 'ok')));
    const { attempts, onAttempt } = recorder();
    await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect(later).toBe('Wed, 25 Nov 2026 06:32:00 GMT');
    expect(attempts.map((a) => a.retryInMs)).toEqual([120_000, null]);
    expect(clock.sleeps).toEqual([120_000]);
  });

  it('returns the 429 at once when Retry-After asks for longer than maxRetryAfterMs', async () => {
    server.set('/report', inTurn(answer(429, 'come back tomorrow', { 'retry-after': '3600' }), answer(200, 'ok')));
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect([response.status, response.headers['retry-after'], response.body.toString()]).toEqual([429, '3600', 'come back tomorrow']);
    expect(attempts.map(summary)).toEqual([{ attempt: 1, status: 429, failure: null, willRetry: false, retryInMs: null }]);
    expect([server.requests.length, clock.sleeps]).toEqual([1, []]);
  });

  it('falls back to the backoff when Retry-After cannot be read', async () => {
    server.set('/report', inTurn(answer(503, 'busy', { 'retry-after': 'soon' }), answer(200, 'ok')));
    const { attempts, onAttempt } = recorder();
    await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect(attempts.map((a) => a.retryInMs)).toEqual([2000, null]);
  });

  it('still keeps the host spacing when Retry-After is 0', async () => {
    server.set('/report', inTurn(answer(503, 'busy', { 'retry-after': '0' }), answer(200, 'ok')));
    const { attempts, onAttempt } = recorder();
    await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect(attempts.map((a) => a.retryInMs)).toEqual([0, null]);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('retries a connection reset by the server and returns the success', async () => {
    server.set('/report', inTurn(reset, answer(200, 'ok')));
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect([response.status, response.body.toString()]).toEqual([200, 'ok']);
    expect(attempts.map(summary)).toEqual([
      {
        attempt: 1,
        status: null,
        failure: `unreachable: could not fetch ${server.url}/report from ${new URL(server.url).host}: the connection was closed before the response was complete (UND_ERR_SOCKET)`,
        willRetry: true,
        retryInMs: 2000,
      },
      { attempt: 2, status: 200, failure: null, willRetry: false, retryInMs: null },
    ]);
  });

  it('retries a body that stalls past the body timeout and returns the success', async () => {
    server.set('/report', inTurn(stalled, answer(200, 'ok')));
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect([response.status, response.body.toString()]).toEqual([200, 'ok']);
    expect(attempts.map(summary)).toEqual([
      {
        attempt: 1,
        status: null,
        failure: `timeout: could not fetch ${server.url}/report from ${new URL(server.url).host}: the server stopped sending the body (UND_ERR_BODY_TIMEOUT)`,
        willRetry: true,
        retryInMs: 2000,
      },
      { attempt: 2, status: 200, failure: null, willRetry: false, retryInMs: null },
    ]);
  });

  it('retries a body trickled past the overall deadline and returns the success', async () => {
    const trickle: Answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    };
    server.set('/report', inTurn(trickle, answer(200, 'ok')));
    await http.close();
    http = createHttpClient({ ...HTTP, bodyTimeoutMs: 2000, totalTimeoutMs: 300 });
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect(response.body.toString()).toBe('ok');
    expect(attempts.map(summary)[0]).toEqual({
      attempt: 1,
      status: null,
      failure: `timeout: ${server.url}/report did not answer in full within 300 ms`,
      willRetry: true,
      retryInMs: 2000,
    });
  });

  it('treats a body cut short of its Content-Length as a closed connection, retries it and returns the full body', async () => {
    server.set('/report', inTurn(truncated, answer(200, 'ok')));
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect([response.status, response.body.toString()]).toEqual([200, 'ok']);
    expect(attempts.map(summary)).toEqual([
      {
        attempt: 1,
        status: null,
        failure: `unreachable: could not fetch ${server.url}/report from ${new URL(server.url).host}: the connection was closed before the response was complete (UND_ERR_SOCKET)`,
        willRetry: true,
        retryInMs: 2000,
      },
      { attempt: 2, status: 200, failure: null, willRetry: false, retryInMs: null },
    ]);
  });

  it.each([404, 410, 400, 403])('returns a %i at once without retrying', async (status) => {
    server.set('/report', answer(status, 'no'));
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect(response.status).toBe(status);
    expect(attempts.map(summary)).toEqual([{ attempt: 1, status, failure: null, willRetry: false, retryInMs: null }]);
    expect([server.requests.length, clock.sleeps]).toEqual([1, []]);
  });

  it('does not retry a body over the size limit', async () => {
    server.set('/report', answer(200, 'x'.repeat(5000)));
    const { attempts, onAttempt } = recorder();
    const error = await fetcher().fetch(`${server.url}/report`, { onAttempt }).catch((e: unknown) => e);
    expect([(error as HttpFailure).failure, (error as Error).message]).toEqual(['too_large', `${server.url}/report answered with more than 1000 bytes; a report page is far smaller`]);
    expect(attempts.map((a) => [a.attempt, a.willRetry])).toEqual([[1, false]]);
    expect(server.requests.length).toBe(1);
  });

  it('returns the last response after three 5xx answers', async () => {
    server.set('/report', inTurn(answer(500, 'first'), answer(502, 'second'), answer(503, 'third'), answer(200, 'too late')));
    const { attempts, onAttempt } = recorder();
    const response = await fetcher().fetch(`${server.url}/report`, { onAttempt });
    expect([response.status, response.body.toString()]).toEqual([503, 'third']);
    expect(attempts.map(summary)).toEqual([
      { attempt: 1, status: 500, failure: null, willRetry: true, retryInMs: 2000 },
      { attempt: 2, status: 502, failure: null, willRetry: true, retryInMs: 4000 },
      { attempt: 3, status: 503, failure: null, willRetry: false, retryInMs: null },
    ]);
    expect([server.requests.length, clock.sleeps]).toEqual([3, [2000, 4000]]);
  });

  it('throws the last HttpFailure after three failed attempts, never the short body', async () => {
    server.set('/report', truncated);
    const { attempts, onAttempt } = recorder();
    const error = await fetcher().fetch(`${server.url}/report`, { onAttempt }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpFailure);
    expect(error).toBe(attempts[2]?.failure);
    expect([(error as HttpFailure).failure, (error as Error).message]).toEqual([
      'unreachable',
      `could not fetch ${server.url}/report from ${new URL(server.url).host}: the connection was closed before the response was complete (UND_ERR_SOCKET)`,
    ]);
    expect(attempts.map((a) => [a.attempt, a.status, a.willRetry, a.retryInMs])).toEqual([
      [1, null, true, 2000],
      [2, null, true, 4000],
      [3, null, false, null],
    ]);
    expect(server.requests.length).toBe(3);
  });

  it('doubles the delay up to maxDelayMs and adds jitter from the random source', async () => {
    server.set('/report', answer(503, 'busy'));
    const randoms = [0.5, 0.25, 1, 0];
    const fetch = fetcher({ maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 3000, jitter: 0.3 }, { random: () => randoms.shift() ?? 0 });
    const { attempts, onAttempt } = recorder();
    const response = await fetch.fetch(`${server.url}/report`, { onAttempt });
    expect(response.status).toBe(503);
    // 1000 × 1.15, 2000 × 1.075, min(3000, 4000) × 1.3, min(3000, 8000) × 1
    expect(attempts.map((a) => a.retryInMs)).toEqual([1150, 2150, 3900, 3000, null]);
    expect(clock.sleeps).toEqual([1150, 2150, 3900, 3000]);
  });

  it('reports each attempt before the next one starts', async () => {
    const events: string[] = [];
    const fetch = fetcher({}, {
      sleep: async (ms) => {
        events.push(`sleep ${ms}`);
        await clock.sleep(ms);
      },
    });
    const logged =
      (event: string, then: Answer): Answer =>
      (req, res) => {
        events.push(event);
        then(req, res);
      };
    server.set('/report', inTurn(logged('request 1', answer(503, 'busy')), logged('request 2', answer(200, 'ok'))));
    await fetch.fetch(`${server.url}/report`, {
      onAttempt: async (attempt) => {
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`recorded ${attempt.attempt}`);
      },
    });
    expect(events).toEqual(['request 1', 'recorded 1', 'sleep 2000', 'request 2', 'recorded 2']);
  });

  it('ends the fetch with the error of a failing onAttempt and lets the next fetch to the host through', async () => {
    server.set('/report', answer(200, 'ok'));
    const fetch = fetcher();
    const error = await fetch
      .fetch(`${server.url}/report`, {
        onAttempt: () => {
          throw new Error('disk full');
        },
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('disk full');
    expect((await fetch.fetch(`${server.url}/report`)).status).toBe(200);
  });

  it('refuses options that cannot work', () => {
    expect(() => createPoliteFetcher(http, { maxAttempts: 0 })).toThrow(new RangeError('polite fetcher option maxAttempts = 0 must be a whole number of at least 1'));
    expect(() => createPoliteFetcher(http, { jitter: -0.1 })).toThrow(new RangeError('polite fetcher option jitter = -0.1 must be a number of at least 0'));
  });
});

describe('createPoliteFetcher: pacing', () => {
  /** A route that answers after `holdMs`, counting the requests in flight and when (on the fake clock) each arrived. */
  function counted(holdMs: number) {
    const seen = { inFlight: 0, maxInFlight: 0, arrivals: [] as number[] };
    const route: Route = (req, res) => {
      seen.arrivals.push(clock.now());
      seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
      setTimeout(() => {
        seen.inFlight--;
        answer(200, req.url ?? '')(req, res);
      }, holdMs);
    };
    return { seen, route };
  }

  it('sends one request at a time to a host, in the order asked, spaced by minSpacingMs', async () => {
    const { seen, route } = counted(30);
    for (const path of ['/1', '/2', '/3']) server.set(path, route);
    const fetch = fetcher();
    const bodies = await Promise.all(['/1', '/2', '/3'].map(async (path) => (await fetch.fetch(`${server.url}${path}`)).body.toString()));
    expect(bodies).toEqual(['/1', '/2', '/3']);
    expect(server.requests).toEqual(['/1', '/2', '/3']);
    expect(seen.maxInFlight).toBe(1);
    expect(seen.arrivals).toEqual([START, START + 1000, START + 2000]);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('waits only for what is left of the spacing', async () => {
    server.set('/1', answer(200, 'one'));
    server.set('/2', answer(200, 'two'));
    const fetch = fetcher({ minSpacingMs: 1000 });
    await fetch.fetch(`${server.url}/1`);
    await clock.sleep(400); // the caller spends 400 ms on something else
    await fetch.fetch(`${server.url}/2`);
    expect(clock.sleeps).toEqual([400, 600]);
  });

  it('lets perHostConcurrency requests run at once and no more', async () => {
    // Each answer is held 150 ms: requests let through together are all in flight at once.
    const { seen, route } = counted(150);
    for (const path of ['/1', '/2', '/3', '/4', '/5']) server.set(path, route);
    const fetch = fetcher({ perHostConcurrency: 2, minSpacingMs: 0 });
    await Promise.all(['/1', '/2', '/3', '/4', '/5'].map((path) => fetch.fetch(`${server.url}${path}`)));
    expect([seen.maxInFlight, server.requests.length]).toEqual([2, 5]);
  });

  it('fetches from two hosts at the same time', async () => {
    const other = await startServer();
    try {
      const seen = { inFlight: 0, maxInFlight: 0 };
      const waiting: (() => void)[] = [];
      const route: Route = (req, res) => {
        seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
        waiting.push(() => {
          seen.inFlight--;
          answer(200, 'ok')(req, res);
        });
        // Each host's answer waits for the other host's request (or 1 s): only parallel fetches see both.
        if (seen.inFlight === 2) waiting.splice(0).forEach((release) => release());
        else setTimeout(() => waiting.splice(0).forEach((release) => release()), 1000);
      };
      server.set('/report', route);
      other.set('/report', route);
      const fetch = fetcher();
      await Promise.all([fetch.fetch(`${server.url}/report`), fetch.fetch(`${other.url}/report`)]);
      expect(seen.maxInFlight).toBe(2);
      expect(clock.sleeps).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('holds back every request to a host until the time its Retry-After named', async () => {
    const { seen, route } = counted(0);
    server.set('/busy', answer(429, 'slow down', { 'retry-after': '5' }));
    server.set('/next', route);
    const fetch = fetcher({ maxAttempts: 1 });
    expect((await fetch.fetch(`${server.url}/busy`)).status).toBe(429);
    expect((await fetch.fetch(`${server.url}/next`)).status).toBe(200);
    expect(seen.arrivals).toEqual([START + 5000]);
    expect(clock.sleeps).toEqual([5000]);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Wed, 25 Nov 2026 06:32:00 GMT', 120_000],
    ['Wednesday, 25-Nov-26 06:32:00 GMT', 120_000],
    ['Wed Nov 25 06:32:00 2026', 120_000],
    ['Wed, 25 Nov 2026 06:00:00 GMT', 0],
  ])('reads "%s" as %i ms', (value, ms) => {
    expect(parseRetryAfter(value, START)).toBe(ms);
  });

  it.each([undefined, '', 'soon', '-1', '1.5', '2026-11-25'])('reads %j as no Retry-After', (value) => {
    expect(parseRetryAfter(value, START)).toBeNull();
  });
});

describe('conditional requests', () => {
  it('sends the ETag and Last-Modified back and gets a 304 for an unchanged page', async () => {
    const etag = '"v1-2026-11-25"';
    const lastModified = 'Wed, 25 Nov 2026 06:05:00 GMT';
    server.set('/report', (req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      answer(200, 'танки ‒ 12 225 (+8);', { etag, 'last-modified': lastModified })(req, res);
    });
    const fetch = fetcher();
    const first = await fetch.fetch(`${server.url}/report`, { headers: conditionalHeaders(null) });
    expect(validatorsOf(first)).toEqual({ etag, lastModified });
    const { attempts, onAttempt } = recorder();
    const second = await fetch.fetch(`${server.url}/report`, { headers: conditionalHeaders(validatorsOf(first)), onAttempt });
    expect([second.status, second.body.length]).toEqual([304, 0]);
    expect(attempts.map(summary)).toEqual([{ attempt: 1, status: 304, failure: null, willRetry: false, retryInMs: null }]);
    expect([server.headers[0]?.['if-none-match'], server.headers[0]?.['if-modified-since']]).toEqual([undefined, undefined]);
    expect([server.headers[1]?.['if-none-match'], server.headers[1]?.['if-modified-since']]).toEqual([etag, lastModified]);
  });

  it('lets request headers replace the client defaults instead of doubling them', async () => {
    server.set('/report', answer(200, 'ok'));
    await fetcher().fetch(`${server.url}/report`, { headers: { Accept: 'application/json' } });
    expect([server.headers[0]?.accept, server.headers[0]?.['user-agent']]).toEqual(['application/json', 'losstally-test (tests)']);
  });
});

describe('conditionalHeaders', () => {
  it('sends nothing without a previous fetch, and each validator the previous fetch had', () => {
    expect(conditionalHeaders(null)).toEqual({});
    expect(conditionalHeaders({ etag: null, lastModified: null })).toEqual({});
    expect(conditionalHeaders({ etag: 'W/"abc"', lastModified: null })).toEqual({ 'If-None-Match': 'W/"abc"' });
    expect(conditionalHeaders({ etag: '"abc"', lastModified: 'Wed, 25 Nov 2026 06:05:00 GMT' })).toEqual({
      'If-None-Match': '"abc"',
      'If-Modified-Since': 'Wed, 25 Nov 2026 06:05:00 GMT',
    });
  });
});

describe('validatorsOf', () => {
  it('reads ETag and Last-Modified, and null for a missing or empty one', () => {
    const response = (headers: Record<string, string>) => ({ url: 'http://x/', finalUrl: 'http://x/', status: 200, headers, body: Buffer.alloc(0), durationMs: 0 });
    expect(validatorsOf(response({ etag: 'W/"abc"', 'last-modified': 'Wed, 25 Nov 2026 06:05:00 GMT' }))).toEqual({
      etag: 'W/"abc"',
      lastModified: 'Wed, 25 Nov 2026 06:05:00 GMT',
    });
    expect(validatorsOf(response({ etag: ' ' }))).toEqual({ etag: null, lastModified: null });
  });
});
