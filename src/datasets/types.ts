/**
 * What a dataset reader returns: one report per date of the dataset, read from file contents
 * the caller hands over, whole or chunk by chunk (the readers never touch the file system).
 */
import type { ParsedReport, ParseWarning } from '../report/types.js';

export interface DatasetResult {
  /** The file each report date's figures were first read from (its document). */
  readonly origins: ReadonlyMap<string, string>;
  /** One report per date, oldest first; figures in registry order; deltas only where the file has them. */
  readonly reports: ParsedReport[];
  /** Data rows (CSV lines after the header, JSON records) read, over all files. */
  readonly rows: number;
  /**
   * Dataset-level warnings, each naming its file and where in it: unknown columns or categories
   * (their count values are kept in the reports' `unmapped`), the same date and category with
   * two different values (the first is kept), unknown personnel qualifiers. The reports' own
   * `warnings` are empty: everything a reader warns about is here, once.
   */
  readonly warnings: ParseWarning[];
  /**
   * How a file was read where the reader had to decide (the year of JJ's dates), and what was
   * read on purpose and left out, e.g. PetroIvaniuk's POW counts (not a General Staff category).
   */
  readonly notes: string[];
}

export type DatasetFormat = 'petroivaniuk' | 'kaggle-csv' | 'long-csv' | 'russia-losses' | 'ukr-mod-data';

/**
 * A dataset file being read into a DatasetTable: fed its bytes a chunk at a time as they come
 * from the file, it records each row as soon as the row is complete.
 */
export interface DatasetFileReader {
  write(chunk: Buffer): void;
  /** The end of the file: the last row, and what can only be checked once all is read (a file without rows). */
  end(): void;
}
