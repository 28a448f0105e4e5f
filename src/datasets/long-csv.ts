/**
 * The long CSV form with a header (see long-header.ts): one row per date and category, the
 * category a registry key, a total and optionally a delta; the shape of
 * ../shared/datasets/reference_long.csv and of `losstally export --shape long`. An empty total or
 * delta is absent. A `day` must be the war day of the row's date (the export derives it from
 * the date); `source` and `flags` are read over: the rows become the figures of the import's own
 * source, and the flags are recomputed by the checks. A row with neither a total nor a delta, a
 * date, day or number that cannot be read is a ParseError naming the line.
 *
 * Other long layouts differ only in how they name their columns, write their dates and name
 * their categories (JJ's ukr-mod-data.csv: an `Item` with the report's English label, dates
 * without a year): they are read here too, through a LongDialect.
 */
import { warDay } from '../dates.js';
import { isCategoryKey, type CategoryKey } from '../report/categories.js';
import { excerpt, ParseError } from '../errors.js';
import { checkWidth, CsvReader } from './csv.js';
import { LONG_COLUMNS_IN_WORDS, readLongHeader, type NamedHeader } from './long-header.js';
import { DatasetTable, type Locator, type UnknownKind } from './table.js';
import type { DatasetFileReader, DatasetResult } from './types.js';
import { DATE_FORMS, readCount, readDate, readSignedCount } from './values.js';

type LongCell = 'date' | 'category' | 'total' | 'delta' | 'day';

/** Where the cells a long layout has are in a record: the category column may be named otherwise. */
export type LongCellHeader = NamedHeader<'date' | 'category' | 'total', 'delta' | 'day'>;

/** How one long layout names its columns, writes its dates and names its categories. */
export interface LongDialect {
  /** The layout in messages: "a long CSV". */
  readonly what: string;
  /** Its columns in words, for messages. */
  readonly columnsInWords: string;
  /** What its category column holds, in messages: "category". */
  readonly categoryWord: string;
  /** How the table calls a category cell that names no category. */
  readonly unknownKind: UnknownKind;
  /** The forms a date cell may take, for messages. */
  readonly dateForms: string;
  readHeader(cells: readonly string[]): LongCellHeader;
  /** A date cell as an ISO date, or null. Called once a row, in file order. */
  readDate(text: string): string | null;
  /** The category a category cell names, or null. */
  categoryOf(text: string): CategoryKey | null;
  /** Once the file is read: what the layout has to say about it (a note to the table). */
  end?(table: DatasetTable, name: string): void;
}

/** The long CSV of this project and of reference_long.csv: registry keys, ISO or d.mm.yyyy dates. */
const LONG_CSV: LongDialect = {
  what: 'a long CSV',
  columnsInWords: LONG_COLUMNS_IN_WORDS,
  categoryWord: 'category',
  unknownKind: 'category',
  dateForms: DATE_FORMS,
  readHeader: readLongHeader,
  readDate,
  categoryOf: (text) => (isCategoryKey(text) ? text : null),
};

const CELLS: readonly LongCell[] = ['date', 'category', 'total', 'delta', 'day'];

function cellOf(fields: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '');
}

/**
 * Reads a long CSV, fed chunk by chunk, into `table`: each row is recorded as it is read, so
 * the file is never held. `name` is the file name used in messages.
 */
export function longCsvReader(table: DatasetTable, name: string, dialect: LongDialect = LONG_CSV): DatasetFileReader {
  table.beginFile(name);
  const locator: Locator = (line) => `${name} line ${line}`;
  let columns: Extract<LongCellHeader, { columns: unknown }>['columns'] | null = null;
  let width = 0;
  let rows = 0;
  const row = (fields: readonly string[], line: number): void => {
    if (columns === null) {
      const read = dialect.readHeader(fields);
      if ('problem' in read) throw new ParseError(`${locator(line)}: ${read.problem}; ${dialect.what} has the columns ${dialect.columnsInWords}`);
      columns = read.columns;
      width = fields.length;
      return;
    }
    checkWidth(fields, line, width, name);
    rows += 1;
    const at = columns as Record<LongCell, number | undefined>;
    const [rawDate = '', category = '', rawTotal = '', rawDelta = '', rawDay = ''] = CELLS.map((column) => cellOf(fields, at[column]));
    const date = dialect.readDate(rawDate);
    if (date === null) throw new ParseError(`${locator(line)}: "${excerpt(rawDate)}" is not a date (${dialect.dateForms})`);
    if (rawDay !== '' && readCount(rawDay) !== warDay(date)) {
      throw new ParseError(`${locator(line)}: day "${excerpt(rawDay)}" does not agree with the date ${date}, which is day ${warDay(date)} of the war`);
    }
    if (category === '') throw new ParseError(`${locator(line)}: the ${dialect.categoryWord} is empty`);
    const total = rawTotal === '' ? null : readCount(rawTotal);
    if (total === null && rawTotal !== '') throw new ParseError(`${locator(line)}: total "${excerpt(rawTotal)}" is not a count`);
    const delta = rawDelta === '' ? null : readSignedCount(rawDelta);
    if (delta === null && rawDelta !== '') throw new ParseError(`${locator(line)}: delta "${excerpt(rawDelta)}" is not a whole number`);
    if (total === null && delta === null) throw new ParseError(`${locator(line)}: ${excerpt(category)} has neither a total nor a delta`);
    table.countRow();
    const key = dialect.categoryOf(category);
    if (key !== null) {
      table.figure(date, key, total, delta, category, locator, line);
    } else {
      table.unknownValue(table.unknown(dialect.unknownKind, name, category, locator, line), date, total, delta);
    }
  };
  const csv = new CsvReader(name, row);
  return {
    write: (chunk) => csv.write(chunk),
    end: () => {
      csv.end();
      if (columns === null) throw new ParseError(`${name} is empty; ${dialect.what} starts with a header naming the columns ${dialect.columnsInWords}`);
      if (rows === 0) throw new ParseError(`${name} holds a header but no data rows`);
      dialect.end?.(table, name);
    },
  };
}

/**
 * Reads a long CSV (its contents). `name` is the file name used in messages.
 */
export function readLongCsv(text: string, source: string, name = 'the long CSV', dialect: LongDialect = LONG_CSV): DatasetResult {
  const table = new DatasetTable();
  const reader = longCsvReader(table, name, dialect);
  reader.write(Buffer.from(text, 'utf8'));
  reader.end();
  return table.result(source);
}
