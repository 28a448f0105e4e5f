/**
 * Random and mutated CSV rows fed to the dataset readers, seeded so every run tries the same
 * inputs: they end in a result or a typed error (never another exception), every figure they
 * give is a count the file states, and each file is read in under 50 ms.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, quickly } from '../helpers/fuzz.js';
import { readLongCsv } from '../../src/datasets/long-csv.js';
import { readRussiaLosses } from '../../src/datasets/russia-losses.js';
import { readUkrModData } from '../../src/datasets/ukr-mod-data.js';
import { readWideCsv } from '../../src/datasets/wide-csv.js';
import { isLossTallyError } from '../../src/errors.js';


const fixture = (name: string) => readFileSync(new URL(`../fixtures/datasets/${name}`, import.meta.url), 'utf8');
const LONG = ['long.csv', 'long-delta.csv', 'long-quirks.csv'].map(fixture);
const WIDE = ['minfin-wide.csv', 'kaggle-equipment-2022-02-26.csv', 'kaggle/russia_losses_equipment.csv'].map(fixture);
const UKR_MOD = ['raku-ukr-mod-data/ukr-mod-data.csv'].map(fixture);
const RUSSIA_LOSSES = ['russia-losses/data.json'].map(fixture);
const PIECES = [',', '"', '""', '\n', '\r\n', ';', ' ', '-', '+', '.', '0', '12', '1 311', '2099-01-01', '2022-02-24', '31.02.2022', 'tanks', 'tank', 'delta', 'date', '\uFEFF', '\u0000', 'NaN', '1e9', '９'];

const edit = fc.record({ at: fc.nat(), cut: fc.integer({ min: 0, max: 30 }), insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })) });
const mutated = (bases: readonly string[]) =>
  fc.tuple(fc.constantFrom(...bases), fc.array(edit, { maxLength: 6 })).map(([text, edits]) =>
    edits.reduce((out, e) => {
      const at = e.at % (out.length + 1);
      return out.slice(0, at) + e.insert + out.slice(at + e.cut);
    }, text),
  );

/** Every whole number a cell of the file writes, in the forms the readers take ("884.0", "1 311", "+400", a quoted "1,311"). */
function statedNumbers(text: string): Set<number> {
  const numbers = new Set<number>();
  const cells = [...text.split(/[,\r\n";]/), ...[...text.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '')];
  for (const cell of cells) {
    const value = /^\s*[+-]?(\d[\d \u00a0,]*?)(?:\.0+)?\s*$/u.exec(cell)?.[1];
    if (value) numbers.add(Number(value.replace(/[^\d]/g, '')));
  }
  return numbers;
}


function check(text: string, read: () => { reports: readonly { figures: readonly { total: number | null; delta: number | null }[] }[] }): void {
  let result;
  try {
    result = quickly(read);
  } catch (error) {
    // A typed error with a one-line reason is the right end for a broken file.
    if (isLossTallyError(error)) {
      expect(error.message).not.toContain('\n');
      return;
    }
    throw error;
  }
  const stated = statedNumbers(text);
  for (const report of result.reports) {
    for (const figure of report.figures) {
      if (figure.total !== null && !stated.has(figure.total)) throw new Error(`total ${figure.total} is not stated in ${JSON.stringify(text)}`);
      if (figure.delta !== null && !stated.has(Math.abs(figure.delta))) throw new Error(`delta ${figure.delta} is not stated in ${JSON.stringify(text)}`);
    }
  }
}

describe('dataset readers under random and mutated CSV', () => {
  it('read a long CSV into stated figures or refuse it with a typed one-line error', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(LONG), fc.string({ maxLength: 300 })), (text) => check(text, () => readLongCsv(text, 'long-csv:fuzz.csv', 'fuzz.csv'))),
      { seed: FUZZ_SEED, numRuns: 1500 },
    );
  });

  it('read a wide CSV into stated figures or refuse it with a typed one-line error', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(WIDE), fc.string({ maxLength: 300 })), (text) => check(text, () => readWideCsv([{ name: 'fuzz.csv', text }], 'kaggle-csv:fuzz'))),
      { seed: FUZZ_SEED, numRuns: 1500 },
    );
  });

  it("read JJ's long CSV of labels into stated figures or refuse it with a typed one-line error", () => {
    fc.assert(
      fc.property(fc.oneof(mutated(UKR_MOD), fc.string({ maxLength: 300 })), (text) => check(text, () => readUkrModData(text, 'ukr-mod-data:fuzz', 'fuzz.csv'))),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });

  it("read Andrew's JSON object of records into stated figures or refuse it with a typed one-line error", () => {
    fc.assert(
      // JSON's punctuation around a value is a cell separator to statedNumbers.
      fc.property(fc.oneof(mutated(RUSSIA_LOSSES), fc.string({ maxLength: 300 })), (text) =>
        check(text.replace(/[:{}[\]]/g, ','), () => readRussiaLosses(text, 'russia-losses:fuzz', 'fuzz.json')),
      ),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });
});
