/**
 * Runs a CommonJS bundle compiled from V8's code cache. Most of a short command's start-up
 * beyond Node's own was compiling its bundle (commander, Kysely, the report grammar); from the
 * cache a later run deserializes the functions an earlier one compiled instead.
 *
 * V8 trusts a cache it is given: it checks the V8 version, its flags and the source's length,
 * never the source's text nor the cache's own bytes, and a damaged cache crashes the process.
 * So each cache file starts with a CRC-32 of the bundle's size and modification time and of the
 * cache's bytes: a cache of another bundle file (rebuilt, or edited in place), or one that is not
 * whole (a crash while it was written, a damaged disk), is never given to V8, and a new one is
 * written. (A CRC-32, not a cryptographic hash: it guards against accidents, and loading
 * node:crypto alone would cost a command 2-3 ms of its start.)
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';
import { crc32 } from 'node:zlib';

const DIGEST_BYTES = 4;

/**
 * Where the cache of a bundle is kept: beside it, per processor architecture, V8 version and Node
 * options (V8 rejects a cache made under other flags: runs that alternate between two sets of
 * options keep a cache each instead of rewriting one).
 */
export function codeCachePath(bundle: string, options: readonly string[] = [...process.execArgv, process.env['NODE_OPTIONS'] ?? '']): string {
  const flags = options.filter((option) => option !== '').join(' ');
  const variant = flags === '' ? '' : `-${crc32(flags).toString(16)}`;
  return join(dirname(bundle), 'code-cache', `${basename(bundle)}.${process.arch}-v8-${process.versions.v8}${variant}.bin`);
}

function digestOf(bundleKey: string, data: Buffer): Buffer {
  const digest = Buffer.alloc(DIGEST_BYTES);
  digest.writeUInt32LE(crc32(data, crc32(bundleKey)));
  return digest;
}

/** The cache's data when the file is there, whole, and made for this very bundle file; otherwise undefined. */
export function readCodeCache(cacheFile: string, bundleKey: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (file.length <= DIGEST_BYTES) return undefined;
  const data = file.subarray(DIGEST_BYTES);
  return digestOf(bundleKey, data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/**
 * Writes the cache whole or not at all: into a file of its own, renamed over the cache at the end,
 * so that a run at the same moment reads a whole cache or none. Where no file can be created (a
 * read-only installation) nothing is made: the cache is only the next run's speed, so that is no
 * error of the command, and it costs nothing but the failed attempt.
 */
export function writeCodeCache(cacheFile: string, bundleKey: string, makeData: () => Buffer): void {
  // Process ids repeat across containers that share a folder: the name has a random part too.
  const partial = `${cacheFile}.${process.pid}-${Math.random().toString(36).slice(2)}.partial`;
  let fd: number;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    fd = openSync(partial, 'wx');
  } catch {
    return;
  }
  try {
    const data = makeData();
    writeSync(fd, digestOf(bundleKey, data));
    writeSync(fd, data);
    closeSync(fd);
    renameSync(partial, cacheFile);
  } catch {
    rmSync(partial, { force: true });
  }
}

/** Whether a run's compiled code is worth keeping: a command that ran to its end, not its help or a usage error, which compile little of it. */
function worthKeeping(exitCode: number, argv: readonly string[]): boolean {
  return exitCode === 0 && !argv.some((word) => word === '--help' || word === '-h' || word === 'help');
}

/**
 * Runs `bundle` as a CommonJS module. When there was no cache of it, writes one as the process
 * exits, after a run worth keeping (keepAlways: whatever the run, for a bundle that only ever
 * prints help and usage).
 */
export function runWithCodeCache(bundle: string, options: { cacheFile?: string; keepAlways?: boolean } = {}): void {
  const cacheFile = options.cacheFile ?? codeCachePath(bundle);
  const fd = openSync(bundle, 'r');
  let source: string;
  let bundleKey: string;
  try {
    const stat = fstatSync(fd);
    bundleKey = `${stat.size}:${stat.mtimeMs}`;
    source = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const cachedData = readCodeCache(cacheFile, bundleKey);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // At exit, not now: the cache then holds every function the command compiled, not only the top level.
    process.once('exit', (code) => {
      if (options.keepAlways || worthKeeping(code, process.argv.slice(2))) writeCodeCache(cacheFile, bundleKey, () => script.createCachedData());
    });
  }
  const module = { exports: {} };
  const run = script.runInThisContext() as (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => void;
  run(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}
