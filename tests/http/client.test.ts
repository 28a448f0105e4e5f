import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, decodeBody, HttpFailure, type HttpClient } from '../../src/http/client.js';
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

  it('follows redirects', async () => {
    server.set('/old', { status: 301, body: '', headers: { location: '/new' } });
    server.set('/new', { body: 'moved here' });
    const response = await http.get(`${server.url}/old`);
    expect([response.status, response.body.toString()]).toEqual([200, 'moved here']);
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
