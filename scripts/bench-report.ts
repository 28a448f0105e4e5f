/**
 * The figures of `npm run bench` as data and as the README shows them. A whole run writes
 * bench/results.json and the README's Performance table is rendered from that file alone
 * (`npm run bench` and `npm run docs` both rewrite it; the test suite checks they agree), so
 * the table always holds one run's figures with the machine and Node version they came from.
 */

export interface BenchResult {
  readonly name: string;
  readonly measured: string;
  readonly baseline: string;
  readonly ratio: number;
  readonly target: string;
  readonly met: boolean;
  readonly unit: string;
  readonly value: number;
  readonly baselineValue: number;
}

export interface BenchMachine {
  readonly cpus: number;
  readonly model: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export interface BenchRun {
  /** When the run ended (ISO instant). */
  readonly date: string;
  readonly machine: BenchMachine;
  readonly results: readonly BenchResult[];
  /** Figures the run could not measure, each with the reason (a folder it needs is missing). */
  readonly skipped: readonly string[];
}

export const BENCH_RESULTS_PATH = 'bench/results.json';
const BEGIN = '<!-- bench: begin (npm run bench writes this table from bench/results.json) -->';
const END = '<!-- bench: end -->';

export function machineLine(machine: BenchMachine): string {
  return `machine: ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`;
}

/** The table of a run, as printed and as the README shows it (between its markers). */
export function renderBenchTable(run: BenchRun): string {
  return [
    `Run of ${run.date.slice(0, 10)}; ${machineLine(run.machine)}`,
    '',
    '| figure | measured | baseline (same run) | ratio | target | |',
    '|---|---|---|---|---|---|',
    ...run.results.map((r) => `| ${r.name} | ${r.measured} | ${r.baseline} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.met ? 'met' : 'NOT met'} |`),
    ...(run.skipped.length > 0 ? ['', ...run.skipped.map((reason) => `Not measured: ${reason}.`)] : []),
  ].join('\n');
}

/** The README with its bench table replaced by the one of `run`; an error when the markers are missing. */
export function replaceBenchTable(readme: string, run: BenchRun): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no bench table: the lines "${BEGIN}" and "${END}" mark where it goes`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${renderBenchTable(run)}\n${readme.slice(end)}`;
}

/** The bench table the README shows now, or null. */
export function readmeBenchTable(readme: string): string | null {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  return begin < 0 || end < begin ? null : readme.slice(begin + BEGIN.length + 1, end - 1);
}
