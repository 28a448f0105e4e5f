/**
 * Reads the files of a dataset import as they stream from disk: each chunk goes to the format's
 * reader (which records the rows into the table) and to the compressor that keeps the file as
 * evidence, and is then let go. What is held is the table (one cell per date and category) and
 * the compressed files, never a file's text.
 */
import { DocumentCompressor, type SpooledDocument } from '../db/document-compressor.js';
import { datasetFileReader } from '../datasets/readers.js';
import type { DatasetTable } from '../datasets/table.js';
import type { DatasetFormat } from '../datasets/types.js';
import type { ImportFile } from './import-files.js';

export interface DatasetInput {
  readonly file: ImportFile;
  /** The file's bytes, within the import's limit (input/read.ts). */
  readonly chunks: AsyncIterable<Buffer>;
}

export interface ReadDatasetFile {
  readonly file: ImportFile;
  /** The file compressed on disk, to be stored and then disposed of. */
  readonly document: SpooledDocument;
  /** Data rows of this file: CSV records after the header, JSON records. */
  readonly rows: number;
}

/** Reads the files in order; on a failure, what was spooled is removed before the error goes on. */
export async function readDatasetFiles(format: DatasetFormat, inputs: readonly DatasetInput[], table: DatasetTable): Promise<ReadDatasetFile[]> {
  const read: ReadDatasetFile[] = [];
  try {
    for (const { file, chunks } of inputs) {
      const before = table.rowCount;
      const reader = datasetFileReader(format, table, file.name);
      const compressor = new DocumentCompressor();
      try {
        for await (const chunk of chunks) {
          compressor.update(chunk);
          reader.write(chunk);
        }
        reader.end();
      } catch (error) {
        compressor.dispose();
        throw error;
      }
      read.push({ file, document: compressor.finish(), rows: table.rowCount - before });
    }
  } catch (error) {
    for (const { document } of read) document.dispose();
    throw error;
  }
  return read;
}
