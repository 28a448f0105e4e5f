/**
 * The bin runs each command's bundle from V8's code cache: a run worth keeping writes the cache
 * as it exits, later runs use it as it is, and a cache that is not whole or not of this very
 * bundle file is never given to V8 (which would crash on it, or run the code of before) but
 * written anew. A cache that cannot be written costs nothing but speed. Run on a copy of
 * dist/bin, so that no other test's runs write the same caches meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCachePath, readCodeCache, writeCodeCache } from '../../src/cli/code-cache.js';
import { BIN, ROOT } from '../helpers/cli.js';

let dir: string;
let bin: string;
/** The help of the bin itself, which the copy must print alike. */
let help: ReturnType<typeof run>;
const REPORT = [
  'Загальні бойові втрати противника з 24.02.22 по 28.07.26 орієнтовно склали:',
  'особового складу ‒ близько 1178610 (+1070) осіб',
  'танків ‒ 11321 (+5) од',
  'бойових броньованих машин ‒ 23531 (+6) од',
].join('\n');

function run(binFile: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [binFile, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const copy = (...args: string[]) => run(join(bin, 'main.cjs'), args);

/** The cache files of the copy's bundles. */
function caches(): string[] {
  try {
    return readdirSync(join(bin, 'code-cache')).sort();
  } catch {
    return [];
  }
}

const bundleOf = (name: string) => readdirSync(bin).find((file) => new RegExp(`^${name}-[0-9a-f]{12}\\.cjs$`).test(file)) as string;
const cacheOf = (name: string) => `${bundleOf(name)}.${process.arch}-v8-${process.versions.v8}.bin`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'losstally-code-cache-'));
  bin = join(dir, 'bin');
  cpSync(join(ROOT, 'dist', 'bin'), bin, { recursive: true, filter: (source) => !source.includes('code-cache') });
  writeFileSync(join(dir, 'report.txt'), REPORT);
  help = run(BIN, ['--help']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the code cache of the command bundles', () => {
  it('is kept beside the bundle, per architecture, V8 version and Node options', () => {
    const base = `/opt/losstally/dist/bin/code-cache/check-0123456789ab.cjs.${process.arch}-v8-${process.versions.v8}`;
    expect(codeCachePath('/opt/losstally/dist/bin/check-0123456789ab.cjs', [])).toBe(`${base}.bin`);
    expect(codeCachePath('/opt/losstally/dist/bin/check-0123456789ab.cjs', ['', ''])).toBe(`${base}.bin`);
    const small = codeCachePath('/opt/losstally/dist/bin/check-0123456789ab.cjs', ['--max-old-space-size=200']);
    expect(small).toMatch(new RegExp(`^${base.replace(/[.]/g, '\\.')}-[0-9a-f]{1,8}\\.bin$`));
    expect(codeCachePath('/opt/losstally/dist/bin/check-0123456789ab.cjs', ['', '--max-old-space-size=200'])).toBe(small);
    expect(codeCachePath('/opt/losstally/dist/bin/check-0123456789ab.cjs', ['--max-old-space-size=400'])).not.toBe(small);
  });

  it('is written by the first run of a bundle, as it exits, and only for that bundle', () => {
    expect(help.code).toBe(0);
    expect(caches()).toEqual([]);
    expect(copy('--help')).toEqual(help);
    expect(caches()).toEqual([cacheOf('program')]);
    expect(statSync(join(bin, 'code-cache', cacheOf('program'))).size).toBeGreaterThan(10_000);
  });

  it('is used as it is by the next run: the file is not written again', () => {
    const before = statSync(join(bin, 'code-cache', cacheOf('program')));
    expect(copy('--help')).toEqual(help);
    const after = statSync(join(bin, 'code-cache', cacheOf('program')));
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
  });

  it('made under other Node options is kept apart: runs that alternate keep one cache each', () => {
    const plain = statSync(join(bin, 'code-cache', cacheOf('program')));
    const withOptions = () => spawnSync(process.execPath, ['--max-old-space-size=200', join(bin, 'main.cjs'), '--help'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(withOptions().stdout).toBe(help.stdout);
    const variants = caches().filter((file) => file.startsWith(bundleOf('program')) && file !== cacheOf('program'));
    expect(variants).toHaveLength(1);
    const variant = statSync(join(bin, 'code-cache', variants[0] as string));
    expect(copy('--help')).toEqual(help);
    expect(withOptions().stdout).toBe(help.stdout);
    // Neither was written again: each run found the cache made under its own options.
    expect(statSync(join(bin, 'code-cache', cacheOf('program'))).ino).toBe(plain.ino);
    expect(statSync(join(bin, 'code-cache', variants[0] as string)).ino).toBe(variant.ino);
    rmSync(join(bin, 'code-cache', variants[0] as string));
  });

  it("of a command is written by a run of the command, not by its help or a usage error, which compile little of it", () => {
    expect(copy('parse', '--help').code).toBe(0);
    expect(copy('parse', '--frobnicate').code).toBe(2);
    expect(caches()).toEqual([cacheOf('program')]);
    const parsed = copy('parse', join(dir, 'report.txt'));
    expect(parsed.code).toBe(0);
    expect(parsed.stdout.split('\n')[0]).toBe('text report for 2026-07-28 (uk): 3 figures');
    expect(caches()).toEqual([cacheOf('parse'), cacheOf('program')].sort());
    expect(copy('parse', join(dir, 'report.txt'))).toEqual(parsed);
  });

  it('that is damaged is never given to V8: the command runs as ever and the cache is written anew', () => {
    const file = join(bin, 'code-cache', cacheOf('program'));
    const damaged = readFileSync(file);
    // Bytes in the middle, the length kept: V8 itself would take this cache and crash on it.
    for (let i = damaged.length >> 1; i < (damaged.length >> 1) + 64; i++) damaged[i] = (damaged[i] as number) ^ 0xff;
    writeFileSync(file, damaged);
    expect(copy('--help')).toEqual(help);
    expect(readFileSync(file).equals(damaged)).toBe(false);
    writeFileSync(file, 'not a code cache');
    expect(copy('--help')).toEqual(help);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(caches()).toEqual([cacheOf('parse'), cacheOf('program')].sort());
  });

  it('of a bundle edited in place, even to the same length, is not used: the edited code runs', () => {
    const file = join(bin, bundleOf('program'));
    writeFileSync(file, readFileSync(file, 'utf8').replace("Tracks the General Staff of Ukraine's", "TRACKS the General Staff of Ukraine's"));
    expect(copy('--help').stdout.split('\n')[2]).toBe("TRACKS the General Staff of Ukraine's daily report of russian losses: fetch,");
  });

  it('is read only when whole and made for the bundle file it names', () => {
    const file = join(dir, 'direct.bin');
    writeCodeCache(file, '100:1', () => Buffer.from('the data of a cache'));
    expect(readCodeCache(file, '100:1')?.toString()).toBe('the data of a cache');
    expect(readCodeCache(file, '100:2')).toBeUndefined();
    writeFileSync(file, readFileSync(file).subarray(0, 12));
    expect(readCodeCache(file, '100:1')).toBeUndefined();
    expect(readCodeCache(join(dir, 'no-such.bin'), '100:1')).toBeUndefined();
  });

  it('costs nothing but speed when it cannot be written: no error, no output of its own, no data made', () => {
    rmSync(join(bin, 'code-cache'), { recursive: true });
    // A file where the folder would be: no run can create the folder, whoever runs it.
    writeFileSync(join(bin, 'code-cache'), '');
    let made = false;
    writeCodeCache(join(bin, 'code-cache', 'x.bin'), '1:1', () => {
      made = true;
      return Buffer.alloc(1);
    });
    expect(made).toBe(false);
    expect(copy('--help').stdout).toBe(help.stdout.replace("Tracks the General Staff of Ukraine's", "TRACKS the General Staff of Ukraine's"));
    expect(copy('--version')).toEqual(run(BIN, ['--version']));
    expect(readdirSync(bin).filter((file) => file.endsWith('.partial'))).toEqual([]);
  });
});
