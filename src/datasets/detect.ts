/**
 * Which dataset format a file or a folder holds, from the file names and the first kilobyte of
 * each file: for `import` without `--format`.
 *  - petroivaniuk: a JSON array whose records have a "date" and PetroIvaniuk keys;
 *  - long-csv: a CSV whose header is a long CSV's (long-header.ts), the long shape of
 *    `losstally export` included;
 *  - kaggle-csv: a CSV with a date column and at least one known category column (the Kaggle
 *    exports of PetroIvaniuk, the minfin-derived CSV and the wide shape of `losstally export`).
 * Files of no format (a README) do not count; files of two different formats make the answer
 * null, as does a folder with no dataset file.
 */
import { CLEAN_WIDE_FIELDS } from '../db/pivot.js';
import { CATEGORIES } from '../report/categories.js';
import { columnRole, normaliseColumnName } from './keys.js';
import { isLongHeader } from './long-header.js';
import type { DatasetFormat } from './types.js';

export interface DatasetEntry {
  readonly name: string;
  /** The start of the file (its first KB is enough). */
  readonly head: string;
}

const JSON_KEY = /"((?:[^"\\]|\\.){1,200})"\s*:/gu;
// The PetroIvaniuk folder also holds a correction file (signed day-over-day corrections, not totals).
const NOT_A_SERIES = /correction/iu;
const QUOTED = /^"(.*)"$/su;
const DOUBLED_QUOTE = /""/gu;
const LINE_END = /\r?\n/u;
const DELTAS = /delta|increase|losses per day/iu;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function headerCells(line: string): string[] {
  // Enough CSV for a header line: commas, optional double quotes around a cell.
  return line.split(',').map((cell) => normaliseColumnName(cell.trim().replace(QUOTED, '$1').replace(DOUBLED_QUOTE, '"')));
}

function firstLineCells(head: string): string[] | null {
  const text = stripBom(head).trimStart();
  const end = text.search(LINE_END);
  const firstLine = end < 0 ? text : text.slice(0, end);
  return firstLine.includes(',') ? headerCells(firstLine) : null;
}

// The columns only `losstally export --clean` writes: the long shape's status beside a value and
// what was stated, the wide shape's `<key>_status` after each category.
const CLEAN_LONG_MARKS = ['value', 'stated', 'status'];
const CLEAN_WIDE_MARKS: ReadonlySet<string> = new Set(
  CATEGORIES.flatMap((category) => CLEAN_WIDE_FIELDS.filter((f) => f.suffix !== '').map((f) => `${category.key}${f.suffix}`)),
);

/**
 * Whether a file is a clean-series export (`losstally export --clean`): an estimate made from the
 * sources, which importing would turn into a source of its own.
 */
export function isCleanExport(entry: DatasetEntry): boolean {
  const cells = firstLineCells(entry.head);
  if (!cells) return false;
  return CLEAN_LONG_MARKS.every((mark) => cells.includes(mark)) || cells.some((cell) => CLEAN_WIDE_MARKS.has(cell));
}

/** The format of one file, or null when it is not a dataset file this project reads. */
export function detectFileFormat(entry: DatasetEntry): DatasetFormat | null {
  const head = stripBom(entry.head).trimStart();
  if (head.startsWith('[')) {
    if (!head.slice(1).trimStart().startsWith('{')) return null;
    const keys = [...head.matchAll(JSON_KEY)].map((m) => m[1] ?? '');
    const hasDate = keys.some((k) => columnRole(k).kind === 'date');
    const hasData = keys.some((k) => {
      const kind = columnRole(k).kind;
      return kind === 'figure' || kind === 'qualifier';
    });
    return hasDate && hasData ? 'petroivaniuk' : null;
  }
  if (head.startsWith('{')) return null;
  const cells = firstLineCells(head);
  if (!cells) return null;
  if (isLongHeader(cells)) return 'long-csv';
  // A table of daily deltas looks like one of totals: its name or header says so (a
  // `<key>_delta` column is the delta beside a total, as the wide export writes it).
  if (DELTAS.test(entry.name) || cells.some((cell) => DELTAS.test(cell) && columnRole(cell).kind !== 'delta')) return null;
  const roles = cells.map((cell) => columnRole(cell).kind);
  // Most columns must be known, so a table that merely shares a few names is not taken for one.
  const known = roles.filter((role) => role !== 'unknown').length;
  return roles.includes('date') && roles.includes('figure') && known * 2 > roles.length ? 'kaggle-csv' : null;
}

/** The format of a file or of a folder's files; null when none or more than one is found. */
export function detectDatasetFormat(entries: readonly DatasetEntry[]): DatasetFormat | null {
  const found = new Set<DatasetFormat>();
  for (const entry of entries) {
    const format = detectFileFormat(entry);
    if (format) found.add(format);
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/**
 * The files of a folder to read for a format, in reading order (by name, so the PetroIvaniuk
 * equipment file comes before the personnel file); correction files are left out.
 */
export function datasetFiles(format: DatasetFormat, entries: readonly DatasetEntry[]): string[] {
  return entries
    .filter((entry) => !NOT_A_SERIES.test(entry.name) && detectFileFormat(entry) === format)
    .map((entry) => entry.name)
    .sort();
}
