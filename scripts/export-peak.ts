/**
 * Exports the long series of a database to nowhere in a process of its own and prints
 * `{"ms","bytes","maxRssMiB"}`: `node dist/scripts/export-peak.js DB`. `npm run bench` runs it on
 * histories of two lengths to show that the export's peak memory does not grow with the history.
 */
import { Writable } from 'node:stream';
import { checkExportOptions, writeExport } from '../src/analyst/export.js';
import { openSqlite } from '../src/db/sqlite.js';
import { peakRssKiB } from './peak-rss.js';

const path = process.argv[2];
if (!path) throw new Error('usage: node dist/scripts/export-peak.js DB');
const sqlite = openSqlite(path, { readonly: true });
let bytes = 0;
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    bytes += chunk.length;
    done();
  },
});
const start = performance.now();
await writeExport(sqlite, checkExportOptions({}), sink);
const ms = performance.now() - start;
sqlite.close();
process.stdout.write(`${JSON.stringify({ ms, bytes, maxRssMiB: peakRssKiB() / 1024 })}\n`);
