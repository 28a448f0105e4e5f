/**
 * Reads a response body within the size limit, decoding gzip, deflate and br as it arrives.
 *
 * The limit holds for the bytes received and for the bytes they decode to: a compressed body of
 * 1 MB can inflate to 1 GB (a "zip bomb"), so the body is decoded as a stream and reading stops
 * as soon as the decoded bytes pass the limit. No more than about the limit is ever held.
 */
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpFailure } from './failure.js';

type Decoding = 'gzip' | 'deflate' | 'br';

/** Content-Encoding values, by name (a Map: a header such as "constructor" must find nothing). */
const DECODINGS: ReadonlyMap<string, Decoding> = new Map([
  ['gzip', 'gzip'],
  ['x-gzip', 'gzip'],
  ['deflate', 'deflate'],
  ['br', 'br'],
]);

const DECODERS: Readonly<Record<Decoding, () => Transform>> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The body of a response, decoded when its Content-Encoding is gzip, deflate or br; any other
 * encoding is passed on as it came (the parsers then find no report in it).
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, limit: number, url: string): Promise<Buffer> {
  const decoding = DECODINGS.get((contentEncoding ?? '').trim().toLowerCase());
  const fail = (error: HttpFailure): HttpFailure => {
    // Stops the download at once, whatever the decoder still holds.
    body.destroy();
    return error;
  };
  // An error while receiving (a reset, a timeout, a stop) passes through unchanged for the client
  // to word; only an error of the decoder itself means the body is not what its encoding says.
  let receiveError: unknown = null;
  async function* received(): AsyncGenerator<Buffer> {
    let size = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) throw fail(new HttpFailure('too_large', `${url} answered with more than ${limit} bytes; a report page is far smaller`, { finalUrl: url }));
        yield chunk;
      }
    } catch (error) {
      receiveError = error;
      throw error;
    }
  }

  const chunks: Buffer[] = [];
  let kept = 0;
  const keepDecoded = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      kept += chunk.length;
      if (kept > limit) {
        throw fail(new HttpFailure('too_large', `${url} sent a ${decoding} body that inflates past ${limit} bytes; a report page is far smaller`, { finalUrl: url }));
      }
      chunks.push(chunk);
    }
  };

  try {
    if (decoding) await pipeline(received(), DECODERS[decoding](), keepDecoded);
    else {
      for await (const chunk of received()) {
        kept += chunk.length;
        chunks.push(chunk);
      }
    }
  } catch (error) {
    if (error instanceof HttpFailure || receiveError !== null || !decoding) throw error;
    throw fail(new HttpFailure('bad_encoding', `${url} sent a body that is not valid ${decoding}`, { finalUrl: url, cause: error }));
  }
  return Buffer.concat(chunks, kept);
}
