import type { LookupFunction } from 'node:net';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, decodeBody, HttpFailure, type HttpClient } from '../../src/http/client.js';
import { gzipBomb, peakRss } from '../helpers/bomb.js';
import { closedPort, startServer, type TestServer } from '../helpers/server.js';

const OPTIONS = { userAgent: 'losstally-test (tests)', connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, totalTimeoutMs: 800, maxBodyBytes: 1000 };

let server: TestServer;
let http: HttpClient;
beforeEach(async () => {
  server = await startServer();
  http = createHttpClient(OPTIONS);
});
afterEach(async () => {
  await http.close();
  await server.close();
});

describe('createHttpClient', () => {
  it('returns status, headers and body, and sends the User-Agent', async () => {
    server.set('/page', { body: 'танки ‒ 12 225 (+8);' });
    const response = await http.get(`${server.url}/page`);
    expect([response.status, response.headers['content-type'], response.body.toString('utf8')]).toEqual([200, 'text/html; charset=utf-8', 'танки ‒ 12 225 (+8);']);
    expect(server.headers[0]?.['user-agent']).toBe('losstally-test (tests)');
  });

  it('returns a 404 as a status, not an error', async () => {
    const response = await http.get(`${server.url}/missing`);
    expect(response.status).toBe(404);
  });

  it('decodes a gzip-compressed body', async () => {
    server.set('/gz', { body: gzipSync(Buffer.from('стиснуто')), headers: { 'content-encoding': 'gzip' } });
    expect((await http.get(`${server.url}/gz`)).body.toString('utf8')).toBe('стиснуто');
  });

  it('refuses a body over the size limit', async () => {
    server.set('/big', { body: 'x'.repeat(5000) });
    const error = await http.get(`${server.url}/big`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpFailure);
    expect([(error as HttpFailure).failure, (error as Error).message]).toEqual(['too_large', `${server.url}/big answered with more than 1000 bytes; a report page is far smaller`]);
  });

  it('gives up on a server that trickles its body past the overall deadline', async () => {
    server.set('/slow', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    });
    const error = await http.get(`${server.url}/slow`).catch((e: unknown) => e);
    expect([(error as HttpFailure).failure, (error as Error).message]).toEqual(['timeout', `${server.url}/slow did not answer in full within 800 ms`]);
  });

  it('says why a host cannot be reached', async () => {
    const port = await closedPort();
    const error = await http.get(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect([(error as HttpFailure).failure, (error as Error).message]).toEqual([
      'unreachable',
      `could not fetch http://127.0.0.1:${port}/ from 127.0.0.1:${port}: the connection was refused (ECONNREFUSED)`,
    ]);
  });
});

describe('the size limit after decoding', () => {
  it('refuses a 1 GiB gzip bomb of 1 MiB after 5 MB decoded, without ever holding the bomb', async () => {
    const bomb = gzipBomb(1024);
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    server.set('/bomb', { body: bomb, headers: { 'content-encoding': 'gzip' } });
    const big = createHttpClient({ ...OPTIONS, maxBodyBytes: 5_000_000, totalTimeoutMs: 10_000 });
    const before = peakRss();
    try {
      const error = await big.get(`${server.url}/bomb`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpFailure);
      expect([(error as HttpFailure).failure, (error as Error).message]).toEqual([
        'too_large',
        `${server.url}/bomb sent a gzip body that inflates past 5000000 bytes; a report page is far smaller`,
      ]);
    } finally {
      await big.close();
    }
    // Inflating the bomb would take 1 GiB; decoding it as a stream stops after the limit.
    expect(peakRss() - before).toBeLessThan(100 * 1024 * 1024);
  });

  // 256 KiB of zeros in a few hundred bytes: under the limit of 1000 as sent, far over it decoded.
  it.each([
    ['deflate', deflateSync(Buffer.alloc(256 * 1024))],
    ['br', brotliCompressSync(Buffer.alloc(256 * 1024), { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })],
  ])('refuses a %s body that inflates past the limit', async (encoding, body) => {
    expect(body.length).toBeLessThan(1000);
    server.set('/bomb', { body, headers: { 'content-encoding': encoding } });
    const error = await http.get(`${server.url}/bomb`).catch((e: unknown) => e);
    expect([(error as HttpFailure).failure, (error as Error).message]).toEqual([
      'too_large',
      `${server.url}/bomb sent a ${encoding} body that inflates past 1000 bytes; a report page is far smaller`,
    ]);
  });

  it('takes a compressed body that decodes to exactly the limit, and refuses one byte more', async () => {
    server.set('/at', { body: gzipSync(Buffer.from('x'.repeat(1000))), headers: { 'content-encoding': 'gzip' } });
    server.set('/over', { body: gzipSync(Buffer.from('x'.repeat(1001))), headers: { 'content-encoding': 'gzip' } });
    expect((await http.get(`${server.url}/at`)).body.length).toBe(1000);
    expect(((await http.get(`${server.url}/over`).catch((e: unknown) => e)) as HttpFailure).failure).toBe('too_large');
  });

  it('says a body is not what its Content-Encoding claims', async () => {
    server.set('/bad', { body: 'plain text', headers: { 'content-encoding': 'gzip' } });
    const error = await http.get(`${server.url}/bad`).catch((e: unknown) => e);
    expect([(error as HttpFailure).failure, (error as Error).message]).toEqual(['bad_encoding', `${server.url}/bad sent a body that is not valid gzip`]);
  });
});

/** Redirects through the local server, from /hop/0 on. */
function redirectChain(length: number, last = 'the end') {
  for (let hop = 0; hop < length; hop++) server.set(`/hop/${hop}`, { status: 302, body: '', headers: { location: `/hop/${hop + 1}` } });
  server.set(`/hop/${length}`, { body: last });
}

describe('redirects', () => {
  it('follows a redirect within the host and says where the answer came from', async () => {
    server.set('/old', { status: 301, body: '', headers: { location: '/new' } });
    server.set('/new', { body: 'moved here' });
    const response = await http.get(`${server.url}/old`);
    expect([response.status, response.body.toString(), response.url, response.finalUrl]).toEqual([200, 'moved here', `${server.url}/old`, `${server.url}/new`]);
  });

  it('follows 5 hops; the 6th redirect comes back as it is', async () => {
    redirectChain(5);
    const five = await http.get(`${server.url}/hop/0`);
    expect([five.status, five.body.toString(), five.finalUrl]).toEqual([200, 'the end', `${server.url}/hop/5`]);
    redirectChain(6);
    server.requests.length = 0;
    const six = await http.get(`${server.url}/hop/0`);
    expect([six.status, six.headers['location'], six.finalUrl]).toEqual([302, '/hop/6', `${server.url}/hop/5`]);
    expect(server.requests).toEqual(['/hop/0', '/hop/1', '/hop/2', '/hop/3', '/hop/4', '/hop/5']);
  });

  it('refuses a redirect to another host, naming it, and sends nothing there', async () => {
    const other = await startServer({ '/news': { body: 'not the source' } });
    try {
      for (const target of ['http://evil.example/news', 'http://no-such-host.invalid/news', `${other.url}/news`]) {
        server.set('/old', { status: 302, body: '', headers: { location: target } });
        const error = await http.get(`${server.url}/old`).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HttpFailure);
        const failure = error as HttpFailure;
        expect([failure.failure, failure.message, failure.location, failure.finalUrl]).toEqual([
          'redirect_off_host',
          `${server.url}/old redirected to another host, ${target}; not followed`,
          target,
          `${server.url}/old`,
        ]);
      }
      // The same address on another port is another server.
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('refuses an off-host redirect after hops within the host', async () => {
    server.set('/a', { status: 301, body: '', headers: { location: '/b' } });
    server.set('/b', { status: 302, body: '', headers: { location: 'https://evil.example/b' } });
    const error = (await http.get(`${server.url}/a`).catch((e: unknown) => e)) as HttpFailure;
    expect([error.failure, error.message, error.finalUrl]).toEqual(['redirect_off_host', `${server.url}/a redirected to another host, https://evil.example/b; not followed`, `${server.url}/b`]);
  });

  it('reports a redirect loop', async () => {
    server.set('/a', { status: 302, body: '', headers: { location: '/b' } });
    server.set('/b', { status: 302, body: '', headers: { location: '/a' } });
    const error = (await http.get(`${server.url}/a`).catch((e: unknown) => e)) as HttpFailure;
    expect([error.failure, error.message]).toEqual(['redirect_loop', `${server.url}/a redirects in a loop`]);
  });

  describe('to the www. form of the host', () => {
    // Names that resolve to the local server, or not at all, without asking any DNS.
    const names: Record<string, boolean> = { 'mirror.test': true, 'www.mirror.test': true, 'broken.test': true, 'www.broken.test': false };
    const lookup: LookupFunction = (hostname, options, callback) => {
      if (!names[hostname]) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 4);
      } else if (options.all) {
        (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
      } else callback(null, '127.0.0.1', 4);
    };
    let named: HttpClient;
    let agent: Agent;
    beforeEach(() => {
      agent = new Agent({ connect: { lookup } });
      named = createHttpClient(OPTIONS, agent);
    });
    afterEach(async () => {
      await agent.close();
    });

    it('is followed: the same site', async () => {
      const port = new URL(server.url).port;
      server.set('/a', { status: 301, body: '', headers: { location: `http://www.mirror.test:${port}/b` } });
      server.set('/b', { body: 'on www' });
      const response = await named.get(`http://mirror.test:${port}/a`);
      expect([response.body.toString(), response.finalUrl]).toEqual(['on www', `http://www.mirror.test:${port}/b`]);
    });

    it('names the redirect target, not the host asked, when the target does not resolve', async () => {
      const port = new URL(server.url).port;
      server.set('/a', { status: 301, body: '', headers: { location: `http://www.broken.test:${port}/b` } });
      const error = (await named.get(`http://broken.test:${port}/a`).catch((e: unknown) => e)) as HttpFailure;
      expect([error.failure, error.message, error.finalUrl]).toEqual([
        'unreachable',
        `could not fetch http://www.broken.test:${port}/b from www.broken.test:${port} (redirected from http://broken.test:${port}/a): the host name does not resolve (ENOTFOUND)`,
        `http://www.broken.test:${port}/b`,
      ]);
    });
  });
});

describe('decodeBody', () => {
  const cp1251 = Buffer.from([0xf2, 0xe0, 0xed, 0xea, 0xe8]); // "танки" in windows-1251

  it('uses the charset of the Content-Type header', () => {
    expect(decodeBody(cp1251, 'text/html; charset=windows-1251')).toBe('танки');
  });

  it('falls back to the meta charset of the page, then to UTF-8', () => {
    const page = Buffer.concat([Buffer.from('<meta charset="windows-1251">'), cp1251]);
    expect(decodeBody(page, 'text/html')).toBe('<meta charset="windows-1251">танки');
    expect(decodeBody(Buffer.from('танки'), undefined)).toBe('танки');
  });
});
