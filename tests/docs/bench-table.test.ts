/**
 * The README's Performance table is one run of `npm run bench`, rendered from the
 * bench/results.json that run wrote: never typed by hand, never a mix of runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_RESULTS_PATH, readmeBenchTable, renderBenchTable, replaceBenchTable, type BenchRun } from '../../scripts/bench-report.js';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const run = JSON.parse(readFileSync(new URL(BENCH_RESULTS_PATH, root), 'utf8')) as BenchRun;

describe('the README Performance table', () => {
  it('is the table of bench/results.json', () => {
    expect(readmeBenchTable(readme)).toBe(renderBenchTable(run));
  });

  it('holds every figure of a whole run, with the machine and Node version it ran on', () => {
    const names = run.results.map((r) => r.name.replace(/\d[\d,]*/g, 'N'));
    for (const start of ['parse a report page', 'import N days', 'backfill N days', 'export N days', 'losstally --help: start-up', 'losstally status: start-up', 'losstally parse of one page: start-up', 'losstally query of one row: start-up', 'losstally export of one day: start-up', 'losstally check of one day: start-up', 'GET /api/latest', 'GET /api/series?category=tanks', 'N concurrent GET /export.csv']) {
      expect(names.filter((n) => n.startsWith(start)).length, start).toBeGreaterThan(0);
    }
    expect(run.machine.node).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(readmeBenchTable(readme)).toContain(`Node ${run.machine.node}`);
  });

  it('is put between its markers, and a README without them is an error that says so', () => {
    const table = renderBenchTable(run);
    expect(replaceBenchTable('a\n<!-- bench: begin (npm run bench writes this table from bench/results.json) -->\nold\n<!-- bench: end -->\nb', run)).toBe(
      `a\n<!-- bench: begin (npm run bench writes this table from bench/results.json) -->\n${table}\n<!-- bench: end -->\nb`,
    );
    expect(() => replaceBenchTable('no table here', run)).toThrow(
      'README.md has no bench table: the lines "<!-- bench: begin (npm run bench writes this table from bench/results.json) -->" and "<!-- bench: end -->" mark where it goes',
    );
  });
});
