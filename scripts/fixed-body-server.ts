/**
 * The baseline of the API figures of `npm run bench`: a bare node:http server that answers every
 * request with the same bytes, read once from a file, in a process of its own as `losstally
 * serve` runs in one. `node dist/scripts/fixed-body-server.js FILE` prints the line `serving URL`
 * that `losstally serve` prints, then serves until killed.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const file = process.argv[2];
if (!file) throw new Error('usage: node dist/scripts/fixed-body-server.js FILE');
const body = readFileSync(file);
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
process.stdout.write(`serving http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
