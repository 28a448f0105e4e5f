/**
 * `losstally parse` over many documents: files and folders in one process, an outcome per file,
 * and the run going on after a file without a report.
 */
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

const fixturePath = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/**
 * The corpus, relative to `root` (the working folder of the runs, so paths print as given):
 * the files map to the fixture they copy; names are chosen so that sorted path order
 * (`days.txt` before `days/…`) differs from the order of a folder-by-folder walk.
 */
const COPIES: Record<string, string> = {
  'corpus/2026-07-27.html': 'mod/2026-07-27.html',
  'corpus/captcha.html': 'kmu/captcha-shieldsquare.html',
  'corpus/days.txt': 'text/lines-only-uk.txt',
  'corpus/days/api/list-page1.json': 'russianwarship/list-page1-2022-02-25_2022-03-02.json',
  'corpus/days/minfin-2022-05.html': 'minfin/uk-month-2022-05.html',
  'corpus/layout.html': 'milgov/2022-06-21-layout-changed.html',
};
const PROSE = 'Data are being updated.\nStrike the occupier!\n';

let root: string;

beforeAll(() => {
  root = tempDir();
  for (const [path, fixture] of Object.entries(COPIES)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    copyFileSync(fixturePath(fixture), join(root, path));
  }
  writeFileSync(join(root, 'corpus/notes.txt'), PROSE);
  symlinkSync(fixturePath('milgov/2022-06-20.html'), join(root, 'corpus/milgov-link.html'));
  // Followed, this link would add the kmu fixtures to the corpus.
  symlinkSync(fixturePath('kmu'), join(root, 'corpus/kmu-link'));
  mkdirSync(join(root, 'empty/only-a-link'), { recursive: true });
  symlinkSync(fixturePath('mod'), join(root, 'empty/only-a-link/mod'));
});

const run = (args: readonly string[], input?: string) => runCli(['parse', ...args], input === undefined ? { cwd: root } : { cwd: root, input });

/** What `parse FIXTURE` prints alone (with `--json`, parsed): the many-file outputs must hold exactly that. */
async function alone(fixture: string, args: readonly string[] = []): Promise<string> {
  const result = await runCli(['parse', fixturePath(fixture), ...args]);
  expect(result.code).toBe(0);
  return result.stdout;
}

const reportLine = async (file: string, fixture: string, args: readonly string[] = []) => {
  const json = JSON.parse(await alone(fixture, ['--json', ...args])) as object | object[];
  return JSON.stringify(Array.isArray(json) ? { file, reports: json } : { file, ...json });
};

const CAPTCHA = 'no report in corpus/captcha.html: the site answered with a bot-protection page ("ShieldSquare Captcha")';
const UNDATED = 'corpus/days.txt: the text does not say which day it reports; pass --date YYYY-MM-DD';
const LAYOUT = 'cannot read the report in corpus/layout.html: mil.gov.ua page has no #aticle-content container; the page layout may have changed';
const PROSE_REASON = 'no report in corpus/notes.txt: the text holds no report lines ("<label> – <total> (+<delta>)")';
const MISSING = 'cannot read missing.html: no such file';

describe('losstally parse with many documents', () => {
  it('writes a JSON line per file of a folder, in sorted path order, and exits 1 after all when one has no report', async () => {
    const result = await run(['corpus', 'missing.html', '--ndjson']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      await reportLine('corpus/2026-07-27.html', 'mod/2026-07-27.html'),
      JSON.stringify({ file: 'corpus/captcha.html', error: { code: 'LT_BLOCKED', message: CAPTCHA } }),
      JSON.stringify({ file: 'corpus/days.txt', error: { code: 'LT_USAGE', message: UNDATED } }),
      await reportLine('corpus/days/api/list-page1.json', 'russianwarship/list-page1-2022-02-25_2022-03-02.json'),
      await reportLine('corpus/days/minfin-2022-05.html', 'minfin/uk-month-2022-05.html'),
      JSON.stringify({ file: 'corpus/layout.html', error: { code: 'LT_PARSE', message: LAYOUT } }),
      await reportLine('corpus/milgov-link.html', 'milgov/2022-06-20.html'),
      JSON.stringify({ file: 'corpus/notes.txt', error: { code: 'LT_NO_REPORT', message: PROSE_REASON } }),
      JSON.stringify({ file: 'missing.html', error: { code: 'LT_IO', message: MISSING } }),
      '',
    ]);
  });

  it('gives each file without a report the reason, code and exit code it has alone', async () => {
    const alones = [
      ['corpus/captcha.html', 1, CAPTCHA],
      ['corpus/days.txt', 2, UNDATED],
      ['corpus/layout.html', 1, LAYOUT],
      ['corpus/notes.txt', 1, PROSE_REASON],
      ['missing.html', 1, MISSING],
    ] as const;
    for (const [file, code, message] of alones) expect(await run([file])).toEqual({ code, stdout: '', stderr: `Error: ${message}\n` });
  });

  it('puts "file" first, and the days of a many-day document under "reports"', async () => {
    const result = await run(['corpus/days/minfin-2022-05.html', 'corpus/2026-07-27.html', '--ndjson']);
    expect(result.code).toBe(0);
    const [many, one] = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(Object.keys(many ?? {})).toEqual(['file', 'reports']);
    expect((many?.['reports'] as { reportDate: string }[]).map((r) => r.reportDate)).toEqual(['2022-05-01', '2022-05-02', '2022-05-03']);
    expect(Object.keys(one ?? {})).toEqual(['file', 'source', 'reportDate', 'language', 'figures', 'warnings']);
  });

  it('writes lines with --json too when given a folder, or more than one file', async () => {
    const ndjson = await run(['corpus', '--ndjson']);
    expect(await run(['corpus', '--json'])).toEqual(ndjson);
    const two = await run(['corpus/2026-07-27.html', 'corpus/captcha.html', '--json']);
    expect(two).toEqual({
      code: 1,
      stdout: `${await reportLine('corpus/2026-07-27.html', 'mod/2026-07-27.html')}\n${JSON.stringify({ file: 'corpus/captcha.html', error: { code: 'LT_BLOCKED', message: CAPTCHA } })}\n`,
      stderr: '',
    });
  });

  it('prints a table per file under "== FILE", and the reason of a file without a report on standard error', async () => {
    const result = await run(['corpus', 'missing.html']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        `== corpus/2026-07-27.html\n${await alone('mod/2026-07-27.html')}`,
        `== corpus/days/api/list-page1.json\n${await alone('russianwarship/list-page1-2022-02-25_2022-03-02.json')}`,
        `== corpus/days/minfin-2022-05.html\n${await alone('minfin/uk-month-2022-05.html')}`,
        `== corpus/milgov-link.html\n${await alone('milgov/2022-06-20.html')}`,
      ].join(''),
    );
    expect(result.stderr).toBe(
      [
        `Error: ${CAPTCHA}`,
        `Error: ${UNDATED}`,
        `Error: ${LAYOUT}`,
        `Error: ${PROSE_REASON}`,
        `Error: ${MISSING}`,
        '',
      ].join('\n'),
    );
  });

  it('exits 0 when every file gives a report; --date and --source apply to each file', async () => {
    const dated = await run(['corpus/days.txt', 'corpus/days/minfin-2022-05.html', '--date', '2022-05-02']);
    expect(dated).toEqual({
      code: 0,
      stdout:
        `== corpus/days.txt\n${await alone('text/lines-only-uk.txt', ['--date', '2022-05-02'])}` +
        `== corpus/days/minfin-2022-05.html\n${await alone('minfin/uk-month-2022-05.html', ['--date', '2022-05-02'])}`,
      stderr: '',
    });
    const sourced = await run(['corpus/milgov-link.html', 'corpus/2026-07-27.html', '--source', 'milgov', '--ndjson']);
    expect(sourced.code).toBe(1);
    expect(sourced.stdout.split('\n')).toEqual([
      await reportLine('corpus/milgov-link.html', 'milgov/2022-06-20.html', ['--source', 'milgov']),
      JSON.stringify({
        file: 'corpus/2026-07-27.html',
        error: { code: 'LT_PARSE', message: 'cannot read the report in corpus/2026-07-27.html: mil.gov.ua page has no #article container; the page layout may have changed' },
      }),
      '',
    ]);
  });

  it('writes one line for one file with --ndjson, standard input included', async () => {
    expect(await run(['corpus/2026-07-27.html', '--ndjson'])).toEqual({ code: 0, stdout: `${await reportLine('corpus/2026-07-27.html', 'mod/2026-07-27.html')}\n`, stderr: '' });
    expect(await run(['missing.html', '--ndjson'])).toEqual({ code: 1, stdout: `${JSON.stringify({ file: 'missing.html', error: { code: 'LT_IO', message: MISSING } })}\n`, stderr: '' });
    const text = 'танків ‒ 4635 (+7) од,\n';
    const stdin = await run(['-', '--ndjson', '--date', '2023-09-20'], text);
    expect(stdin).toEqual({
      code: 0,
      stdout: `${JSON.stringify({ file: '-', source: 'text', reportDate: '2023-09-20', language: 'uk', figures: [{ category: 'tanks', total: 4635, delta: 7, qualifier: null, label: 'танків' }], warnings: [] })}\n`,
      stderr: '',
    });
  });

  it('exits 2 when - is not the only path', async () => {
    expect(await run(['-', 'corpus/notes.txt'], PROSE)).toEqual({ code: 2, stdout: '', stderr: 'Error: "-" (standard input) must be the only FILE, not one of 2 paths\n' });
    expect(await run(['corpus', '-', '--ndjson'], PROSE)).toEqual({ code: 2, stdout: '', stderr: 'Error: "-" (standard input) must be the only FILE, not one of 2 paths\n' });
  });

  it('exits 2 for a folder with no files, a link to a folder counting as none', async () => {
    expect(await run(['corpus/2026-07-27.html', 'empty'])).toEqual({ code: 2, stdout: '', stderr: 'Error: folder empty holds no files to parse\n' });
    expect(await run(['empty/only-a-link/', '--ndjson'])).toEqual({ code: 2, stdout: '', stderr: 'Error: folder empty/only-a-link/ holds no files to parse\n' });
  });

  it('follows a link to a folder named on the command line, keeping the path as given', async () => {
    const result = await run(['empty/only-a-link/mod/', '--ndjson']);
    // The other-news page and the README hold no report.
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { file: string }).file)).toEqual([
      'empty/only-a-link/mod/2026-07-27.html',
      'empty/only-a-link/mod/2026-07-28.html',
      'empty/only-a-link/mod/2026-07-29.html',
      'empty/only-a-link/mod/2026-07-30.html',
      'empty/only-a-link/mod/2026-07-31-other-news.html',
      'empty/only-a-link/mod/README.md',
    ]);
  });
});
