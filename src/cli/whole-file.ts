/**
 * Writes a file whole or not at all: into `<file>.partial` beside it, renamed at the end, so a
 * crash never leaves half a file. A failure is a FileError naming the file the user asked for
 * (never the .partial one) with its reason in words, and leaves nothing behind.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FileError } from '../errors.js';

function reason(path: string, error: unknown): string {
  const folder = dirname(path);
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return `the folder ${folder} does not exist`;
    case 'ENOTDIR':
      return `${folder} is not a folder`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to write in the folder ${folder}`;
    case 'EISDIR':
      return 'it is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export async function writeWholeFile(path: string, write: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const partial = `${path}.partial`;
  const file = createWriteStream(partial);
  try {
    await once(file, 'open');
    await write(file);
    file.end();
    await once(file, 'close');
    await rename(partial, path);
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw new FileError(`cannot write ${path}: ${reason(path, error)}`, { cause: error });
  }
}
