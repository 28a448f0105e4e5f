/**
 * The I/O side of the russianwarship.rip list: fetch the first page of `/api/v2/statistics`
 * for a date range, follow `data.paging.next_url` (absolute URLs on russianwarship.rip, moved
 * onto the base URL when one is given) until a page holds no records or names no next page,
 * and return every report in the range together with every page fetched (the evidence).
 *
 * Days missing from the API's series (2022-02-26) are not filled: the checks report them as
 * gaps. The list is assumed to be short (about 35 pages of 50 for the whole war); a next_url
 * that points at a page already fetched, or more than 1,000 pages, stops with a ParseError.
 */
import { BlockedError, HttpStatusError, ParseError, UsageError } from '../errors.js';
import { decodeBody } from '../http/client.js';
import type { PoliteFetcher } from '../http/polite.js';
import { isIsoDate } from '../dates.js';
import type { ParsedReport } from '../report/types.js';
import { rebaseUrl } from '../sources/base-url.js';
import { nextPageUrl, parseRussianwarshipDocument } from '../sources/russianwarship/parse.js';
import { russianwarshipListUrl } from '../sources/russianwarship/urls.js';

/** More pages than the whole history can fill; beyond it the paging is broken. */
export const RUSSIANWARSHIP_MAX_PAGES = 1000;

export interface RussianwarshipListRequest {
  /** First report date wanted (YYYY-MM-DD). */
  readonly from: string;
  /** Last report date wanted (YYYY-MM-DD), included. */
  readonly to: string;
  /** A mirror that serves the API's paths; every URL, next_url included, is moved onto it. */
  readonly baseUrl?: URL;
}

export interface RussianwarshipPage {
  /** The URL asked for. */
  readonly url: string;
  /** The URL that answered: `url`, or where redirects within its host led. */
  readonly finalUrl: string;
  readonly status: number;
  readonly body: Buffer;
  readonly contentType: string | null;
  readonly durationMs: number;
}

export interface RussianwarshipListResult {
  /** The reports dated from `from` to `to`, oldest first. */
  readonly reports: ParsedReport[];
  /** Every page fetched, in order. */
  readonly pages: RussianwarshipPage[];
}

export async function fetchRussianwarshipList(
  deps: {
    fetcher: PoliteFetcher;
    /** Aborted when the process is stopping. */
    stop?: AbortSignal;
    /** Called with each page and its reports in the range, before the next page is fetched. */
    onPage?: (page: RussianwarshipPage, reports: readonly ParsedReport[]) => Promise<void>;
  },
  request: RussianwarshipListRequest,
): Promise<RussianwarshipListResult> {
  const { from, to, baseUrl } = request;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!isIsoDate(value)) throw new UsageError(`russianwarship list: ${name} "${value}" is not a YYYY-MM-DD date`);
  }
  if (from > to) throw new UsageError(`russianwarship list: from ${from} is after to ${to}; give the earlier date first`);
  const onBase = (url: string) => (baseUrl ? rebaseUrl(url, baseUrl) : url);

  const pages: RussianwarshipPage[] = [];
  const reports: ParsedReport[] = [];
  const fetched = new Set<string>();
  let url: string | null = onBase(russianwarshipListUrl(from, to));

  while (url !== null) {
    const number = pages.length + 1;
    const response = await deps.fetcher.fetch(url, deps.stop ? { stop: deps.stop } : {});
    fetched.add(url);
    const page = { url, finalUrl: response.finalUrl, status: response.status, body: response.body, contentType: response.headers['content-type'] ?? null, durationMs: response.durationMs };
    pages.push(page);
    if (response.status !== 200) {
      throw new HttpStatusError(response.status, `russianwarship.rip answered HTTP ${response.status} for list page ${number} (${url}); try again later`);
    }

    const text = decodeBody(response.body, response.headers['content-type']);
    const outcome = parseRussianwarshipDocument(text, {});
    if (outcome.status === 'blocked') {
      throw new BlockedError(`russianwarship.rip blocked list page ${number} (${url}): ${outcome.reason}; nothing stored, try again later`);
    }
    if (outcome.status === 'parse_error' || outcome.status === 'undated') {
      throw new ParseError(`russianwarship.rip list page ${number} (${url}) is not the API's JSON: ${outcome.reason}`);
    }
    // 'no_report': a page without records ends the list.
    if (outcome.status !== 'reports') break;
    const inRange = outcome.reports.filter((r) => r.reportDate >= from && r.reportDate <= to);
    reports.push(...inRange);
    if (deps.onPage) await deps.onPage(page, inRange);

    const next = nextPageUrl(text);
    if (next === null) break;
    if (!URL.canParse(next)) {
      throw new ParseError(`russianwarship.rip list page ${number} (${url}) names a next_url that is not a URL: ${JSON.stringify(next)}`);
    }
    const nextUrl = onBase(next);
    if (fetched.has(nextUrl)) {
      throw new ParseError(`russianwarship.rip list page ${number} (${url}) names as next_url ${nextUrl}, a page already fetched; stopped to avoid a loop`);
    }
    if (pages.length >= RUSSIANWARSHIP_MAX_PAGES) {
      throw new ParseError(`russianwarship.rip list has more than ${RUSSIANWARSHIP_MAX_PAGES} pages (page ${number}, ${url}, still names a next_url); stopped, the whole history fits in far fewer`);
    }
    url = nextUrl;
  }

  reports.sort((a, b) => (a.reportDate < b.reportDate ? -1 : a.reportDate > b.reportDate ? 1 : 0));
  return { reports, pages };
}
