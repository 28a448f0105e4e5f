/**
 * Conformance: every official sample in ../shared/samples parses, through the real CLI, to the
 * categories, totals and deltas of the reference series for its report date.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates.js';
import { runCli } from '../helpers/cli.js';
import { DATASETS, listSamples, readReferenceTotals, reportSkipped, SAMPLES, sharedAvailable } from '../helpers/shared.js';

const REPORT_SAMPLES = /^(milgov-en-\d{4}-\d{2}-\d{2}\.html|kmu-en-.*\.html|milgov-uk-.*\.txt)$/;

/**
 * Deltas the documents print that differ from the reference's day-over-day difference, with
 * the reason. The parser must read what the document says.
 */
const PRINTED_DELTAS: Record<string, { delta: number; why: string }> = {
  '2022-04-30|uav': { delta: 4, why: 'the page prints (+4) while the totals go 229 → 232; a delta_mismatch in the official report itself' },
};

function officialCorrections(): Map<string, number> {
  // Days where the report's delta differs from the totals' difference by an official correction.
  const implied = new Map<string, number>();
  const lines = readFileSync(`${DATASETS}reference_known_issues.csv`, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [date, category, , issue] = line.split(',');
    const match = /implied_reported_delta=([+-]?\d+)/.exec(line);
    if (issue === 'official_correction' && match?.[1]) implied.set(`${date}|${category}`, Number(match[1]));
  }
  return implied;
}

interface FigureJson {
  category: string;
  total: number | null;
  delta: number | null;
}

const available = sharedAvailable();
const samples = available ? listSamples(REPORT_SAMPLES) : [];
if (!available) reportSkipped('the conformance suite (every official sample against reference_long.csv)');

describe.runIf(available)('official samples against reference_long.csv', () => {
  const reference = available ? readReferenceTotals() : new Map<string, number>();
  const corrections = available ? officialCorrections() : new Map<string, number>();

  it('finds every sample the conformance suite is meant to cover', () => {
    expect(samples.length).toBeGreaterThanOrEqual(12);
  });

  it.each(samples)('%s parses to the reference categories, totals and deltas', async (name) => {
    const date = /(\d{4}-\d{2}-\d{2})/.exec(name)?.[1] ?? '';
    // Text samples hold only the lines, with no date: the date comes from --date.
    const args = ['parse', `${SAMPLES}${name}`, '--json', ...(name.endsWith('.txt') ? ['--date', date] : [])];
    const result = await runCli(args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { reportDate: string; figures: FigureJson[]; warnings: unknown[] };
    expect(parsed.reportDate).toBe(date);
    expect(parsed.warnings).toEqual([]);

    const expected = [...reference.keys()]
      .filter((key) => key.startsWith(`${date}|`))
      .map((key) => {
        const category = key.split('|')[1] ?? '';
        const total = reference.get(key) ?? null;
        const previous = reference.get(`${addDays(date, -1)}|${category}`);
        const difference = total === null ? null : total - (previous ?? 0);
        const printed = PRINTED_DELTAS[key]?.delta ?? corrections.get(key) ?? difference;
        return { category, total, delta: printed };
      })
      .sort((a, b) => a.category.localeCompare(b.category));
    const actual = parsed.figures
      .map((f) => ({ category: f.category, total: f.total, delta: f.delta }))
      .sort((a, b) => a.category.localeCompare(b.category));
    // Reports of early 2022 print no deltas at all: compare totals only for those.
    const printsDeltas = actual.some((f) => f.delta !== null);
    expect(actual).toEqual(printsDeltas ? expected : expected.map((f) => ({ ...f, delta: null })));
  });

  it('says the news listing holds no report, with exit code 1', async () => {
    const path = `${SAMPLES}milgov-en-newslist-2022-06-15.html`;
    const result = await runCli(['parse', path, '--json']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `Error: no report in ${path}: mil.gov.ua page is a news listing, not a daily report\n` });
  });
});
