/**
 * `losstally import`: reads a dataset or a saved text from disk, stores it as a source of its
 * own (named after the file or folder, with each file's name, SHA-256 and row count kept as
 * provenance), and runs the same checks as every other source. All of an import lands in one
 * transaction, or none of it.
 *
 * Memory is bounded by design: a dataset file is streamed (import-dataset.ts) within
 * LOSSTALLY_MAX_IMPORT_BYTES, so what is held is one cell per date and category and the file
 * compressed, never its text; a saved page or text is read whole, within
 * LOSSTALLY_MAX_DOCUMENT_BYTES. The reports are then stored a batch at a time.
 */
import { basename, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Finding } from '../checks/findings.js';
import { detectDatasetFormat, datasetFiles, isCleanExport, notASeries, type DatasetEntry, type NotASeries } from '../datasets/detect.js';
import { DatasetTable } from '../datasets/table.js';
import type { DatasetFormat } from '../datasets/types.js';
import { storeCompressedDocument, sha256, storeDocument } from '../db/evidence.js';
import { recordImport, registerSource } from '../db/imports.js';
import type { Database } from '../db/schema.js';
import { NoReportError, ParseError, UsageError } from '../errors.js';
import { datasetLimit, DEFAULT_INPUT_LIMITS, documentLimit, type InputLimits } from '../input/limits.js';
import { checkSize, chunksOf, collect, peek, readChunks, withinLimit, type Peeked } from '../input/read.js';
import type { ParsedReport, ParseWarning } from '../report/types.js';
import { DEFAULT_PRIORITY_ORDER, SOURCE_CATALOGUE, sourcePriority, type SourceKind } from '../sources/catalogue.js';
import { detectSource, looksLikeHtml } from '../sources/detect.js';
import { SOURCES } from '../sources/registry.js';
import type { DocumentOutcome } from '../sources/types.js';
import { readDatasetFiles, type ReadDatasetFile } from './import-dataset.js';
import { listImportFiles, readHead, type ImportFile, type ImportListing } from './import-files.js';
import { DATASET_FORMATS, DOCUMENT_FORMATS, IMPORT_FORMATS, type ImportFormat } from './import-formats.js';
import { recheckAgreement } from './recheck.js';
import { storeReportBatches, type StoreInput } from './store.js';

function isDatasetFormat(format: ImportFormat): format is DatasetFormat {
  return (DATASET_FORMATS as readonly string[]).includes(format);
}

export interface ImportRequest {
  readonly path: string;
  readonly format?: ImportFormat;
  /** Report date of a text that does not state its own. */
  readonly date?: string;
  readonly now: string;
  readonly sourcePriority?: readonly string[];
  /** How much of each file is read (LOSSTALLY_MAX_DOCUMENT_BYTES, LOSSTALLY_MAX_IMPORT_BYTES); the defaults when absent. */
  readonly limits?: InputLimits;
}

export interface ImportedFile {
  readonly name: string;
  /** What the file is a symbolic link to, as the link states it; null for a file that is no link. */
  readonly link: string | null;
  readonly sha256: string;
  readonly bytes: number;
  readonly rows: number;
}

export interface ImportResult {
  readonly source: string;
  readonly format: ImportFormat;
  readonly files: readonly ImportedFile[];
  readonly rows: number;
  readonly reports: number;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly stored: number;
  readonly unchanged: number;
  readonly warnings: readonly ParseWarning[];
  /**
   * What the import decided without being told: the files of a folder it left out and why (a
   * list of corrections, a table of deltas), how a reader read what the file does not say (the
   * year of JJ's dates), what it read and did not import (POW).
   */
  readonly notes: readonly string[];
  readonly findings: readonly Finding[];
}

/** Enough of a file to tell its format (detect.ts reads the first kilobytes). */
const HEAD_BYTES = 2048;
/** Reports built and stored at a time: the table is handed over in batches, not copied whole. */
const STORE_BATCH = 500;

async function readEntries(files: readonly ImportFile[]): Promise<DatasetEntry[]> {
  return Promise.all(files.map(async (file) => ({ name: file.name, head: await readHead(file, HEAD_BYTES) })));
}

const PETRO_FILE = /^(.*?)(equipment|personnel)(.*\.json)$/i;

/** The files a dataset format reads: its files in the folder, or the one file given (with its twin). */
function filesFor(format: DatasetFormat, entries: readonly DatasetEntry[], single: string | null): string[] {
  if (single) {
    if (format !== 'petroivaniuk') return [single];
    // One file of a PetroIvaniuk pair is read with its exact twin, when the folder has it.
    const parts = PETRO_FILE.exec(single);
    const twin = parts ? `${parts[1]}${parts[2]?.toLowerCase() === 'equipment' ? 'personnel' : 'equipment'}${parts[3]}` : null;
    const names = entries.map((e) => e.name);
    const pair = twin && names.includes(twin) ? [single, twin] : [single];
    return pair.sort();
  }
  const files = datasetFiles(format, entries);
  if (files.length === 0) throw new UsageError(`no ${format} file found in the folder; pass the file itself or another --format`);
  if (format === 'long-csv' && files.length > 1) {
    throw new UsageError(`the folder holds ${files.length} long CSV files (${files.join(', ')}); import each file on its own`);
  }
  if (format === 'petroivaniuk' && files.length !== 2) {
    throw new UsageError(`the folder holds ${files.length} PetroIvaniuk files (${files.join(', ')}); import the equipment file of the version you want`);
  }
  return files;
}

function fromDocument(outcome: DocumentOutcome, what: string): ParsedReport[] {
  switch (outcome.status) {
    case 'reports':
      return [...outcome.reports];
    case 'undated':
      throw new UsageError(`${what}: ${outcome.reason}`);
    case 'no_report':
    case 'blocked':
      throw new NoReportError(`no report in ${what}: ${outcome.reason}`);
    case 'parse_error':
      throw new ParseError(`cannot read the report in ${what}: ${outcome.reason}`);
  }
}

/** The reports of a saved document, read by its source's parser as `parse` would read it. */
function readDocumentReports(format: Exclude<ImportFormat, DatasetFormat>, file: ImportFile, text: string, source: string, date: string | undefined): ParsedReport[] {
  if (format === 'text' && (looksLikeHtml(text) || /^\s*[[{]/.test(text))) {
    throw new UsageError(`${file.path} looks like ${looksLikeHtml(text) ? 'an HTML page' : 'JSON'}, not a pasted report; pass --format with its source (${DOCUMENT_FORMATS.join(', ')})`);
  }
  const outcome = SOURCES[format].parse(text, date ? { date } : {});
  return fromDocument(outcome, file.path).map((r) => ({ ...r, source }));
}

function kindOf(format: ImportFormat): SourceKind {
  if (isDatasetFormat(format)) return 'dataset';
  // A saved document is a copy of its source, ranked with its kind.
  return SOURCE_CATALOGUE.find((entry) => entry.id === format)?.kind ?? 'text';
}

/** What the import found to store, whichever way it was read. */
interface ImportRead {
  readonly format: ImportFormat;
  readonly source: string;
  readonly sourceName: string;
  readonly files: readonly ImportedFile[];
  /** Each file's path and hash, by name: each report points to the file its figures came from. */
  readonly origins: ReadonlyMap<string, { readonly path: string; readonly hash: string }>;
  /** The report dates, oldest first. */
  readonly dates: readonly string[];
  readonly warnings: readonly ParseWarning[];
  readonly notes: readonly string[];
  /** The reports, a batch at a time, each with the name of its file. */
  batches(): Iterable<readonly { readonly report: ParsedReport; readonly file: string }[]>;
  /** Stores the files as documents, in the import's transaction. */
  storeFiles(trx: Kysely<Database>, now: string): Promise<void>;
  /** Removes what reading left on disk (the compressed files), stored or not. */
  dispose(): void;
}

async function readDataset(request: ImportRequest, format: DatasetFormat, listing: ImportListing, entries: readonly DatasetEntry[], opened: Peeked | null): Promise<ImportRead> {
  const limit = datasetLimit((request.limits ?? DEFAULT_INPUT_LIMITS).datasetBytes);
  const { single } = listing;
  // One file of the PetroIvaniuk pair is read with its twin from the same folder.
  let folder = listing;
  let folderEntries = entries;
  if (format === 'petroivaniuk' && single) {
    const around = await listImportFiles(listing.dir);
    folder = { ...around, single };
    folderEntries = await readEntries(around.files);
  }
  const names = filesFor(format, folderEntries, folder.single?.name ?? null);
  // A pair read from one of its files is named after its folder, as when the folder is given.
  const sourceName = names.length > 1 && single !== null ? basename(folder.dir) : basename(resolve(request.path));
  const source = `${format}:${sourceName}`;
  const byName = new Map(folder.files.map((file) => [file.name, file]));
  const inputs = names.map((name) => {
    const file = single && name === single.name ? single : (byName.get(name) as ImportFile);
    const chunks = opened && file === single ? withinLimit(opened.chunks, file.path, limit) : readChunks(file.path, limit);
    return { file, chunks };
  });
  const table = new DatasetTable();
  const read: ReadDatasetFile[] = await readDatasetFiles(format, inputs, table);
  const dates = table.reportDates();
  // A folder's files that look like the dataset's and hold no series are said, not read.
  const leftOut = single ? [] : leftOutFiles(entries).map(({ name, refusal }) => `${name} is left out: ${refusal.reason}`);
  const files = read.map(({ file, document, rows }) => ({ name: file.name, link: file.link, sha256: document.sha256, bytes: document.bytes, rows }));
  return {
    format,
    source,
    sourceName,
    files,
    origins: new Map(read.map(({ file, document }) => [file.name, { path: file.path, hash: document.sha256 }])),
    dates,
    warnings: table.allWarnings(),
    notes: [...leftOut, ...table.notes()],
    *batches() {
      for (let i = 0; i < dates.length; i += STORE_BATCH) {
        yield dates.slice(i, i + STORE_BATCH).map((date) => table.takeReport(date, source));
      }
    },
    async storeFiles(trx, now) {
      // One compressed file in memory at a time, let go once stored.
      for (const { document } of read) await storeCompressedDocument(trx, { sha256: document.sha256, bytes: document.bytes, gzip: document.readGzip() }, null, now);
    },
    dispose() {
      for (const { document } of read) document.dispose();
    },
  };
}

async function readSavedDocument(request: ImportRequest, format: Exclude<ImportFormat, DatasetFormat>, file: ImportFile, body: Buffer): Promise<ImportRead> {
  const sourceName = basename(resolve(request.path));
  const source = `${format}:${sourceName}`;
  const reports = readDocumentReports(format, file, body.toString('utf8'), source, request.date);
  const hash = sha256(body);
  return {
    format,
    source,
    sourceName,
    files: [{ name: file.name, link: file.link, sha256: hash, bytes: body.length, rows: reports.length }],
    origins: new Map([[file.name, { path: file.path, hash }]]),
    dates: reports.map((r) => r.reportDate).sort(),
    warnings: reports.flatMap((r) => r.warnings),
    notes: [],
    *batches() {
      yield reports.map((report) => ({ report, file: file.name }));
    },
    async storeFiles(trx, now) {
      await storeDocument(trx, body, null, now);
    },
    dispose() {},
  };
}

function leftOutFiles(entries: readonly DatasetEntry[]): { name: string; refusal: NotASeries }[] {
  return entries.flatMap((entry) => {
    const refusal = notASeries(entry);
    return refusal ? [{ name: entry.name, refusal }] : [];
  });
}

/**
 * Reads what the path holds, in the format asked for or the one found. A file given alone is
 * opened once and its start looked at before it is read on (it may be a pipe, read only once).
 */
async function readImport(request: ImportRequest, listing: ImportListing): Promise<ImportRead> {
  const limits = request.limits ?? DEFAULT_INPUT_LIMITS;
  const { single } = listing;
  const requested = request.format;
  let opened: Peeked | null = null;
  try {
    let entries: DatasetEntry[];
    if (single) {
      // Until the format is known, the larger limit: a document is held to its own as it is read.
      await checkSize(single.path, requested && !isDatasetFormat(requested) ? documentLimit(limits.documentBytes) : datasetLimit(limits.datasetBytes));
      opened = await peek(chunksOf(single.path), HEAD_BYTES);
      entries = [{ name: single.name, head: opened.head.subarray(0, HEAD_BYTES).toString('utf8') }];
    } else {
      entries = await readEntries(listing.files);
    }
    const clean = entries.find(isCleanExport);
    if (clean) {
      throw new UsageError(
        `${clean.name} is a clean-series export (losstally export --clean), an estimate made from the sources, not one; import the export without --clean`,
      );
    }
    // A file of a dataset's folder that holds no series is refused, even when named its format.
    const refusal = single && (!requested || isDatasetFormat(requested)) ? notASeries(entries[0] as DatasetEntry) : null;
    if (single && refusal) throw new UsageError(`${single.name} is ${refusal.reason}; ${refusal.instead}`);
    const dataset = requested ?? detectDatasetFormat(entries);
    if (dataset && isDatasetFormat(dataset)) return await readDataset(request, dataset, listing, entries, opened);
    if (!single || !opened) {
      if (requested) throw new UsageError(`--format ${requested} reads one file; give the file, not a folder`);
      const leftOut = leftOutFiles(entries);
      if (leftOut.length > 0) {
        throw new UsageError(`${request.path} holds no series to import: ${leftOut.map(({ name, refusal }) => `${name} is ${refusal.reason}`).join('; ')}`);
      }
      throw new UsageError(`cannot tell the format of ${request.path}; pass --format ${IMPORT_FORMATS.join('|')}`);
    }
    // A single document: the source whose parser reads it (a page, an API answer, a text).
    const body = await collect(withinLimit(opened.chunks, single.path, documentLimit(limits.documentBytes)));
    const format = requested ?? detectSource(body.toString('utf8'));
    if (!format) throw new UsageError(`cannot tell the format of ${request.path}; pass --format ${IMPORT_FORMATS.join('|')}`);
    return await readSavedDocument(request, format as Exclude<ImportFormat, DatasetFormat>, single, body);
  } finally {
    await opened?.close();
  }
}

export async function importPath(db: Kysely<Database>, request: ImportRequest): Promise<ImportResult> {
  const listing = await listImportFiles(request.path);
  const read = await readImport(request, listing);
  try {
    return await storeImport(db, request, read);
  } finally {
    read.dispose();
  }
}

async function storeImport(db: Kysely<Database>, request: ImportRequest, read: ImportRead): Promise<ImportResult> {
  if (read.dates.length === 0) throw new NoReportError(`no report in ${request.path}: the ${read.format} file holds no daily figures`);
  const { format, source, origins } = read;
  const now = request.now;
  function* inputs(): Iterable<StoreInput[]> {
    for (const batch of read.batches()) {
      yield batch.map(({ report, file }) => {
        const origin = origins.get(file);
        if (!origin) throw new Error(`the report for ${report.reportDate} comes from ${file}, which the import did not read`);
        return { report, origin: origin.path, document: null, documentHash: origin.hash, fetch: null, now };
      });
    }
  }
  const batch = await storeReportBatches(db, inputs(), async (trx) => {
    const kind = kindOf(format);
    const priority = sourcePriority({ id: source, kind }, request.sourcePriority ?? DEFAULT_PRIORITY_ORDER);
    if (await registerSource(trx, { id: source, title: read.sourceName, kind, priority }, request.sourcePriority !== undefined)) {
      await recheckAgreement(trx);
    }
    await read.storeFiles(trx, now);
    for (const file of read.files) {
      const origin = origins.get(file.name) as { path: string };
      await recordImport(trx, { source, format, path: origin.path, fileName: file.name, sha256: file.sha256, bytes: file.bytes, rows: file.rows, importedAt: now });
    }
  });
  return {
    source,
    format,
    files: read.files,
    rows: read.files.reduce((sum, f) => sum + f.rows, 0),
    reports: read.dates.length,
    firstDate: read.dates[0] ?? '',
    lastDate: read.dates[read.dates.length - 1] ?? '',
    stored: batch.stored,
    unchanged: batch.unchanged,
    warnings: read.warnings,
    notes: read.notes,
    findings: batch.findings,
  };
}
