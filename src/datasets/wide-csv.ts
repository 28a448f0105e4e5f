/**
 * Wide CSV datasets: a `date` column and one column per category. This is the Kaggle CSV pair
 * (russia_losses_equipment.csv + russia_losses_personnel.csv, the CSV exports of the
 * PetroIvaniuk JSON, with its key names as columns) and the minfin-derived CSV of
 * romansverdan/russian-Losses-in-Ukraine (its own column names, see keys.ts, where minfin's
 * `vehicles` changes category on 2022-05-01), and the wide shape of `losstally export`, whose
 * `<key>_delta` column gives the delta of the `<key>` column beside it. Dates are ISO or
 * d.mm.yyyy; an empty cell is a category not listed that day; files are merged by date, and the
 * same date and category with different values in two places keeps the first with a warning. A
 * `day` column is read over: the datasets number their days in their own ways
 * (russia_losses.csv of romansverdan is one day behind from November 2025 on).
 */
import { excerpt, ParseError, UsageError } from '../errors.js';
import { checkWidth, CsvReader } from './csv.js';
import { columnRole, figureCategory, normaliseColumnName, type ColumnRole } from './keys.js';
import { DatasetTable, type Locator } from './table.js';
import type { DatasetFileReader, DatasetResult } from './types.js';
import { DATE_FORMS, readCount, readDate, readPersonnelQualifier, readSignedCount } from './values.js';

export interface DatasetFile {
  /** File name, used in messages. */
  readonly name: string;
  readonly text: string;
}

/** For each figure column that has a delta column (`tanks` and `tanks_delta`), the index of the delta column. */
function deltaColumns(columns: readonly string[], roles: readonly ColumnRole[]): Map<number, number> {
  const byName = new Map(columns.map((column, i) => [normaliseColumnName(column), i]));
  const pairs = new Map<number, number>();
  roles.forEach((role, i) => {
    if (role.kind !== 'delta') return;
    const total = byName.get(role.category);
    if (total !== undefined && roles[total]?.kind === 'figure') pairs.set(total, i);
  });
  return pairs;
}

/** What the header says about each column. */
interface Header {
  readonly columns: readonly string[];
  readonly roles: readonly ColumnRole[];
  readonly dateIndex: number;
  readonly deltaOf: ReadonlyMap<number, number>;
  /** Delta columns read with the total beside them. */
  readonly paired: ReadonlySet<number>;
  readonly unknowns: readonly (ReturnType<DatasetTable['unknown']> | null)[];
}

function readHeader(table: DatasetTable, name: string, columns: readonly string[], locator: Locator, line: number): Header {
  const roles: ColumnRole[] = columns.map((column) => columnRole(column));
  const dateIndex = roles.findIndex((role) => role.kind === 'date');
  if (dateIndex < 0) {
    throw new ParseError(`${locator(line)}: the header has no "date" column (${excerpt(columns.map((c) => `"${c}"`).join(', '))})`);
  }
  const deltaOf = deltaColumns(columns, roles);
  const unknowns = roles.map((role, i) => (role.kind === 'unknown' ? table.unknown('column', name, columns[i] ?? '', locator, line) : null));
  return { columns, roles, dateIndex, deltaOf, paired: new Set(deltaOf.values()), unknowns };
}

function readRow(table: DatasetTable, name: string, header: Header, fields: readonly string[], locator: Locator, line: number): void {
  const { columns, roles, dateIndex, deltaOf, paired, unknowns } = header;
  checkWidth(fields, line, columns.length, name);
  const rawDate = fields[dateIndex] ?? '';
  if (rawDate === '') throw new ParseError(`${locator(line)}: the date is empty`);
  const date = readDate(rawDate);
  if (date === null) throw new ParseError(`${locator(line)}: "${excerpt(rawDate)}" is not a date (${DATE_FORMS})`);
  table.countRow();
  const count = (i: number, read: (text: string) => number | null, what: string): number | null => {
    const value = fields[i] ?? '';
    if (value === '') return null;
    const number = read(value);
    if (number === null) throw new ParseError(`${locator(line)}, column "${excerpt(columns[i] ?? '')}": "${excerpt(value)}" is not ${what}`);
    return number;
  };
  for (let i = 0; i < fields.length; i += 1) {
    const value = fields[i] as string;
    const deltaAt = deltaOf.get(i);
    if (value === '' && deltaAt === undefined) continue;
    const role = roles[i] as ColumnRole;
    switch (role.kind) {
      case 'figure': {
        const total = count(i, readCount, 'a count');
        const delta = deltaAt === undefined ? null : count(deltaAt, readSignedCount, 'a whole number');
        if (total !== null || delta !== null) table.figure(date, figureCategory(role, date), total, delta, columns[i] as string, locator, line);
        break;
      }
      case 'delta':
        // A delta beside its total was read with it; one without a total column stands alone.
        if (!paired.has(i)) table.figure(date, role.category, null, count(i, readSignedCount, 'a whole number'), columns[i] as string, locator, line);
        break;
      case 'qualifier': {
        const qualifier = readPersonnelQualifier(value);
        if (qualifier) {
          table.qualifier(date, qualifier);
        } else {
          table.warn({
            code: 'unknown_qualifier',
            message: `${locator(line)} (${date}): "${excerpt(columns[i] ?? '')}" is "${excerpt(value)}", not "about" or "more"; the personnel total is kept without a qualifier`,
            label: columns[i] as string,
          });
        }
        break;
      }
      case 'pow':
        table.powValue(name);
        break;
      case 'unknown':
        table.unknownValue(unknowns[i] as NonNullable<(typeof unknowns)[number]>, date, readCount(value), null);
        break;
      case 'date':
      case 'ignored':
        break;
    }
  }
}

/**
 * Reads one wide CSV file, fed chunk by chunk, into `table`: each row is recorded as it is
 * read, so the file is never held. `name` is the file name used in messages.
 */
export function wideCsvReader(table: DatasetTable, name: string): DatasetFileReader {
  table.beginFile(name);
  const locator: Locator = (line) => `${name} line ${line}`;
  let header: Header | null = null;
  let rows = 0;
  const csv = new CsvReader(name, (fields, line) => {
    if (header === null) {
      header = readHeader(table, name, fields, locator, line);
      return;
    }
    rows += 1;
    readRow(table, name, header, fields, locator, line);
  });
  return {
    write: (chunk) => csv.write(chunk),
    end: () => {
      csv.end();
      if (header === null) throw new ParseError(`${name} is empty; a wide CSV starts with a header such as "date,personnel,tanks"`);
      if (rows === 0) throw new ParseError(`${name} holds a header but no data rows`);
    },
  };
}

/**
 * Reads one or more wide CSV files (their contents) into one report per date. Throws
 * ParseError naming the file and line for a file without a `date` column, a row of the wrong
 * width, a date or a count that cannot be read.
 */
export function readWideCsv(files: readonly DatasetFile[], source: string): DatasetResult {
  if (files.length === 0) throw new UsageError('no CSV file to read; give the dataset file or its folder');
  const table = new DatasetTable();
  for (const file of files) {
    const reader = wideCsvReader(table, file.name);
    reader.write(Buffer.from(file.text, 'utf8'));
    reader.end();
  }
  return table.result(source);
}
