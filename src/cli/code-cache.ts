/**
 * Runs a CommonJS bundle compiled from V8's code cache. Most of a short command's start-up
 * beyond Node's own was compiling its bundle (commander, Kysely, the report grammar); from the
 * cache a second run deserializes the functions the first one compiled instead.
 *
 * A cache belongs to one bundle file, whose name holds a hash of its content (scripts/bundle.ts),
 * and one V8: V8 checks only the source's length, never its text, so a cache must never outlive
 * the bundle it was made from. A cache V8 rejects (another V8 or other flags) is made anew.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';

/** Where the cache of a bundle is kept: beside it, per processor architecture and V8 version. */
export function codeCachePath(bundle: string): string {
  return join(dirname(bundle), 'code-cache', `${basename(bundle)}.${process.arch}-v8-${process.versions.v8}.bin`);
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Written whole or not at all (a second run at the same moment reads either no cache or a whole
 * one). A cache that cannot be written (a read-only installation) only costs the next run its
 * speed, so failing to write one is not an error of the command.
 */
function writeWhole(file: string, data: Buffer): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, data);
    renameSync(partial, file);
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // No folder to write in, so no partial file either.
    }
  }
}

/** Runs `bundle` as a CommonJS module; when there was no usable cache, writes one as the process exits. */
export function runWithCodeCache(bundle: string, cacheFile = codeCachePath(bundle)): void {
  const source = readFileSync(bundle, 'utf8');
  const cachedData = readIfThere(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // At exit, not now: the cache then holds every function the command compiled, not only the top level.
    process.once('exit', () => writeWhole(cacheFile, script.createCachedData()));
  }
  const module = { exports: {} };
  const run = script.runInThisContext() as (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => void;
  run(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}
