/**
 * JJ/raku-ukr-mod-data's ukr-mod-data.csv: a long CSV parsed from the MoD's English pages,
 * `Date, Item, Delta, Total`, one row per date and item. The item is the report's English label
 * ("APV", "Anti-aircraft warfare systems"), mapped to its category by the label lexicon every
 * report is read with; the delta is the report's "(+N)". Dates are `dd.mm` without a year (see
 * DayMonthDates). Everything else is read as a long CSV is (long-csv.ts). The deltas table
 * beside it, ukr-mod-deltas.csv, is no series (detect.ts).
 */
import { isoDate, WAR_START } from '../dates.js';
import { matchLabel } from '../report/lexicon.js';
import { longCsvReader, readLongCsv, type LongCellHeader, type LongDialect } from './long-csv.js';
import { columnsInWords, readNamedHeader } from './long-header.js';
import type { DatasetTable } from './table.js';
import type { DatasetFileReader, DatasetResult } from './types.js';
import { readDate } from './values.js';

export const UKR_MOD_DATA_COLUMNS = ['date', 'item', 'delta', 'total'] as const;

const DAY_MONTH = /^(\d{1,2})\.(\d{1,2})$/;
const WAR_START_YEAR = Number(WAR_START.slice(0, 4));

/** The header of ukr-mod-data.csv, its `item` read as the category column. */
export function readUkrModDataHeader(cells: readonly string[]): LongCellHeader {
  const read = readNamedHeader(cells, UKR_MOD_DATA_COLUMNS, []);
  if ('problem' in read) return read;
  const { date, item, delta, total } = read.columns;
  return { columns: { date, category: item, delta, total } };
}

export function isUkrModDataHeader(cells: readonly string[]): boolean {
  return 'columns' in readUkrModDataHeader(cells);
}

/**
 * The dates of one file, read in file order. A `dd.mm` date has no year: the rows run oldest
 * first, so the year is counted from the war's first year (2022), taking the next one if the
 * first date would fall before the war began, and a year later each time the month goes back
 * (December to January). The file's own data covers 2022-04-12..2022-08-16 and never turns a
 * year, so all of it is 2022. A date that does give its year (d.mm.yyyy, YYYY-MM-DD) is read as
 * given and sets the year the next `dd.mm` dates count from.
 */
class DayMonthDates {
  private year = WAR_START_YEAR;
  private month: number | null = null;
  first: string | null = null;
  last: string | null = null;
  /** Whether any date lacked its year. */
  counted = false;

  read(text: string): string | null {
    const date = this.dated(text);
    if (date !== null) {
      this.first ??= date;
      this.last = date;
    }
    return date;
  }

  private dated(text: string): string | null {
    const full = readDate(text);
    if (full !== null) {
      this.year = Number(full.slice(0, 4));
      this.month = Number(full.slice(5, 7));
      return full;
    }
    const m = DAY_MONTH.exec(text);
    if (!m) return null;
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (this.month === null) {
      const inFirstYear = isoDate(this.year, month, day);
      if (inFirstYear !== null && inFirstYear < WAR_START) this.year += 1;
    } else if (month < this.month) {
      this.year += 1;
    }
    this.month = month;
    this.counted = true;
    return isoDate(this.year, month, day);
  }
}

function dialect(): LongDialect {
  const dates = new DayMonthDates();
  return {
    what: 'ukr-mod-data.csv of JJ/raku-ukr-mod-data',
    columnsInWords: columnsInWords(UKR_MOD_DATA_COLUMNS, []),
    categoryWord: 'item',
    unknownKind: 'item',
    dateForms: `dd.mm, or d.mm.yyyy or YYYY-MM-DD`,
    readHeader: readUkrModDataHeader,
    readDate: (text) => dates.read(text),
    categoryOf: (text) => matchLabel(text)?.category ?? null,
    end(table, name) {
      if (!dates.counted) return;
      table.note(
        `${name} gives its dates as dd.mm, without a year: read as ${dates.first} … ${dates.last}, counting from ${WAR_START_YEAR}, the year the war began, and a year on each time the month goes back`,
      );
    },
  };
}

/** Reads ukr-mod-data.csv, fed chunk by chunk, into `table`. `name` is the file name used in messages. */
export function ukrModDataReader(table: DatasetTable, name: string): DatasetFileReader {
  return longCsvReader(table, name, dialect());
}

/** Reads ukr-mod-data.csv (its contents). */
export function readUkrModData(text: string, source: string, name = 'ukr-mod-data.csv'): DatasetResult {
  return readLongCsv(text, source, name, dialect());
}
