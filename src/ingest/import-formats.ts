/**
 * The formats `losstally import --format` takes: the datasets, and the single documents read by
 * their source's parser (a saved page, an API answer, a pasted text). Apart from import.ts so
 * that the command line's help lists them without loading the parsers.
 */
import type { DatasetFormat } from '../datasets/types.js';

export const DATASET_FORMATS = ['petroivaniuk', 'kaggle-csv', 'long-csv', 'russia-losses', 'ukr-mod-data'] as const satisfies readonly DatasetFormat[];
export const DOCUMENT_FORMATS = ['mod', 'milgov', 'kmu', 'minfin', 'russianwarship', 'text'] as const;
export const IMPORT_FORMATS = [...DATASET_FORMATS, ...DOCUMENT_FORMATS] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number];
