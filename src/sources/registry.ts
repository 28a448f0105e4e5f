/** Every source adapter, by id. */
import { parseKmuPage } from './kmu/parse.js';
import { KMU_BASE_URL, kmuUrlsFor } from './kmu/urls.js';
import { parseMilgovPage } from './milgov/parse.js';
import { MILGOV_BASE_URL, milgovUrlsFor } from './milgov/urls.js';
import { parseModPage } from './mod/parse.js';
import { modListingUrl, parseModListing } from './mod/listing.js';
import { MOD_BASE_URL, modUrlForms, modUrlsFor } from './mod/urls.js';
import { looksLikeHtml } from './detect.js';
import { parseMinfinPage, parseMinfinText } from './minfin/parse.js';
import { MINFIN_BASE_URL, minfinUrlsFor } from './minfin/urls.js';
import { parseRussianwarshipDocument } from './russianwarship/parse.js';
import { RUSSIANWARSHIP_BASE_URL, russianwarshipUrlsFor } from './russianwarship/urls.js';
import { parseReportText } from './text/parse.js';
import { oneReport } from './outcome.js';
import type { FetchableSource, SourceAdapter, SourceId } from './types.js';

export const modSource: FetchableSource = {
  id: 'mod',
  title: 'mod.gov.ua',
  media: 'html',
  defaultBaseUrl: MOD_BASE_URL,
  baseUrlVariable: 'LOSSTALLY_MOD_BASE_URL',
  urlsFor: modUrlsFor,
  urlForms: modUrlForms,
  listing: { firstPage: modListingUrl, parse: parseModListing },
  parse: (document, context) => oneReport(parseModPage(document, context)),
};

export const milgovSource: FetchableSource = {
  id: 'milgov',
  title: 'mil.gov.ua',
  media: 'html',
  defaultBaseUrl: MILGOV_BASE_URL,
  baseUrlVariable: 'LOSSTALLY_MILGOV_BASE_URL',
  urlsFor: milgovUrlsFor,
  parse: (document, context) => oneReport(parseMilgovPage(document, context)),
};

export const kmuSource: FetchableSource = {
  id: 'kmu',
  title: 'kmu.gov.ua',
  media: 'html',
  defaultBaseUrl: KMU_BASE_URL,
  baseUrlVariable: 'LOSSTALLY_KMU_BASE_URL',
  urlsFor: kmuUrlsFor,
  parse: (document, context) => oneReport(parseKmuPage(document, context)),
};

export const minfinSource: FetchableSource = {
  id: 'minfin',
  title: 'index.minfin.com.ua',
  media: 'html',
  defaultBaseUrl: MINFIN_BASE_URL,
  baseUrlVariable: 'LOSSTALLY_MINFIN_BASE_URL',
  urlsFor: minfinUrlsFor,
  // Its pages, and the text of its days as saved by scrapers.
  parse: (document, context) => (looksLikeHtml(document) ? parseMinfinPage(document, context) : parseMinfinText(document, context)),
};

export const russianwarshipSource: FetchableSource = {
  id: 'russianwarship',
  title: 'russianwarship.rip',
  media: 'json',
  defaultBaseUrl: RUSSIANWARSHIP_BASE_URL,
  baseUrlVariable: 'LOSSTALLY_RUSSIANWARSHIP_BASE_URL',
  urlsFor: russianwarshipUrlsFor,
  parse: parseRussianwarshipDocument,
};

export const textSource: SourceAdapter = {
  id: 'text',
  title: 'pasted text',
  media: 'text',
  parse: (document, context) => oneReport(parseReportText(document, context)),
};

export const SOURCES: Readonly<Record<SourceId, SourceAdapter>> = {
  mod: modSource,
  milgov: milgovSource,
  kmu: kmuSource,
  minfin: minfinSource,
  russianwarship: russianwarshipSource,
  text: textSource,
};

export const FETCHABLE_SOURCES: Readonly<Record<string, FetchableSource>> = {
  mod: modSource,
  milgov: milgovSource,
  kmu: kmuSource,
  minfin: minfinSource,
  russianwarship: russianwarshipSource,
};

export function isSourceId(value: string): value is SourceId {
  return Object.hasOwn(SOURCES, value);
}
