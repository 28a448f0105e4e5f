/**
 * The limits of `losstally query`, from flags and the environment alike: a timeout from 1 ms to an
 * hour (setTimeout cannot wait longer than 2^31-1 ms, and used to fire after 1 ms with a warning
 * instead) and a row cap from 1 to a million; anything else is a usage error naming the range.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

let dbPath: string;

beforeAll(async () => {
  dbPath = join(tempDir(), 'limits.db');
  expect((await runCli(['migrate', '--db', dbPath])).code).toBe(0);
});

const ENDLESS = 'with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r';

describe('losstally query --timeout and --max-rows', () => {
  it('refuses a timeout outside 1 ms … 1 hour with exit 2, before running anything', async () => {
    for (const value of ['99999999999', '3600001', '0', '-5', '1.5', '10s', '']) {
      expect([value, await runCli(['query', ENDLESS, '--timeout', value, '--db', dbPath])]).toEqual([
        value,
        { code: 2, stdout: '', stderr: `Error: --timeout must be a whole number from 1 to 3600000, got "${value}"\n` },
      ]);
    }
  });

  it('refuses a row cap outside 1 … 1000000 with exit 2', async () => {
    for (const value of ['1000001', '0', 'all']) {
      expect([value, await runCli(['query', 'select 1', '--max-rows', value, '--db', dbPath])]).toEqual([
        value,
        { code: 2, stdout: '', stderr: `Error: --max-rows must be a whole number from 1 to 1000000, got "${value}"\n` },
      ]);
    }
  });

  it('holds LOSSTALLY_QUERY_TIMEOUT_MS and LOSSTALLY_QUERY_MAX_ROWS to the same ranges', async () => {
    expect(await runCli(['query', ENDLESS, '--db', dbPath], { env: { LOSSTALLY_QUERY_TIMEOUT_MS: '99999999999' } })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: environment variable LOSSTALLY_QUERY_TIMEOUT_MS="99999999999" must be a whole number from 1 to 3600000\n',
    });
    expect(await runCli(['query', 'select 1', '--db', dbPath], { env: { LOSSTALLY_QUERY_MAX_ROWS: '2000000' } })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: environment variable LOSSTALLY_QUERY_MAX_ROWS="2000000" must be a whole number from 1 to 1000000\n',
    });
  });

  it('takes both ends of the ranges, without a warning', async () => {
    expect(await runCli(['query', 'select 1 as n', '--csv', '--timeout', '3600000', '--max-rows', '1000000', '--db', dbPath])).toEqual({ code: 0, stdout: 'n\n1\n', stderr: '' });
    expect(await runCli(['query', 'select 1 as n', '--csv', '--db', dbPath], { env: { LOSSTALLY_QUERY_TIMEOUT_MS: '3600000', LOSSTALLY_QUERY_MAX_ROWS: '1' } })).toEqual({
      code: 0,
      stdout: 'n\n1\n',
      stderr: '',
    });
    const fast = await runCli(['query', ENDLESS, '--timeout', '1', '--db', dbPath]);
    expect(fast).toEqual({ code: 1, stdout: '', stderr: 'Error: the query ran longer than 1 ms and was stopped; narrow it, or allow more time with --timeout or LOSSTALLY_QUERY_TIMEOUT_MS\n' });
  });

  it('repeats at most 80 characters of a value it refuses', async () => {
    const long = '9'.repeat(500);
    expect((await runCli(['query', 'select 1', '--timeout', long, '--db', dbPath])).stderr).toBe(`Error: --timeout must be a whole number from 1 to 3600000, got "${'9'.repeat(80)}…"\n`);
    expect((await runCli(['query', 'select 1', '-p', `${'x'.repeat(100)}`, '--db', dbPath])).stderr).toBe(
      `Error: -p takes name=value (a parameter :name in the SQL), got "${'x'.repeat(80)}…"\n`,
    );
  });
});
