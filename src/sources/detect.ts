/**
 * Which source a document comes from, for `parse --source auto`: by the site's own markers in
 * the page (canonical URLs, container names), else plain text.
 */
import type { SourceId } from './types.js';

// Structural markers first: pages link to each other's sites (kmu.gov.ua credits mil.gov.ua).
const MARKERS: ReadonlyArray<readonly [SourceId, RegExp]> = [
  ['milgov', /id=["']?aticle-content/i],
  ['kmu', /news__item--inner/i],
  ['mod', /bojovi-vtrati-voroga|boiovi-vtraty-voroha/i],
  ['minfin', /russian-invading\/casualties|class=["']see-also/i],
  ['milgov', /<base[^>]+mil\.gov\.ua|(?:canonical|og:url)[^>]+mil\.gov\.ua/i],
  ['kmu', /(?:canonical|og:url)[^>]+kmu\.gov\.ua/i],
  ['mod', /(?:canonical|og:url)[^>]+\/\/mod\.gov\.ua/i],
];

export function looksLikeHtml(document: string): boolean {
  return /^\s*(?:<!doctype html|<html|<head|<body|<div|<meta|<!--)/i.test(document.slice(0, 2048));
}

/** The minfin text dump: a dd.mm.yyyy line opens every day. */
export const MINFIN_TEXT = /^\s*\d{2}\.\d{2}\.\d{4}\s*\r?\n/;

const RUSSIANWARSHIP_JSON = /^\s*\{[\s\S]{0,400}"(?:message|data)"[\s\S]*"(?:personnel_units|records)"/;

/** The source of a document, or null for an HTML page from a site no adapter knows. */
export function detectSource(document: string): SourceId | null {
  if (RUSSIANWARSHIP_JSON.test(document.slice(0, 4096))) return 'russianwarship';
  if (!looksLikeHtml(document)) return MINFIN_TEXT.test(document.slice(0, 200)) ? 'minfin' : 'text';
  const head = document.slice(0, 200_000);
  for (const [id, marker] of MARKERS) {
    if (marker.test(head)) return id;
  }
  return null;
}
