/**
 * The one CSV reader of the datasets, through csv-parse: quoted fields, CRLF or LF, a byte-order
 * mark, blank lines, spaces around fields. It is fed chunks as they are read from the file and
 * hands each record on at once, with the line it ends on, so a file of any size is read in
 * memory of one chunk and one record. Syntax errors become a ParseError naming the file, with
 * the input they quote cut to an excerpt on one line.
 */
import { Parser, type Options } from 'csv-parse';
import { excerpt, ParseError } from '../errors.js';

/**
 * The longest record read, in bytes: a dataset row is well under a kilobyte, and an unclosed
 * quote would otherwise gather the rest of the file into one field.
 */
export const MAX_RECORD_BYTES = 1_048_576;

const OPTIONS: Options = { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES };

/** A record (its fields) and the 1-based line of the file on which it ends. */
export type CsvRecordHandler = (fields: readonly string[], line: number) => void;

/**
 * csv-parse's chunk parser, which its stream Parser keeps as `api`. It is called directly rather
 * through the stream: each record then arrives while `info.lines` is still its line, where the
 * public ways to learn the line (`on_record`, `info: true`) build an object per record and
 * make reading three times slower.
 */
interface ChunkParser {
  parse(chunk: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

function chunkParserOf(parser: Parser): ChunkParser {
  const api = (parser as unknown as { api?: ChunkParser }).api;
  if (typeof api?.parse !== 'function') throw new Error('csv-parse no longer keeps its chunk parser as Parser.api; see src/datasets/csv.ts');
  return api;
}

// csv-parse quotes the field it stopped in with JSON.stringify: the field may be a whole megabyte.
const QUOTED_FIELD = /"(?:[^"\\]|\\.)*"/gu;

/** csv-parse's message, with each field it quotes cut to an excerpt. */
function reasonOf(error: Error): string {
  return error.message.replace(QUOTED_FIELD, (quoted) => {
    try {
      return `"${excerpt(JSON.parse(quoted) as string)}"`;
    } catch {
      return `"${excerpt(quoted.slice(1, -1))}"`;
    }
  });
}

function isBlank(record: readonly string[]): boolean {
  return record.length === 1 && record[0] === '';
}

export class CsvReader {
  private readonly parser: Parser;
  private readonly chunks: ChunkParser;
  private readonly push: (record: string[]) => void;

  /** `name` is the file name used in messages; `onRecord` gets every record that is not blank, in file order. */
  constructor(
    private readonly name: string,
    onRecord: CsvRecordHandler,
  ) {
    this.parser = new Parser(OPTIONS);
    this.chunks = chunkParserOf(this.parser);
    // A line of spaces only is skipped like an empty line.
    this.push = (record) => {
      if (!isBlank(record)) onRecord(record, this.parser.info.lines);
    };
  }

  /** Reads a chunk: a record cut between two chunks is handed on when its end arrives. */
  write(chunk: Buffer): void {
    this.run(chunk, false);
  }

  /** The end of the file: hands on the last record, or fails on an unclosed quote. */
  end(): void {
    this.run(undefined, true);
  }

  private run(chunk: Buffer | undefined, end: boolean): void {
    // csv-parse returns its own errors; what the record handler throws (a dataset reader's
    // ParseError) passes through as it is.
    const error = this.chunks.parse(chunk, end, this.push, () => undefined);
    if (error) throw new ParseError(`${this.name} is not a readable CSV file: ${reasonOf(error)}`);
  }
}

/** Reads a whole CSV text (a file's contents). */
export function readCsvText(text: string, name: string, onRecord: CsvRecordHandler): void {
  const reader = new CsvReader(name, onRecord);
  reader.write(Buffer.from(text, 'utf8'));
  reader.end();
}

/** A ParseError unless the record has the header's width. */
export function checkWidth(fields: readonly string[], line: number, width: number, name: string): void {
  if (fields.length !== width) throw new ParseError(`${name} line ${line}: ${fields.length} fields where the header has ${width}`);
}
