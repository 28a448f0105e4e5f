/**
 * Bodies that inflate far past any limit ("zip bombs"), for the size limit of decoded bodies,
 * and the process's peak memory, to show a bomb was never inflated.
 */
import { gzipSync } from 'node:zlib';

const MIB = 1024 * 1024;

/**
 * A gzip body that inflates to `mebibytes` MiB of zeros from about a thousandth of that. Built
 * at once: a gzip file may hold many members one after the other (RFC 1952, 2.2), each decoded
 * in turn, so one member of 1 MiB of zeros is repeated instead of compressing the whole size.
 */
export function gzipBomb(mebibytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(MIB), { level: 9 });
  return Buffer.concat(Array.from({ length: mebibytes }, () => member));
}

/** The most memory the process has held so far (resident set), in bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}
