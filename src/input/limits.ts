/**
 * How many bytes losstally reads from one input before it stops: a report text or page (`parse`,
 * and `import` of a saved document) is at most a few MB, so its limit is small; a dataset file
 * (`import` of a CSV or JSON dataset) is streamed, so its limit can be large. Both are set in
 * the environment (config.ts) and named in the error past them.
 */
export interface InputLimit {
  readonly bytes: number;
  /** What the limit is for, in the words of the error message. */
  readonly what: string;
  /** The environment variable that sets it. */
  readonly variable: string;
}

export const DOCUMENT_BYTES_VARIABLE = 'LOSSTALLY_MAX_DOCUMENT_BYTES';
export const DATASET_BYTES_VARIABLE = 'LOSSTALLY_MAX_IMPORT_BYTES';

/** The fetch limit's default (LOSSTALLY_MAX_BODY_BYTES): a saved page is the body that was fetched. */
export const DEFAULT_DOCUMENT_BYTES = 5_000_000;
/**
 * 256 MiB: fifty times the largest published dataset (a few MB). A dataset is streamed, but the
 * file is kept compressed as evidence, and SQLite stores that in one piece (three copies in
 * memory while it does, about a fifth of the file each for a CSV): this limit keeps an import
 * within a few hundred MB.
 */
export const DEFAULT_DATASET_BYTES = 268_435_456;

export function documentLimit(bytes: number): InputLimit {
  return { bytes, what: 'a report text or page', variable: DOCUMENT_BYTES_VARIABLE };
}

export function datasetLimit(bytes: number): InputLimit {
  return { bytes, what: 'a dataset file', variable: DATASET_BYTES_VARIABLE };
}

/** The limits of the configuration, as read by the commands that read inputs. */
export interface InputLimits {
  readonly documentBytes: number;
  readonly datasetBytes: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { documentBytes: DEFAULT_DOCUMENT_BYTES, datasetBytes: DEFAULT_DATASET_BYTES };
