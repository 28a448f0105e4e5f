/** Every source adapter, by id. */
import { parseKmuPage } from './kmu/parse.js';
import { KMU_BASE_URL, kmuUrlsFor } from './kmu/urls.js';
import { parseMilgovPage } from './milgov/parse.js';
import { MILGOV_BASE_URL, milgovUrlsFor } from './milgov/urls.js';
import { parseModPage } from './mod/parse.js';
import { MOD_BASE_URL, modUrlsFor } from './mod/urls.js';
import { parseReportText } from './text/parse.js';
import type { FetchableSource, SourceAdapter, SourceId } from './types.js';

export const modSource: FetchableSource = {
  id: 'mod',
  title: 'mod.gov.ua',
  html: true,
  defaultBaseUrl: MOD_BASE_URL,
  baseUrlVariable: 'LOSSTALLY_MOD_BASE_URL',
  urlsFor: modUrlsFor,
  parse: parseModPage,
};

export const milgovSource: FetchableSource = {
  id: 'milgov',
  title: 'mil.gov.ua',
  html: true,
  defaultBaseUrl: MILGOV_BASE_URL,
  baseUrlVariable: 'LOSSTALLY_MILGOV_BASE_URL',
  urlsFor: milgovUrlsFor,
  parse: parseMilgovPage,
};

export const kmuSource: FetchableSource = {
  id: 'kmu',
  title: 'kmu.gov.ua',
  html: true,
  defaultBaseUrl: KMU_BASE_URL,
  baseUrlVariable: 'LOSSTALLY_KMU_BASE_URL',
  urlsFor: kmuUrlsFor,
  parse: parseKmuPage,
};

export const textSource: SourceAdapter = {
  id: 'text',
  title: 'pasted text',
  html: false,
  parse: parseReportText,
};

export const SOURCES: Readonly<Record<SourceId, SourceAdapter>> = {
  mod: modSource,
  milgov: milgovSource,
  kmu: kmuSource,
  text: textSource,
};

export const FETCHABLE_SOURCES: Readonly<Record<string, FetchableSource>> = {
  mod: modSource,
  milgov: milgovSource,
  kmu: kmuSource,
};

export function isSourceId(value: string): value is SourceId {
  return Object.hasOwn(SOURCES, value);
}
