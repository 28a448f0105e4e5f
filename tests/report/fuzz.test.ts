/**
 * Random and mutated report lines and texts, seeded so every run tries the same inputs: the
 * parsers never throw, never give a figure the input does not state, and never take long (each
 * input in under 50 ms).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, quickly } from '../helpers/fuzz.js';
import { parseFigureLine } from '../../src/report/grammar.js';
import { COUNT_PATTERN, parseCount } from '../../src/report/numbers.js';
import { parseReportText } from '../../src/sources/text/parse.js';

const MAX_INPUT = 4_000;

/** Real lines of the forms the sources print, from the project's own text fixtures. */
const REAL_LINES = readdirSync(new URL('../fixtures/text/', import.meta.url))
  .filter((name) => name.endsWith('.txt'))
  .flatMap((name) => readFileSync(new URL(`../fixtures/text/${name}`, import.meta.url), 'utf8').split('\n'))
  .map((line) => line.trim())
  .filter((line) => /\d/.test(line) && line.length < 400);

/** Every count the text states, in any of the number formats the grammar reads. */
function statedCounts(text: string): Set<number> {
  const counts = new Set<number>();
  for (const match of text.matchAll(new RegExp(COUNT_PATTERN, 'gu'))) {
    const value = parseCount(match[0]);
    if (value !== null) counts.add(value);
  }
  return counts;
}


/** The characters report lines are made of, and those that break them. */
const PIECES = ['‒', '–', '—', '-', '−', ':', '(', ')', '(+', '+', ' ', '\u00a0', ',', '.', ';', '0', '7', '12', '1 311', 'близько', 'about', 'од', 'танків', 'tanks', '/', '\t', '%', 'ЗРК БУК', 'bit.ly/3o'];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 40 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(line: string, mutations: readonly Mutation[]): string {
  let text = line;
  for (const m of mutations) {
    const at = m.kind === 'repeat' ? 0 : m.at % (text.length + 1);
    if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
    else if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
    else text = Array.from({ length: m.times }, () => text).join(' ');
    text = text.slice(0, MAX_INPUT);
  }
  // Long enough to hold a whole report on one line and more (the grammar skips lines past 20 000
  // characters); the budget of 50 ms is for inputs of that size.
  return text.slice(0, MAX_INPUT);
}

const mutatedLine = fc.tuple(fc.constantFrom(...REAL_LINES), fc.array(mutation, { maxLength: 5 })).map(([line, mutations]) => mutate(line, mutations));
const anyLine = fc.oneof(mutatedLine, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join('')));

describe('the line grammar under random and mutated lines', () => {
  it('has real lines to start from', () => {
    expect(REAL_LINES.length).toBeGreaterThan(100);
  });

  it('never throws, states no figure the line does not, and takes under 50 ms a line', () => {
    fc.assert(
      fc.property(anyLine, (line) => {
        const items = quickly(() => parseFigureLine(line));
        const counts = statedCounts(line);
        for (const item of items) {
          if (item.total !== null && !counts.has(item.total)) throw new Error(`total ${item.total} is not stated in ${JSON.stringify(line)}`);
          if (item.delta !== null && !counts.has(Math.abs(item.delta))) throw new Error(`delta ${item.delta} is not stated in ${JSON.stringify(line)}`);
        }
      }),
      { seed: FUZZ_SEED, numRuns: 3000 },
    );
  });
});

describe('pasted texts under random and mutated input', () => {
  const text = fc.array(anyLine, { minLength: 1, maxLength: 30 }).map((lines) => lines.join('\n'));

  it('always end in a report or an outcome that says why not, with every figure stated, in under 50 ms', () => {
    fc.assert(
      fc.property(text, (input) => {
        const outcome = quickly(() => parseReportText(input, { date: '2024-06-11' }));
        expect(['report', 'no_report', 'undated', 'parse_error', 'blocked']).toContain(outcome.status);
        if (outcome.status !== 'report') return;
        const counts = statedCounts(input);
        for (const figure of outcome.report.figures) {
          if (figure.total !== null && !counts.has(figure.total)) throw new Error(`total ${figure.total} is not stated in ${JSON.stringify(input)}`);
          if (figure.delta !== null && !counts.has(Math.abs(figure.delta))) throw new Error(`delta ${figure.delta} is not stated in ${JSON.stringify(input)}`);
        }
      }),
      { seed: FUZZ_SEED, numRuns: 400 },
    );
  });
});

describe('saved pages under mutation', () => {
  /** The project's own fixture pages and API answers, with the source that reads each. */
  const DOCUMENTS = (['mod', 'kmu', 'milgov', 'minfin', 'russianwarship'] as const).flatMap((source) =>
    readdirSync(new URL(`../fixtures/${source}/`, import.meta.url))
      .filter((name) => /\.(html|json)$/.test(name))
      .map((name) => ({ source, text: readFileSync(new URL(`../fixtures/${source}/${name}`, import.meta.url), 'utf8') })),
  );
  const chunk = fc.record({ at: fc.nat(), cut: fc.integer({ min: 0, max: 400 }), insert: fc.oneof(fc.constantFrom(...PIECES, '<li>', '</ul>', '"', '{', '}', '<p>танків ‒ 9 (+1),</p>'), fc.string({ maxLength: 20 })) });
  const mutatedDocument = fc.tuple(fc.constantFrom(...DOCUMENTS), fc.array(chunk, { minLength: 1, maxLength: 6 })).map(([document, chunks]) => {
    let text = document.text;
    for (const c of chunks) {
      const at = c.at % (text.length + 1);
      text = text.slice(0, at) + c.insert + text.slice(at + c.cut);
    }
    return { source: document.source, text };
  });

  it('has pages of every source to start from', () => {
    expect(new Set(DOCUMENTS.map((d) => d.source)).size).toBe(5);
  });

  it('never throws, states no figure the page does not, and takes under 50 ms a page', async () => {
    const { SOURCES } = await import('../../src/sources/registry.js');
    fc.assert(
      fc.property(mutatedDocument, ({ source, text }) => {
        const outcome = quickly(() => SOURCES[source].parse(text, {}));
        if (outcome.status !== 'reports') return;
        // The page writes its spaces as entities ("1&nbsp;440&nbsp;580"), and the parser reads them as spaces.
        const counts = statedCounts(text.replace(/&nbsp;|&#160;|&#x?a0;|&#8239;|&thinsp;/gi, ' '));
        for (const report of outcome.reports) {
          for (const figure of report.figures) {
            if (figure.total !== null && !counts.has(figure.total)) throw new Error(`${source}: total ${figure.total} is not stated in the page`);
          }
        }
      }),
      { seed: FUZZ_SEED, numRuns: 600 },
    );
  });
});
