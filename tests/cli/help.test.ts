/**
 * The help of every command and the usage errors commander reports, as the user sees them:
 * exact texts, the global --db in each command's help, one way of stating defaults, and
 * error lines that start "Error:".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DB_LINES = ['Global Options:', '  --db <path>          SQLite database (default: data/losstally.db in the', '                       losstally folder, env: LOSSTALLY_DB)', '  -V, --version        output the version number'];

async function help(...command: string[]): Promise<string> {
  const result = await runCli([...command, '--help']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

async function commands(): Promise<string[]> {
  return [...(await help()).matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1] as string).filter((c) => c !== 'help');
}

describe('losstally check --help', () => {
  it('explains each status of the clean series with a real case, and --db', async () => {
    expect(await help('check')).toBe(
      [
        'Usage: losstally check [options]',
        '',
        'recompute every finding from the stored figures and list them, then the clean',
        'series: its repairs and notes, and a count of each status',
        '',
        'Options:',
        '  --from <YYYY-MM-DD>  first report date to list',
        '  --to <YYYY-MM-DD>    last report date to list',
        '  --json               print the findings as a JSON array (the findings only)',
        '  -h, --help           display help for command',
        '',
        ...DB_LINES,
        '',
        'The clean series (view series_clean) gives each day and category a status:',
        '  stated    the total follows from the day before and its delta, or fits its neighbours;',
        '            an official correction the next days carry stays stated, with the reason',
        '  repaired  a total typo both neighbours expose: mod printed tanks 12262 for 12226 on',
        '            2026-07-28 (12225 + 1 on the 27th; 12227 - 1 on the 29th)',
        '  inferred  no total stated and the neighbours fix it: vehicles +331 on 2026-07-29',
        '            (126850 + 331 = 127181 = 127621 - 440)',
        '  disputed  the total does not follow and nothing settles it; the stated value is kept',
        '',
      ].join('\n'),
    );
  });
});

describe('losstally import --help', () => {
  it('lists exactly the formats import takes, and --db', async () => {
    expect(await help('import')).toBe(
      [
        'Usage: losstally import [options] <path>',
        '',
        'store a dataset (PetroIvaniuk JSON, Kaggle or other wide CSV, long CSV, a',
        'losstally export, the russia-losses JSON, the ukr-mod-data CSV) or a saved page,',
        'API answer or report text as a source of its own',
        '',
        'Arguments:',
        '  path                 a file, or a folder holding a dataset (symbolic links to',
        '                       files are followed); a dataset file is read up to',
        '                       LOSSTALLY_MAX_IMPORT_BYTES, a page or text up to',
        '                       LOSSTALLY_MAX_DOCUMENT_BYTES',
        '',
        'Options:',
        '  --format <format>    petroivaniuk, kaggle-csv, long-csv, russia-losses,',
        '                       ukr-mod-data, mod, milgov, kmu, minfin, russianwarship or',
        '                       text (default: recognised from the files)',
        '  --date <YYYY-MM-DD>  report date of a text that does not state it',
        '  -h, --help           display help for command',
        '',
        ...DB_LINES,
        '',
      ].join('\n'),
    );
  });

  it('offers no format that import refuses: the refusal lists the same formats', async () => {
    expect(await runCli(['import', 'series.csv', '--format', 'minfin-text'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: --format must be one of petroivaniuk, kaggle-csv, long-csv, russia-losses, ukr-mod-data, mod, milgov, kmu, minfin, russianwarship, text, got "minfin-text"\n',
    });
  });
});

describe('losstally export --help', () => {
  it('states the default shape as every default is stated, --clean and its shapes, and --db', async () => {
    expect(await help('export')).toBe(
      [
        'Usage: losstally export [options]',
        '',
        'write the series as CSV: long (a row per date and category) or wide (a row per',
        'date)',
        '',
        'Options:',
        '  --shape <shape>      long or wide (default: long)',
        '  --from <YYYY-MM-DD>  first date',
        '  --to <YYYY-MM-DD>    last date',
        '  --category <key>     only this category (repeat for more)',
        '  --clean              write the clean series (series_clean) instead: long, per',
        '                       date and category the best estimate (value), the stated',
        '                       total, the status (stated, repaired, inferred or',
        '                       disputed), the reason, the evidence and the source; wide,',
        '                       per category the value and a <key>_status column',
        '  --bom                start with a UTF-8 byte-order mark (for Excel)',
        '  --out <file>         write to this file (written whole or not at all) instead',
        '                       of standard output',
        '  -h, --help           display help for command',
        '',
        ...DB_LINES,
        '',
      ].join('\n'),
    );
  });
});

describe('the help of every command', () => {
  it('shows the global option --db <path> with its default and environment variable', async () => {
    const names = await commands();
    expect(names).toEqual(['migrate', 'ingest', 'backfill', 'import', 'parse', 'export', 'serve', 'worker', 'reparse', 'check', 'status', 'query']);
    for (const name of names) {
      const text = (await help(name)).replace(/\s+/g, ' ');
      expect(text).toContain(' Global Options: --db <path> SQLite database (default: data/losstally.db in the losstally folder, env: LOSSTALLY_DB) -V, --version output the version number');
    }
  });

  it('states every default as "(default: …)", unquoted, with "env: NAME" where a variable sets it', async () => {
    for (const name of ['', ...(await commands())]) {
      const text = (await help(...(name ? [name] : []))).replace(/\s+/g, ' ');
      expect(text.match(/default/g)?.length ?? 0).toBe(text.match(/\(default: [^"]/g)?.length ?? 0);
    }
    const flat = async (name: string) => (await help(name)).replace(/\s+/g, ' ');
    expect(await flat('query')).toContain('--max-rows <n> stop after this many rows, at most 1000000 (default: 10000, env: LOSSTALLY_QUERY_MAX_ROWS)');
    expect(await flat('query')).toContain('--timeout <ms> stop a query that runs longer, at most 3600000 (an hour) (default: 10000, env: LOSSTALLY_QUERY_TIMEOUT_MS)');
    expect(await flat('serve')).toContain(
      '--allow-host <name> also answer requests for this host name, on any port (repeat for more); without it only localhost, 127.0.0.1, [::1] and --host (on 0.0.0.0 or :: also the addresses of this machine) are answered, on the port listened on; other hosts get 421',
    );
    expect(await flat('backfill')).toContain('--concurrency <n> daily pages fetched at a time, capped by LOSSTALLY_HOST_CONCURRENCY (default: 4)');
    expect(await flat('ingest')).toContain(
      "--base-url <url> replace the source's scheme and host (a mirror serving the same paths) (default: the source's own, env: LOSSTALLY_<SOURCE>_BASE_URL)",
    );
    expect(await flat('worker')).toContain("--heartbeat-url <url> URL to call after each good cycle (dead-man's-switch monitors) (default: none, env: LOSSTALLY_HEARTBEAT_URL)");
  });
});

describe('usage errors', () => {
  it('start with "Error:" as every other error line, and exit 2', async () => {
    expect(await runCli(['export', '--shape'])).toEqual({ code: 2, stdout: '', stderr: "Error: option '--shape <shape>' argument missing\n(run with --help for usage)\n" });
    expect(await runCli(['export', '--frobnicate'])).toEqual({ code: 2, stdout: '', stderr: "Error: unknown option '--frobnicate'\n(run with --help for usage)\n" });
    expect(await runCli(['import'])).toEqual({ code: 2, stdout: '', stderr: "Error: missing required argument 'path'\n(run with --help for usage)\n" });
  });
});
