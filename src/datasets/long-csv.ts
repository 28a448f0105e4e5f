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
import { ParseError } from '../errors.js';
import { checkWidth, readCsv } from './csv.js';
import { LONG_COLUMNS_IN_WORDS, readLongHeader, type LongColumn } from './long-header.js';
import { DatasetTable, type Locator } from './table.js';
import type { DatasetResult } from './types.js';
import { DATE_FORMS, readCount, readDate, readSignedCount } from './values.js';

const CELLS: readonly LongColumn[] = ['date', 'category', 'total', 'delta', 'day'];

function cellOf(fields: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '');
}

/**
 * Reads a long CSV (its contents). `name` is the file name used in messages.
 */
export function readLongCsv(text: string, source: string, name = 'the long CSV'): DatasetResult {
  const csv = readCsv(text, name);
  const locator: Locator = (at) => `${name} line ${csv.line(at)}`;
  const { records } = csv;
  const header = records[0];
  if (!header) throw new ParseError(`${name} is empty; a long CSV starts with a header naming the columns ${LONG_COLUMNS_IN_WORDS}`);
  const read = readLongHeader(header);
  if ('problem' in read) throw new ParseError(`${locator(0)}: ${read.problem}; a long CSV has the columns ${LONG_COLUMNS_IN_WORDS}`);
  const { columns } = read;
  if (records.length === 1) throw new ParseError(`${name} holds a header but no data rows`);
  const width = header.length;
  const table = new DatasetTable();
  table.beginFile(name);
  for (let r = 1; r < records.length; r += 1) {
    checkWidth(csv, r, width, name);
    const fields = records[r] as readonly string[];
    const [rawDate = '', category = '', rawTotal = '', rawDelta = '', rawDay = ''] = CELLS.map((column) => cellOf(fields, columns[column]));
    const date = readDate(rawDate);
    if (date === null) throw new ParseError(`${locator(r)}: "${rawDate}" is not a date (${DATE_FORMS})`);
    if (rawDay !== '' && readCount(rawDay) !== warDay(date)) {
      throw new ParseError(`${locator(r)}: day "${rawDay}" does not agree with the date ${date}, which is day ${warDay(date)} of the war`);
    }
    if (category === '') throw new ParseError(`${locator(r)}: the category is empty`);
    const total = rawTotal === '' ? null : readCount(rawTotal);
    if (total === null && rawTotal !== '') throw new ParseError(`${locator(r)}: total "${rawTotal}" is not a count`);
    const delta = rawDelta === '' ? null : readSignedCount(rawDelta);
    if (delta === null && rawDelta !== '') throw new ParseError(`${locator(r)}: delta "${rawDelta}" is not a whole number`);
    if (total === null && delta === null) throw new ParseError(`${locator(r)}: ${category} has neither a total nor a delta`);
    table.countRow();
    if (isCategoryKey(category)) {
      table.figure(date, category, total, delta, category, locator, r);
    } else {
      table.unknownValue(table.unknown('category', name, category, locator, r), date, total, delta);
    }
  }
  return table.result(source);
}
