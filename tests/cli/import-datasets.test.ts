/**
 * `losstally import` of the minfin-derived JSON of AndrewRatnikov/russia-losses and of JJ's
 * ukr-mod-data.csv through the built command line, recognised without --format, as files and
 * as folders; the files of their folders that hold no series are left out with a note, and
 * refused when given alone.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/db.js';

const fixturePath = (name: string) => new URL(`../fixtures/datasets/${name}`, import.meta.url).pathname;

function fileLine(path: string): string {
  const bytes = readFileSync(fixturePath(path));
  return `  ${path.split('/').pop()}: ${path.endsWith('.json') ? 8 : 52} rows, ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`;
}

const ANDREW_NOTE = "note: keys.json is left out: the list of the dataset's key labels, not its series";
const JJ_NOTES = [
  'note: ukr-mod-deltas.csv is left out: a table of daily deltas, not of totals',
  'note: ukr-mod-data.csv gives its dates as dd.mm, without a year: read as 2022-05-30 … 2022-06-03, counting from 2022, the year the war began, and a year on each time the month goes back',
];

describe('losstally import of the russia-losses and ukr-mod-data datasets', () => {
  it("imports Andrew's folder and JJ's folder, each recognised without --format, and prints what it left out", async () => {
    const db = join(tempDir(), 'datasets.db');
    expect(await runCli(['import', fixturePath('russia-losses'), '--db', db])).toEqual({
      code: 0,
      stdout: [
        'imported russia-losses:russia-losses: 7 reports 2022-02-27 … 2024-04-10; 7 stored, 0 unchanged',
        fileLine('russia-losses/data.json'),
        ANDREW_NOTE,
        'findings on the stored days: 0 errors, 0 warnings, 10 info (losstally check lists them)',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(await runCli(['import', fixturePath('raku-ukr-mod-data'), '--db', db])).toEqual({
      code: 0,
      stdout: [
        'imported ukr-mod-data:raku-ukr-mod-data: 4 reports 2022-05-30 … 2022-06-03; 4 stored, 0 unchanged',
        fileLine('raku-ukr-mod-data/ukr-mod-data.csv'),
        ...JJ_NOTES,
        'findings on the stored days: 0 errors, 0 warnings, 1 info (losstally check lists them)',
        '',
      ].join('\n'),
      stderr: '',
    });
    const query = async (sql: string) => (await runCli(['query', sql, '--csv', '--db', db])).stdout;
    // Andrew's vehicles change category on 2022-05-01; its frozen fuel tanks and SRBM stay out of the series.
    expect(await query("select date, category, total, delta, source from series where category in ('military_auto', 'vehicles_fuel', 'fuel_tanks', 'srbm') order by date, category")).toBe(
      [
        'date,category,total,delta,source',
        '2022-04-30,fuel_tanks,76,,russia-losses:russia-losses',
        '2022-04-30,military_auto,1701,,russia-losses:russia-losses',
        '2022-04-30,srbm,4,,russia-losses:russia-losses',
        '2022-05-01,vehicles_fuel,1796,,russia-losses:russia-losses',
        '2022-05-30,vehicles_fuel,2258,18,ukr-mod-data:raku-ukr-mod-data',
        '2022-05-31,vehicles_fuel,2275,17,ukr-mod-data:raku-ukr-mod-data',
        '2022-06-01,vehicles_fuel,2290,15,ukr-mod-data:raku-ukr-mod-data',
        '2022-06-03,vehicles_fuel,2329,4,ukr-mod-data:raku-ukr-mod-data',
        '2024-01-28,vehicles_fuel,12103,,russia-losses:russia-losses',
        '2024-01-29,vehicles_fuel,12149,,russia-losses:russia-losses',
        '2024-04-09,vehicles_fuel,15181,,russia-losses:russia-losses',
        '2024-04-10,vehicles_fuel,15248,,russia-losses:russia-losses',
        '',
      ].join('\n'),
    );
    // JJ's stated deltas are what fills its missing 2022-06-02 (the real figures of that day).
    expect(await query("select category, value, status from series_clean where date = '2022-06-02' and category in ('tanks', 'afv', 'personnel') order by category")).toBe(
      'category,value,status\nafv,3354,inferred\npersonnel,30850,inferred\ntanks,1363,inferred\n',
    );
  });

  it('imports each data file given alone, with --format or without, as a source named after the file', async () => {
    const db = join(tempDir(), 'files.db');
    const andrew = await runCli(['import', fixturePath('russia-losses/data.json'), '--format', 'russia-losses', '--db', db]);
    expect([andrew.code, andrew.stdout.split('\n')[0], andrew.stderr]).toEqual([0, 'imported russia-losses:data.json: 7 reports 2022-02-27 … 2024-04-10; 7 stored, 0 unchanged', '']);
    const jj = await runCli(['import', fixturePath('raku-ukr-mod-data/ukr-mod-data.csv'), '--db', db]);
    const lines = jj.stdout.split('\n');
    expect([jj.code, lines[0], lines[2], jj.stderr]).toEqual([0, 'imported ukr-mod-data:ukr-mod-data.csv: 4 reports 2022-05-30 … 2022-06-03; 4 stored, 0 unchanged', JJ_NOTES[1], '']);
    const again = await runCli(['import', fixturePath('russia-losses/data.json'), '--db', db]);
    expect(again.stdout.split('\n')[0]).toBe('imported russia-losses:data.json: 7 reports 2022-02-27 … 2024-04-10; 0 stored, 7 unchanged');
  });

  it('refuses the table of deltas and the list of key labels given alone, and stores nothing', async () => {
    const db = join(tempDir(), 'refused.db');
    expect(await runCli(['import', fixturePath('raku-ukr-mod-data/ukr-mod-deltas.csv'), '--db', db])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: ukr-mod-deltas.csv is a table of daily deltas, not of totals; import the file of totals beside it, or the folder\n',
    });
    expect(await runCli(['import', fixturePath('russia-losses/keys.json'), '--format', 'russia-losses', '--db', db])).toEqual({
      code: 2,
      stdout: '',
      stderr: "Error: keys.json is the list of the dataset's key labels, not its series; import data.json or the folder\n",
    });
    // The rest of the message is JSON.parse's, worded by the Node version.
    const wrong = await runCli(['import', fixturePath('raku-ukr-mod-data/ukr-mod-data.csv'), '--format', 'russia-losses', '--db', db]);
    expect([wrong.code, wrong.stdout]).toEqual([1, '']);
    expect(wrong.stderr).toMatch(/^Error: ukr-mod-data\.csv is not valid JSON: [^\n]+\n$/);
    expect((await runCli(['query', 'select count(*) as n from reports', '--csv', '--db', db])).stdout).toBe('n\n0\n');
  });
});
