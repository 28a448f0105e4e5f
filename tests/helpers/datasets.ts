/** What the tests of the dataset readers build their expectations with. */
import { expect } from 'vitest';
import { ParseError } from '../../src/errors.js';
import type { Figure, ParsedReport } from '../../src/report/types.js';

/** A report as a dataset reader gives it: in English, its warnings the dataset's, not the report's. */
export function datasetReport(source: string, reportDate: string, figures: Figure[], unmapped: ParsedReport['unmapped'] = []): ParsedReport {
  return { source, reportDate, language: 'en', figures, warnings: [], unmapped };
}

/** The message of the ParseError that `read` throws; the test fails on any other outcome. */
export function parseErrorOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return (error as ParseError).message;
  }
  throw new Error('expected a ParseError, nothing was thrown');
}
