/**
 * The long CSV form `date,category,total[,delta]` with a header (the shape of
 * ../shared/datasets/reference_long.csv and of `losstally export --shape long`): one row per
 * date and category, the category a registry key. An empty total or delta is absent; a row with
 * neither, a date or a number that cannot be read is a ParseError naming the line.
 */
import { isCategoryKey } from '../report/categories.js';
import { ParseError } from '../errors.js';
import { checkWidth, readCsv } from './csv.js';
import { normaliseColumnName } from './keys.js';
import { DatasetTable, type Locator } from './table.js';
import type { DatasetResult } from './types.js';
import { DATE_FORMS, readCount, readDate, readSignedCount } from './values.js';

const HEADERS = ['date,category,total', 'date,category,total,delta'];

/**
 * Reads a long CSV (its contents). `name` is the file name used in messages.
 */
export function readLongCsv(text: string, source: string, name = 'the long CSV'): DatasetResult {
  const csv = readCsv(text, name);
  const locator: Locator = (at) => `${name} line ${csv.line(at)}`;
  const { records } = csv;
  const header = records[0];
  if (!header) throw new ParseError(`${name} is empty; a long CSV starts with the header "date,category,total" (and optionally ",delta")`);
  const columns = header.map((c) => normaliseColumnName(c)).join(',');
  if (!HEADERS.includes(columns)) {
    throw new ParseError(`${locator(0)}: the header must be "date,category,total" or "date,category,total,delta", not "${header.join(',')}"`);
  }
  if (records.length === 1) throw new ParseError(`${name} holds a header but no data rows`);
  const width = header.length;
  const table = new DatasetTable();
  table.beginFile(name);
  for (let r = 1; r < records.length; r += 1) {
    checkWidth(csv, r, width, name);
    const [rawDate = '', category = '', rawTotal = '', rawDelta = ''] = records[r] as readonly string[];
    const date = readDate(rawDate);
    if (date === null) throw new ParseError(`${locator(r)}: "${rawDate}" is not a date (${DATE_FORMS})`);
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
