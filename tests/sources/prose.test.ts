/**
 * The report as the news retells it (issue 15's forms): English prose, numbers in words and
 * abbreviations, number-first lists with inflected labels, Russian-language copies, the day's
 * changes only, Polish and Italian reprints, and a headline that disagrees with the list. Each
 * hand-written fixture of tests/fixtures/prose holds the real figures of its day
 * (reference_long.csv); expected.json lists exactly the figures each text states.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/sources/text/parse.js';

interface Expected {
  readonly date: string;
  readonly language: string;
  readonly form: string;
  readonly figures: readonly { category: string; total: number | null; delta: number | null; qualifier: string | null }[];
}

const folder = new URL('../fixtures/prose/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', folder), 'utf8')) as Record<string, Expected>;

function parsed(file: string) {
  const want = expected[file] as Expected;
  const outcome = parseReportText(readFileSync(new URL(file, folder), 'utf8'), { date: want.date });
  if (outcome.status !== 'report') throw new Error(`${file}: ${outcome.status}`);
  return outcome.report;
}

describe('texts that retell the report', () => {
  it.each(Object.keys(expected))('%s: exactly the figures the text states, in its language', (file) => {
    const want = expected[file] as Expected;
    const report = parsed(file);
    const figures = report.figures.map(({ category, total, delta, qualifier }) => ({ category, total, delta, qualifier })).sort((a, b) => a.category.localeCompare(b.category));
    expect({ date: report.reportDate, language: report.language, figures }).toEqual({ date: want.date, language: want.language, figures: want.figures });
  });

  it('keeps the list\'s figure where the headline gives another, and says both', () => {
    expect(parsed('headline-uk-2022-11-17.txt').warnings).toEqual([
      {
        code: 'mention_disagrees',
        message: '"російських танків" gives tanks as total 2887, no delta, the list\'s "танків" as total 2878, delta 7; the list\'s figure is kept',
        label: 'російських танків',
        total: 2887,
        delta: null,
      },
    ]);
  });

  it('joins the total of one sentence and the day\'s change of another, and reads "one submarine"', () => {
    const report = parsed('englishnews-en-2024-08-28.txt');
    expect(report.figures.find((f) => f.category === 'personnel')).toEqual({ category: 'personnel', total: 611190, delta: 1090, qualifier: null, label: 'troops' });
    expect(report.figures.find((f) => f.category === 'submarines')).toEqual({ category: 'submarines', total: 1, delta: null, qualifier: null, label: 'submarine' });
    expect(report.warnings).toEqual([]);
  });

  it('says of every figure of the day\'s changes that it has no total', () => {
    const warnings = parsed('dailychange-uk-2025-11-27.txt').warnings;
    expect(warnings.map((w) => w.code)).toEqual(Array(10).fill('delta_only'));
    expect(warnings[1]?.message).toBe('"танк": the line states only the day\'s change (+1), no total');
  });
});
