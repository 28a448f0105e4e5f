/**
 * Which dataset format a file or a folder holds, from the file names and the first kilobyte of
 * each file: for `import` without `--format`.
 *  - petroivaniuk: a JSON array whose records have a "date" and PetroIvaniuk keys;
 *  - russia-losses: a JSON object whose "data" member is an array of such records (the
 *    minfin-derived data.json of AndrewRatnikov/russia-losses);
 *  - ukr-mod-data: a CSV with the header `Date, Item, Delta, Total` (JJ/raku-ukr-mod-data);
 *  - long-csv: a CSV whose header is a long CSV's (long-header.ts), the long shape of
 *    `losstally export` included;
 *  - kaggle-csv: a CSV with a date column and at least one known category column (the Kaggle
 *    exports of PetroIvaniuk, the minfin-derived CSV and the wide shape of `losstally export`).
 * Files of no format (a README, Andrew's keys.json) do not count; files of two different
 * formats make the answer null, as does a folder with no dataset file. A file that looks like a
 * dataset's but holds no series (notASeries) is never read as one.
 */
import { CLEAN_WIDE_FIELDS } from '../db/pivot.js';
import { CATEGORIES } from '../report/categories.js';
import { columnRole, normaliseColumnName } from './keys.js';
import { isLongHeader } from './long-header.js';
import { RUSSIA_LOSSES_MEMBER } from './russia-losses.js';
import type { DatasetFormat } from './types.js';
import { isUkrModDataHeader } from './ukr-mod-data.js';

export interface DatasetEntry {
  readonly name: string;
  /** The start of the file (its first KB is enough). */
  readonly head: string;
}

const JSON_KEY = /"((?:[^"\\]|\\.){1,200})"\s*:/gu;
// The PetroIvaniuk folder also holds a correction file (signed day-over-day corrections, not totals).
const CORRECTION = /correction/iu;
// keys.json beside Andrew's data.json: {"keys": [{"id": "apv", "nameEn": "APV", "nameUa": …}, …]}.
const KEY_LEGEND = /^\{\s*"keys"\s*:\s*\[\s*\{\s*"id"\s*:/u;
const ENVELOPE = new RegExp(`^\\{\\s*"${RUSSIA_LOSSES_MEMBER}"\\s*:\\s*\\[\\s*\\{`, 'u');
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

/** Whether the JSON keys of the head of a file are those of daily records: a date and a figure. */
function hasDailyRecordKeys(head: string): boolean {
  const keys = [...head.matchAll(JSON_KEY)].map((m) => m[1] ?? '');
  const hasDate = keys.some((k) => columnRole(k).kind === 'date');
  const hasData = keys.some((k) => {
    const kind = columnRole(k).kind;
    return kind === 'figure' || kind === 'qualifier';
  });
  return hasDate && hasData;
}

/**
 * A table of daily deltas looks like one of totals: its name or header says so (a `<key>_delta`
 * column is the delta beside a total, as the wide export writes it).
 */
function saysDeltas(name: string, cells: readonly string[]): boolean {
  return DELTAS.test(name) || cells.some((cell) => DELTAS.test(cell) && columnRole(cell).kind !== 'delta');
}

/** The format of one file, or null when it is not a dataset file this project reads. */
export function detectFileFormat(entry: DatasetEntry): DatasetFormat | null {
  const head = stripBom(entry.head).trimStart();
  if (head.startsWith('[')) {
    if (!head.slice(1).trimStart().startsWith('{')) return null;
    return hasDailyRecordKeys(head) ? 'petroivaniuk' : null;
  }
  if (head.startsWith('{')) return ENVELOPE.test(head) && hasDailyRecordKeys(head) ? 'russia-losses' : null;
  const cells = firstLineCells(head);
  if (!cells) return null;
  // A "delta" column beside the total: JJ's rows hold totals, whatever the file is called.
  if (isUkrModDataHeader(cells)) return 'ukr-mod-data';
  if (isLongHeader(cells)) return 'long-csv';
  if (saysDeltas(entry.name, cells)) return null;
  const roles = cells.map((cell) => columnRole(cell).kind);
  // Most columns must be known, so a table that merely shares a few names is not taken for one.
  const known = roles.filter((role) => role !== 'unknown').length;
  return roles.includes('date') && roles.includes('figure') && known * 2 > roles.length ? 'kaggle-csv' : null;
}

export interface NotASeries {
  /** What the file is instead, to follow "FILE is". */
  readonly reason: string;
  /** What to import instead. */
  readonly instead: string;
}

/**
 * Why a file that looks like a dataset's holds no series of totals, or null for any other file.
 * PetroIvaniuk's folder holds its list of corrections (signed day-over-day changes), JJ's the
 * table of its daily deltas (ukr-mod-deltas.csv: a date, a column per item of its "(+N)"): read
 * as totals, either would be a series of what are no totals. Andrew's keys.json only names
 * data.json's keys, which keys.ts maps.
 */
export function notASeries(entry: DatasetEntry): NotASeries | null {
  if (KEY_LEGEND.test(stripBom(entry.head).trimStart())) {
    return { reason: "the list of the dataset's key labels, not its series", instead: 'import data.json or the folder' };
  }
  if (CORRECTION.test(entry.name) && detectFileFormat(entry) === 'petroivaniuk') {
    return { reason: "the dataset's list of corrections, not its series", instead: 'import russia_losses_equipment.json or the folder' };
  }
  const cells = firstLineCells(entry.head);
  if (!cells || isUkrModDataHeader(cells) || isLongHeader(cells) || !saysDeltas(entry.name, cells)) return null;
  const roles = cells.map((cell) => columnRole(cell).kind);
  // `<key>_delta` columns are the wide export's, beside its totals, whatever the file is called.
  if (!roles.includes('date') || !roles.includes('figure') || roles.includes('delta')) return null;
  return { reason: 'a table of daily deltas, not of totals', instead: 'import the file of totals beside it, or the folder' };
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
 * equipment file comes before the personnel file); files that hold no series are left out.
 */
export function datasetFiles(format: DatasetFormat, entries: readonly DatasetEntry[]): string[] {
  return entries
    .filter((entry) => notASeries(entry) === null && detectFileFormat(entry) === format)
    .map((entry) => entry.name)
    .sort();
}
