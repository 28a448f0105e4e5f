/**
 * Conditional requests: the validators a response carries (ETag, Last-Modified) and the
 * request headers that send them back, so an unchanged page costs a 304 and no body. Pure.
 */
import type { HttpResponse } from './client.js';

export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** If-None-Match and If-Modified-Since from what the last fetch of the URL gave; none without it. */
export function conditionalHeaders(previous: Validators | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (previous?.etag) headers['If-None-Match'] = previous.etag;
  if (previous?.lastModified) headers['If-Modified-Since'] = previous.lastModified;
  return headers;
}

/** The ETag and Last-Modified of a response, as sent (a weak `W/"…"` ETag stays weak). */
export function validatorsOf(response: HttpResponse): Validators {
  const value = (name: string): string | null => response.headers[name]?.trim() || null;
  return { etag: value('etag'), lastModified: value('last-modified') };
}
