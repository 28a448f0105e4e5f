/**
 * Exports the long series of a database to nowhere in a process of its own and prints
 * `{"ms","bytes","maxRssMiB"}`: `node dist/scripts/export-peak.js DB`. `npm run bench` runs it on
 * histories of two lengths to show that the export's peak memory does not grow with the history.
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { checkExportOptions, writeExport } from '../src/analyst/export.js';
import { openSqlite } from '../src/db/sqlite.js';

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

/**
 * The peak resident memory of this process in KiB. On Linux it is read from VmHWM, because
 * getrusage's maxrss of a spawned process starts at the size of the parent that forked it.
 */
function peakRssKiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // No /proc (not Linux): getrusage's figure is the best there is.
  }
  return process.resourceUsage().maxRSS;
}
