/**
 * Reads an input within a byte limit: a file, standard input ("-"), or anything that opens like
 * a file (a named pipe, /dev/zero). Bytes are counted as they arrive and reading stops at the
 * first chunk past the limit, so no more than the limit (and one chunk) is ever held, whatever
 * the input: a device never ends and a pipe has no size to look at beforehand. A regular file
 * that is larger than the limit already fails before a byte of it is read.
 */
import { createReadStream, open, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { FileError, InputTooLargeError, isLossTallyError } from '../errors.js';
import type { InputLimit } from './limits.js';

/** The path that stands for standard input. */
export const STDIN = '-';

/**
 * Bytes read at a time. Larger chunks read no faster (csv-parse's time is per record), and a
 * stream of 1 MB chunks left the garbage collector behind: importing a 200 MB file peaked 70 MB
 * higher than with 64 KB ones.
 */
const CHUNK_BYTES = 64 * 1024;

/** The input as messages name it. */
export function inputName(path: string): string {
  return path === STDIN ? 'standard input' : path;
}

/** The error of a path that cannot be read, in the words every caller uses. */
export function cannotRead(path: string, error: unknown): FileError {
  const code = (error as { code?: string }).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
  return new FileError(`cannot read ${inputName(path)}: ${reason}`, { cause: error });
}

function tooLarge(path: string, limit: InputLimit): InputTooLargeError {
  return new InputTooLargeError(inputName(path), limit.bytes, limit.what, limit.variable);
}

/** Fails at once when `path` is a regular file larger than the limit (a pipe or a device is counted as it is read). */
export async function checkSize(path: string, limit: InputLimit): Promise<void> {
  if (path === STDIN) return;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw cannotRead(path, error);
  }
  if (info.isFile() && info.size > limit.bytes) throw tooLarge(path, limit);
}

/**
 * A named pipe is read as a socket, not as a file: a file read waits in a worker thread until
 * the writer sends more, so a reader that stopped early (past its limit, at a bad row) could not
 * exit before the writer did. Opening still waits for a writer, as a file open does.
 */
async function openPipe(path: string): Promise<Readable> {
  const fd = await new Promise<number>((resolve, reject) => open(path, 'r', (error, opened) => (error ? reject(error) : resolve(opened))));
  return new Socket({ fd, readable: true, writable: false });
}

async function openInput(path: string): Promise<Readable> {
  if (path === STDIN) return process.stdin;
  return (await stat(path)).isFIFO() ? openPipe(path) : createReadStream(path, { highWaterMark: CHUNK_BYTES });
}

/** The chunks of an input as they come, with no limit: `withinLimit` counts them. */
export async function* chunksOf(path: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of (await openInput(path)) as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw isLossTallyError(error) ? error : cannotRead(path, error);
  }
}

/** Passes the chunks on until their count passes the limit, then throws InputTooLargeError (ending the read). */
export async function* withinLimit(chunks: AsyncIterable<Buffer>, path: string, limit: InputLimit): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    if (bytes > limit.bytes) throw tooLarge(path, limit);
    yield chunk;
  }
}

/** The chunks of an input within its limit. */
export async function* readChunks(path: string, limit: InputLimit): AsyncGenerator<Buffer> {
  await checkSize(path, limit);
  yield* withinLimit(chunksOf(path), path, limit);
}

/** All of chunks that stay within the limit, as one buffer. */
export async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * A whole input within its limit: a report text or page. A regular file no larger than the
 * limit is read in one call: setting up a stream costs a short command more than the read.
 */
export async function readWhole(path: string, limit: InputLimit): Promise<Buffer> {
  if (path !== STDIN) {
    let info;
    try {
      info = statSync(path);
    } catch (error) {
      throw cannotRead(path, error);
    }
    if (info.isFile()) {
      if (info.size > limit.bytes) throw tooLarge(path, limit);
      let bytes;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        throw cannotRead(path, error);
      }
      // It may have grown since it was looked at.
      if (bytes.length > limit.bytes) throw tooLarge(path, limit);
      return bytes;
    }
  }
  return collect(readChunks(path, limit));
}

export interface Peeked {
  /** At least the bytes asked for, or the whole input when it is shorter. */
  readonly head: Buffer;
  /** Every chunk from the start, the head's included. */
  readonly chunks: AsyncIterable<Buffer>;
  /** Ends the read (closes the file) when the chunks are not read to their end. */
  close(): Promise<void>;
}

/**
 * The start of an input, and the input again from its start: an input that can be read only
 * once (a pipe, standard input) is looked at before it is known how to read it.
 */
export async function peek(chunks: AsyncIterable<Buffer>, bytes: number): Promise<Peeked> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    size += next.value.length;
  }
  const close = async (): Promise<void> => {
    await iterator.return?.(undefined);
  };
  async function* replay(): AsyncGenerator<Buffer> {
    try {
      // Handed over one by one, so that the head is not held once it has been read.
      while (seen.length > 0) yield seen.shift() as Buffer;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await close();
    }
  }
  return { head: Buffer.concat(seen), chunks: replay(), close };
}
