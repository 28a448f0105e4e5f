/**
 * A local mirror of mod.gov.ua serving the synthetic history with a fixed latency per request,
 * in a process of its own (as a real mirror would be): `node dist/scripts/mirror.js DAYS LATENCY_MS`
 * prints its port, then serves until killed. Used by `npm run bench`.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { modUrlsFor } from '../src/sources/mod/urls.js';
import { modPage, syntheticHistory } from './synthetic.js';

const days = Number(process.argv[2] ?? 1700);
const latencyMs = Number(process.argv[3] ?? 20);
const pages = new Map(syntheticHistory(days).map((day) => [new URL(modUrlsFor(day.date)[0] as string).pathname, modPage(day)]));
const server = createServer((req, res) => {
  const body = pages.get(req.url ?? '');
  setTimeout(() => {
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  }, latencyMs);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
