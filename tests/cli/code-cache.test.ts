/**
 * The bin runs each command's bundle from V8's code cache: the first run writes the cache as it
 * exits, later runs use it as it is, a cache V8 rejects is written anew, and a cache that cannot
 * be written costs nothing but speed. Run on a copy of dist/bin, so that no other test's runs
 * write the same cache meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCachePath } from '../../src/cli/code-cache.js';
import { BIN, ROOT } from '../helpers/cli.js';

let dir: string;
let bin: string;
/** The help of the bin itself, which the copy must print alike. */
let help: ReturnType<typeof run>;

function run(binFile: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [binFile, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The cache files of the copy's bundles. */
function caches(): string[] {
  try {
    return readdirSync(join(bin, 'code-cache')).sort();
  } catch {
    return [];
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'losstally-code-cache-'));
  bin = join(dir, 'bin');
  cpSync(join(ROOT, 'dist', 'bin'), bin, { recursive: true, filter: (source) => !source.includes('code-cache') });
  help = run(BIN, ['--help']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the code cache of the command bundles', () => {
  const program = readdirSync(join(ROOT, 'dist', 'bin')).find((file) => /^program-[0-9a-f]{12}\.cjs$/.test(file)) as string;
  const cacheName = `${program}.${process.arch}-v8-${process.versions.v8}.bin`;

  it('is kept beside the bundle, per architecture and V8 version', () => {
    expect(codeCachePath('/opt/losstally/dist/bin/check-0123456789ab.cjs')).toBe(`/opt/losstally/dist/bin/code-cache/check-0123456789ab.cjs.${process.arch}-v8-${process.versions.v8}.bin`);
  });

  it('is written by the first run of a bundle, as it exits, and only for that bundle', () => {
    expect(help.code).toBe(0);
    expect(caches()).toEqual([]);
    const first = run(join(bin, 'main.cjs'), ['--help']);
    expect(first).toEqual(help);
    expect(caches()).toEqual([cacheName]);
    expect(statSync(join(bin, 'code-cache', cacheName)).size).toBeGreaterThan(10_000);
  });

  it('is used as it is by the next run: the file is not written again', () => {
    const before = statSync(join(bin, 'code-cache', cacheName));
    expect(run(join(bin, 'main.cjs'), ['--help'])).toEqual(help);
    const after = statSync(join(bin, 'code-cache', cacheName));
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
  });

  it('is written anew when V8 rejects it, and the command runs all the same', () => {
    writeFileSync(join(bin, 'code-cache', cacheName), 'not a code cache');
    expect(run(join(bin, 'main.cjs'), ['--help'])).toEqual(help);
    expect(statSync(join(bin, 'code-cache', cacheName)).size).toBeGreaterThan(10_000);
    expect(caches()).toEqual([cacheName]);
  });

  it('costs nothing but speed when it cannot be written: no error, no output of its own', () => {
    rmSync(join(bin, 'code-cache'), { recursive: true });
    // A file where the folder would be: no run can create the folder, whoever runs it.
    writeFileSync(join(bin, 'code-cache'), '');
    expect(run(join(bin, 'main.cjs'), ['--help'])).toEqual(help);
    expect(run(join(bin, 'main.cjs'), ['--version'])).toEqual(run(BIN, ['--version']));
    expect(readdirSync(bin).filter((file) => file.endsWith('.partial'))).toEqual([]);
  });
});
