/**
 * The files `losstally import` looks at: the one path given, or the files of a folder. A
 * symbolic link to a file is followed, in a folder as on the command line, and the import names
 * the file it leads to; a link to a folder is not followed, as a folder inside the folder is not
 * read; a link that leads nowhere is an error naming it. Nothing that looks like a file is
 * skipped without a word.
 */
import { open, lstat, readdir, readlink, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileError } from '../errors.js';

export interface ImportFile {
  readonly path: string;
  readonly name: string;
  /** What the file is a symbolic link to, as the link states it; null for a file that is no link. */
  readonly link: string | null;
}

export interface ImportListing {
  /** The folder given, or the folder of the file given. */
  readonly dir: string;
  readonly files: readonly ImportFile[];
  /** The file given, when a file (or a pipe, or a device) was given rather than a folder. */
  readonly single: ImportFile | null;
}

function reasonOf(error: unknown): string {
  return (error as { code?: string }).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message;
}

async function linkOf(path: string): Promise<string | null> {
  try {
    return (await lstat(path)).isSymbolicLink() ? await readlink(path) : null;
  } catch {
    return null;
  }
}

/** A folder entry that is a symbolic link: the file it leads to, null for a link to anything else (a folder). */
async function linkedFile(path: string, name: string): Promise<ImportFile | null> {
  const link = await readlink(path);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new FileError(`cannot read ${path}: it is a symbolic link to ${link}, which ${(error as { code?: string }).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`}`, { cause: error });
  }
  return info.isFile() ? { path, name, link } : null;
}

export async function listImportFiles(path: string): Promise<ImportListing> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const link = await linkOf(path);
    throw new FileError(`cannot read ${path}: ${link === null ? reasonOf(error) : `it is a symbolic link to ${link}, which does not exist`}`, { cause: error });
  }
  if (!info.isDirectory()) {
    const single: ImportFile = { path, name: basename(path), link: await linkOf(path) };
    return { dir: dirname(path), files: [single], single };
  }
  const entries = await readdir(path, { withFileTypes: true });
  const files: ImportFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const file = join(path, entry.name);
    if (entry.isFile()) files.push({ path: file, name: entry.name, link: null });
    else if (entry.isSymbolicLink()) {
      const linked = await linkedFile(file, entry.name);
      if (linked) files.push(linked);
    }
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { dir: path, files, single: null };
}

/** The first bytes of a file of a folder, as text: enough to tell its format (detect.ts). */
export async function readHead(file: ImportFile, bytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(file.path, 'r');
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch (error) {
    throw new FileError(`cannot read ${file.path}: ${reasonOf(error)}`, { cause: error });
  } finally {
    await handle?.close();
  }
}
