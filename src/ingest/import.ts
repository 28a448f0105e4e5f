/**
 * `losstally import`: reads a dataset or a saved text from disk, stores it as a source of its
 * own (named after the file or folder, with each file's name, SHA-256 and row count kept as
 * provenance), and runs the same checks as every other source. All of an import lands in one
 * transaction, or none of it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Finding } from '../checks/findings.js';
import { datasetFiles, detectDatasetFormat, type DatasetEntry } from '../datasets/detect.js';
import { readLongCsv } from '../datasets/long-csv.js';
import { readPetroIvaniuk } from '../datasets/petroivaniuk.js';
import type { DatasetFormat } from '../datasets/types.js';
import { readWideCsv } from '../datasets/wide-csv.js';
import { sha256, storeDocument } from '../db/evidence.js';
import { recordImport, registerSource } from '../db/imports.js';
import type { Database } from '../db/schema.js';
import { FileError, NoReportError, ParseError, UsageError } from '../errors.js';
import type { ParsedReport, ParseWarning } from '../report/types.js';
import { DEFAULT_PRIORITY_ORDER, SOURCE_CATALOGUE, sourcePriority, type SourceKind } from '../sources/catalogue.js';
import { detectSource, looksLikeHtml } from '../sources/detect.js';
import { SOURCES } from '../sources/registry.js';
import type { DocumentOutcome } from '../sources/types.js';
import { DATASET_FORMATS, IMPORT_FORMATS, type ImportFormat } from './import-formats.js';
import { recheckAgreement } from './recheck.js';
import { storeReports } from './store.js';

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
}

export interface ImportedFile {
  readonly name: string;
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
  readonly findings: readonly Finding[];
}

interface InputFile {
  readonly path: string;
  readonly name: string;
  readonly body: Buffer;
  readonly text: string;
}


async function listFiles(path: string): Promise<{ dir: string; names: string[]; single: string | null }> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new FileError(`cannot read ${path}: ${(error as { code?: string }).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`, { cause: error });
  }
  if (info.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true });
    const names = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
    return { dir: path, names, single: null };
  }
  return { dir: dirname(path), names: [basename(path)], single: basename(path) };
}

const HEAD_CHARS = 2048;

async function readEntries(dir: string, names: readonly string[]): Promise<DatasetEntry[]> {
  return Promise.all(names.map(async (name) => ({ name, head: (await readInput(dir, name)).text.slice(0, HEAD_CHARS) })));
}

async function readInput(dir: string, name: string): Promise<InputFile> {
  const path = join(dir, name);
  try {
    const body = await readFile(path);
    return { path, name, body, text: body.toString('utf8') };
  } catch (error) {
    throw new FileError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function detectFormat(entries: readonly DatasetEntry[], single: InputFile | null): ImportFormat | null {
  const dataset = detectDatasetFormat(entries);
  if (dataset) return dataset;
  // A single document: the source whose parser reads it (a page, an API answer, a text).
  return single ? detectSource(single.text) : null;
}

const CORRECTION_FILE = /correction/i;
const PETRO_FILE = /^(.*?)(equipment|personnel)(.*\.json)$/i;

/** The files a format reads: a dataset's files in the folder, or the one file given. */
function filesFor(format: ImportFormat, entries: readonly DatasetEntry[], single: string | null): string[] {
  if (!isDatasetFormat(format)) {
    if (!single) throw new UsageError(`--format ${format} reads one file; give the file, not a folder`);
    return [single];
  }
  if (single) {
    if (format === 'petroivaniuk' && CORRECTION_FILE.test(single)) {
      throw new UsageError(`${single} is the dataset's list of corrections, not its series; import russia_losses_equipment.json or the folder`);
    }
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

interface ReadResult {
  readonly reports: ParsedReport[];
  readonly warnings: ParseWarning[];
  /** The file each date came from, when several files were read. */
  readonly origins?: ReadonlyMap<string, string>;
}

/** Data rows of one file, for its provenance: records of a JSON array, lines of a CSV after the header. */
function countRows(format: ImportFormat, file: InputFile, reports: number): number {
  if (format === 'petroivaniuk') {
    const parsed = JSON.parse(file.text) as unknown;
    return Array.isArray(parsed) ? parsed.length : 0;
  }
  if (format === 'kaggle-csv' || format === 'long-csv') return Math.max(0, file.text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
  return reports;
}

function readFormat(format: ImportFormat, files: readonly InputFile[], source: string, date: string | undefined): ReadResult {
  const [first, second] = files;
  if (!first) throw new UsageError('nothing to import');
  switch (format) {
    case 'petroivaniuk': {
      // A merged file (equipment and personnel in one) is read with an empty twin.
      const result = readPetroIvaniuk(first.text, second?.text ?? '[]', source, { equipment: first.name, personnel: second?.name ?? '(none)' });
      return { reports: result.reports, warnings: result.warnings, origins: result.origins };
    }
    case 'kaggle-csv': {
      const result = readWideCsv(files.map((f) => ({ name: f.name, text: f.text })), source);
      return { reports: result.reports, warnings: result.warnings, origins: result.origins };
    }
    case 'long-csv': {
      const result = readLongCsv(first.text, source, first.name);
      return { reports: result.reports, warnings: result.warnings };
    }
    default: {
      // A document read by its source's parser, as `parse` would read it.
      if (format === 'text' && (looksLikeHtml(first.text) || /^\s*[[{]/.test(first.text))) {
        throw new UsageError(`${first.path} looks like ${looksLikeHtml(first.text) ? 'an HTML page' : 'JSON'}, not a pasted report; pass --format with its source (${IMPORT_FORMATS.slice(3).join(', ')})`);
      }
      const outcome = SOURCES[format].parse(first.text, date ? { date } : {});
      const reports = fromDocument(outcome, first.path).map((r) => ({ ...r, source }));
      return { reports, warnings: reports.flatMap((r) => r.warnings) };
    }
  }
}

function kindOf(format: ImportFormat): SourceKind {
  if (isDatasetFormat(format)) return 'dataset';
  // A saved document is a copy of its source, ranked with its kind.
  return SOURCE_CATALOGUE.find((entry) => entry.id === format)?.kind ?? 'text';
}

export async function importPath(db: Kysely<Database>, request: ImportRequest): Promise<ImportResult> {
  const listing = await listFiles(request.path);
  const entries = await readEntries(listing.dir, listing.names);
  const single = listing.single ? await readInput(listing.dir, listing.single) : null;
  const format = request.format ?? detectFormat(entries, single);
  if (!format) {
    throw new UsageError(`cannot tell the format of ${request.path}; pass --format ${IMPORT_FORMATS.join('|')}`);
  }
  // One file of the PetroIvaniuk pair is read with its twin from the same folder.
  let folder = listing;
  let folderEntries = entries;
  if (format === 'petroivaniuk' && listing.single) {
    const around = await listFiles(listing.dir);
    folder = { ...around, single: listing.single };
    folderEntries = await readEntries(around.dir, around.names);
  }
  const names = filesFor(format, folderEntries, folder.single);
  const files = await Promise.all(names.map((name) => readInput(folder.dir, name)));
  const pairRead = names.length > 1 && listing.single !== null;

  const sourceName = pairRead ? basename(folder.dir) : basename(resolve(request.path));
  const source = `${format}:${sourceName}`;
  const { reports, warnings, origins } = readFormat(format, files, source, request.date);
  if (reports.length === 0) throw new NoReportError(`no report in ${request.path}: the ${format} file holds no daily figures`);

  const imported: ImportedFile[] = files.map((f) => ({ name: f.name, sha256: sha256(f.body), bytes: f.body.length, rows: countRows(format, f, reports.length) }));
  // Each report points to the file its figures came from.
  const byName = new Map(files.map((file, i) => [file.name, { path: file.path, hash: (imported[i] as ImportedFile).sha256 }]));
  const fileOf = (date: string) => byName.get(origins?.get(date) ?? '') ?? (byName.get((files[0] as InputFile).name) as { path: string; hash: string });
  const batch = await storeReports(
    db,
    reports.map((report) => {
      const file = fileOf(report.reportDate);
      return { report, origin: file.path, document: null, documentHash: file.hash, fetch: null, now: request.now };
    }),
    async (trx) => {
      const kind = kindOf(format);
      const priority = sourcePriority({ id: source, kind }, request.sourcePriority ?? DEFAULT_PRIORITY_ORDER);
      if (await registerSource(trx, { id: source, title: sourceName, kind, priority }, request.sourcePriority !== undefined)) {
        await recheckAgreement(trx);
      }
      for (const [i, file] of files.entries()) {
        const hash = await storeDocument(trx, file.body, null, request.now);
        const info = imported[i] as ImportedFile;
        await recordImport(trx, { source, format, path: file.path, fileName: file.name, sha256: hash, bytes: info.bytes, rows: info.rows, importedAt: request.now });
      }
    },
  );
  const dates = reports.map((r) => r.reportDate).sort();
  return {
    source,
    format,
    files: imported,
    rows: imported.reduce((sum, f) => sum + f.rows, 0),
    reports: reports.length,
    firstDate: dates[0] ?? '',
    lastDate: dates[dates.length - 1] ?? '',
    stored: batch.stored,
    unchanged: batch.unchanged,
    warnings,
    findings: batch.findings,
  };
}
