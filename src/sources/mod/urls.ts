/**
 * mod.gov.ua daily post URLs: `/news/bojovi-vtrati-voroga-na-{D}-{month}-{YYYY}-roku`, day not
 * zero-padded, month in the genitive. The site's own transliteration for January–July 2026
 * (checked against its sitemap) writes и/і as "i" and г as "g" (lipnya, lyutogo); newer slugs on
 * the site use the national (KMU 2010) system (boiovi-vtraty-voroha-na-27-lypnia-2026-roku), and
 * other spellings of the later months circulate. Until a slug has answered, every candidate is
 * tried in turn, the newest form (the national system) first.
 */
import type { UrlCandidate } from '../types.js';

export const MOD_BASE_URL = 'https://mod.gov.ua';

// Genitive month names in the site's 2026 system, then the national system.
const SITE_MONTHS = ['sichnya', 'lyutogo', 'bereznya', 'kvitnya', 'travnya', 'chervnya', 'lipnya', 'serpnya', 'veresnya', 'zhovtnya', 'listopada', 'grudnya'];
const NATIONAL_MONTHS = ['sichnia', 'liutoho', 'bereznia', 'kvitnia', 'travnia', 'chervnia', 'lypnia', 'serpnia', 'veresnia', 'zhovtnia', 'lystopada', 'hrudnia'];
// Spellings seen in other scrapers for months the sitemap check did not cover.
const OTHER_SPELLINGS: Readonly<Record<number, readonly string[]>> = { 7: ['lypnya'], 11: ['lystopada'], 12: ['hrudnya'] };

/** The slug forms, newest first: the national system, the site's older one, other spellings of its months. */
export type ModSlugForm = 'national' | 'site' | 'site-other-spelling';

export function modUrlForms(date: string): UrlCandidate[] {
  const [year = '', monthText = '', dayText = ''] = date.split('-');
  const month = Number(monthText);
  const day = Number(dayText);
  const site = (name: string) => `${MOD_BASE_URL}/news/bojovi-vtrati-voroga-na-${day}-${name}-${year}-roku`;
  const candidates: UrlCandidate[] = [
    { form: 'national', url: `${MOD_BASE_URL}/news/boiovi-vtraty-voroha-na-${day}-${NATIONAL_MONTHS[month - 1] ?? ''}-${year}-roku` },
    { form: 'site', url: site(SITE_MONTHS[month - 1] ?? '') },
    ...(OTHER_SPELLINGS[month] ?? []).map((name) => ({ form: 'site-other-spelling', url: site(name) })),
  ];
  return candidates.filter((candidate, index) => candidates.findIndex((c) => c.url === candidate.url) === index);
}

export function modUrlsFor(date: string): string[] {
  return modUrlForms(date).map((candidate) => candidate.url);
}
