/**
 * The long CSV form with a header (see long-header.ts): one row per date and category, the
 * category a registry key, a total and optionally a delta; the shape of
 * ../shared/datasets/reference_long.csv and of `losstally export --shape long`. An empty total or
 * delta is absent. A `day` must be the war day of the row's date (the export derives it from
 * the date); `source` and `flags` are read over: the rows become the figures of the import's own
 * source, and the flags are recomputed by the checks. A row with neither a total nor a delta, a
 * date, day or number that cannot be read is a ParseError naming the line.
 */
import { warDay } from '../dates.js';
import { isCategoryKey } from '../report/categories.js';
import { excerpt, ParseError } from '../errors.js';
import { checkWidth, CsvReader } from './csv.js';
import { LONG_COLUMNS_IN_WORDS, readLongHeader, type LongColumn, type LongColumns } from './long-header.js';
import { DatasetTable, type Locator } from './table.js';
import type { DatasetFileReader, DatasetResult } from './types.js';
import { DATE_FORMS, readCount, readDate, readSignedCount } from './values.js';

const CELLS: readonly LongColumn[] = ['date', 'category', 'total', 'delta', 'day'];

function cellOf(fields: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '');
}

/**
 * Reads a long CSV, fed chunk by chunk, into `table`: each row is recorded as it is read, so
 * the file is never held. `name` is the file name used in messages.
 */
export function longCsvReader(table: DatasetTable, name: string): DatasetFileReader {
  table.beginFile(name);
  const locator: Locator = (line) => `${name} line ${line}`;
  let columns: LongColumns | null = null;
  let width = 0;
  let rows = 0;
  const row = (fields: readonly string[], line: number): void => {
    if (columns === null) {
      const read = readLongHeader(fields);
      if ('problem' in read) throw new ParseError(`${locator(line)}: ${read.problem}; a long CSV has the columns ${LONG_COLUMNS_IN_WORDS}`);
      columns = read.columns;
      width = fields.length;
      return;
    }
    checkWidth(fields, line, width, name);
    rows += 1;
    const [rawDate = '', category = '', rawTotal = '', rawDelta = '', rawDay = ''] = CELLS.map((column) => cellOf(fields, (columns as LongColumns)[column]));
    const date = readDate(rawDate);
    if (date === null) throw new ParseError(`${locator(line)}: "${excerpt(rawDate)}" is not a date (${DATE_FORMS})`);
    if (rawDay !== '' && readCount(rawDay) !== warDay(date)) {
      throw new ParseError(`${locator(line)}: day "${excerpt(rawDay)}" does not agree with the date ${date}, which is day ${warDay(date)} of the war`);
    }
    if (category === '') throw new ParseError(`${locator(line)}: the category is empty`);
    const total = rawTotal === '' ? null : readCount(rawTotal);
    if (total === null && rawTotal !== '') throw new ParseError(`${locator(line)}: total "${excerpt(rawTotal)}" is not a count`);
    const delta = rawDelta === '' ? null : readSignedCount(rawDelta);
    if (delta === null && rawDelta !== '') throw new ParseError(`${locator(line)}: delta "${excerpt(rawDelta)}" is not a whole number`);
    if (total === null && delta === null) throw new ParseError(`${locator(line)}: ${excerpt(category)} has neither a total nor a delta`);
    table.countRow();
    if (isCategoryKey(category)) {
      table.figure(date, category, total, delta, category, locator, line);
    } else {
      table.unknownValue(table.unknown('category', name, category, locator, line), date, total, delta);
    }
  };
  const csv = new CsvReader(name, row);
  return {
    write: (chunk) => csv.write(chunk),
    end: () => {
      csv.end();
      if (columns === null) throw new ParseError(`${name} is empty; a long CSV starts with a header naming the columns ${LONG_COLUMNS_IN_WORDS}`);
      if (rows === 0) throw new ParseError(`${name} holds a header but no data rows`);
    },
  };
}

/**
 * Reads a long CSV (its contents). `name` is the file name used in messages.
 */
export function readLongCsv(text: string, source: string, name = 'the long CSV'): DatasetResult {
  const table = new DatasetTable();
  const reader = longCsvReader(table, name);
  reader.write(Buffer.from(text, 'utf8'));
  reader.end();
  return table.result(source);
}
