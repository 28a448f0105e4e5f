/**
 * CSV text to records through csv-parse: quoted fields, CRLF or LF, a byte-order mark, blank
 * lines, spaces around fields. Syntax errors become a ParseError naming the file. Line numbers
 * are only needed for messages, and asking csv-parse for them on every record doubles its
 * time, so they are computed by a second pass the first time a message asks for one.
 */
import { parse, type Options } from 'csv-parse/sync';
import { ParseError } from '../errors.js';

export interface CsvText {
  /** Records in file order; a line of spaces only is skipped like an empty line. */
  readonly records: readonly (readonly string[])[];
  /** The 1-based line of the file on which record `index` ends. */
  line(index: number): number;
}

const OPTIONS: Options = { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true };

function isBlank(record: readonly string[]): boolean {
  return record.length === 1 && record[0] === '';
}

function parseRecords(text: string, name: string, options: Options): string[][] {
  try {
    return parse(text, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParseError(`${name} is not a readable CSV file: ${reason}`);
  }
}

export function readCsv(text: string, name: string): CsvText {
  const all = parseRecords(text, name, OPTIONS);
  const records = all.some(isBlank) ? all.filter((r) => !isBlank(r)) : all;
  let lines: number[] | null = null;
  return {
    records,
    line(index: number): number {
      if (lines === null) {
        const found: number[] = [];
        const again = parseRecords(text, name, {
          ...OPTIONS,
          on_record: (record, context) => {
            if (!isBlank(record)) found.push(context.lines);
            return record;
          },
        });
        if (again.length !== all.length) throw new Error(`${name}: the second CSV pass read another number of records`);
        lines = found;
      }
      return lines[index] ?? 0;
    },
  };
}

/** A ParseError unless the record has the header's width. */
export function checkWidth(csv: CsvText, index: number, width: number, name: string): void {
  const count = csv.records[index]?.length ?? 0;
  if (count !== width) throw new ParseError(`${name} line ${csv.line(index)}: ${count} fields where the header has ${width}`);
}
