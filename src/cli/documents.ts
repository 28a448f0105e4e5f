/**
 * The documents of `losstally parse`: the paths given, each folder replaced by the files under
 * it, and the reading of one document. A corpus is read in one process instead of one per file.
 */
import { readdir, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { UsageError, type FileError } from '../errors.js';
import type { InputLimit } from '../input/limits.js';
import { cannotRead, readWhole, STDIN } from '../input/read.js';

export { STDIN };

export interface DocumentEntry {
  /** The path as given, or as found: the folder as given, then the path under it. */
  readonly path: string;
  /** Why the path cannot be read, when that is known while listing (a folder that cannot be listed). */
  readonly error?: FileError;
}

export interface DocumentList {
  readonly entries: readonly DocumentEntry[];
  /** More than one path, or a folder: each document then has an outcome of its own and the run goes on after a failure. */
  readonly many: boolean;
}

/** A document (a file, a device, or standard input for "-") read whole, up to the limit of a report text or page. */
export async function readDocument(path: string, limit: InputLimit): Promise<string> {
  return (await readWhole(path, limit)).toString('utf8');
}

async function isFolder(path: string): Promise<boolean> {
  if (path === STDIN) return false;
  // A path that cannot be examined is listed as a file: reading it then fails with the same words as a single file.
  return stat(path).then((info) => info.isDirectory(), () => false);
}

async function isRegularFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}

/** The folder as the user wrote it, then the name: `./corpus` gives `./corpus/a.html`, as find prints it. */
function under(folder: string, name: string): string {
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

/**
 * Regular files and symbolic links to regular files under a folder, at any depth. A symbolic
 * link to a folder is never followed: it could lead out of the corpus or round in a cycle.
 */
async function filesUnder(folder: string): Promise<DocumentEntry[]> {
  let names;
  try {
    names = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    return [{ path: folder, error: cannotRead(folder, error) }];
  }
  const found: DocumentEntry[] = [];
  for (const entry of names) {
    const path = under(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile() || (entry.isSymbolicLink() && (await isRegularFile(path)))) found.push({ path });
  }
  return found;
}

// Code-unit order, not the locale's: the same order on every machine.
const byPath = (a: DocumentEntry, b: DocumentEntry): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The documents of the paths, in the order given, a folder's files in sorted path order. A
 * path given on the command line is followed when it is a symbolic link, as the user named it.
 */
export async function listDocuments(paths: readonly string[]): Promise<DocumentList> {
  if (paths.length > 1 && paths.includes(STDIN)) {
    throw new UsageError(`"${STDIN}" (standard input) must be the only FILE, not one of ${paths.length} paths`);
  }
  const entries: DocumentEntry[] = [];
  let folders = 0;
  for (const path of paths) {
    if (!(await isFolder(path))) {
      entries.push({ path });
      continue;
    }
    folders += 1;
    const found = await filesUnder(path);
    if (found.length === 0) throw new UsageError(`folder ${path} holds no files to parse`);
    entries.push(...found.sort(byPath));
  }
  return { entries, many: paths.length > 1 || folders > 0 };
}
