/**
 * Fetches one day's report from one source and stores it. Each URL tried is a `fetches` row
 * with its outcome; only a parsed report becomes figures. Failures come back as typed errors
 * whose messages say what happened and what to do.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { daysBetween, kyivDate } from '../dates.js';
import {
  BlockedError,
  HttpStatusError,
  NetworkError,
  NoReportError,
  NotPublishedError,
  ParseError,
} from '../errors.js';
import { decodeBody, HttpFailure, type HttpResponse } from '../http/client.js';
import { conditionalHeaders, validatorsOf } from '../http/conditional.js';
import type { PoliteFetcher } from '../http/polite.js';
import { redirectTarget } from '../http/redirects.js';
import { lastValidators } from '../db/evidence.js';
import { rememberedForm, rememberForm, type FoundVia } from '../db/url-forms.js';
import { nextTurn } from '../next-turn.js';
import { rebaseUrl } from '../sources/base-url.js';
import type { FetchableSource, SourceListing } from '../sources/types.js';
import { recordFailedAttempt, recordNotModified, storeReport, storeReportUnchecked, type FailedAttempt, type FetchEvidence, type StoreResult } from './store.js';

export interface IngestDeps {
  readonly db: Kysely<Database>;
  /** The polite fetch path: retries, pacing per host. */
  readonly fetcher: PoliteFetcher;
  readonly now: () => Date;
  /** Aborted when the process is stopping: the fetch in flight ends and nothing more starts. */
  readonly stop?: AbortSignal;
}

export interface IngestRequest {
  readonly source: FetchableSource;
  readonly date: string;
  /** Replaces scheme and host of the source's URLs (a mirror serving the same paths). */
  readonly baseUrl?: URL;
  /**
   * Store without running the checks (a backfill runs them once at its end); the findings of
   * the result are then empty.
   */
  readonly deferChecks?: boolean;
  /** Other days to store too when the document holds them (a month page of an aggregator). */
  readonly alsoStore?: ReadonlySet<string>;
}

export interface IngestResult extends StoreResult {
  /** The days of `alsoStore` the document held, with what storing them did. */
  readonly also?: readonly { readonly date: string; readonly outcome: 'stored' | 'unchanged' }[];
  readonly source: string;
  readonly date: string;
  /** The URL the report was read from: the one asked for, or where redirects within its host led. */
  readonly url: string;
  readonly figureCount: number;
  readonly warnings: readonly string[];
}

const NOT_FOUND = new Set([404, 410]);

function describeFailure(title: string, date: string, url: string, error: HttpFailure): [FailedAttempt['outcome'], string] {
  switch (error.failure) {
    case 'unreachable':
      return ['network_error', `${title} could not be reached for ${date}: ${error.message}; check the network or the base URL`];
    case 'timeout':
      return ['network_error', `${title} was too slow for ${date}: ${error.message}; try again later`];
    case 'redirect_loop':
      return ['http_error', `${title} gave no page for ${date}: ${error.message}; check the base URL`];
    case 'redirect_off_host':
      return ['http_error', `${title} redirected the request for ${date} (${url}) to another host, ${error.location}; not followed`];
    case 'too_large':
    case 'bad_encoding':
      return ['http_error', `${title} gave no readable page for ${date}: ${error.message}`];
  }
}

/** How many pages of a listing are read, at most, for one day's post. */
const MAX_LISTING_PAGES = 10;
/**
 * How far back a listing is searched: its pages hold the latest weeks, and a backfill of years
 * must not read ten listing pages for every day the site never had.
 */
const LISTING_REACH_DAYS = 30;

/**
 * The address of the day's post in a site's listing, newest page first and older ones after,
 * as far back as the day needs: null when the listing does not link to it (or cannot be read).
 */
async function findInListing(deps: IngestDeps, listing: SourceListing, date: string, firstPage: string, rebased: (url: string) => string): Promise<string | null> {
  let page: string | null = firstPage;
  for (let read = 0; page !== null && read < MAX_LISTING_PAGES; read++) {
    let response: HttpResponse;
    try {
      response = await deps.fetcher.fetch(page, deps.stop ? { stop: deps.stop } : {});
    } catch (error) {
      if (error instanceof HttpFailure) return null;
      throw error;
    }
    if (response.status < 200 || response.status >= 300) return null;
    const listed = listing.parse(decodeBody(response.body, response.headers['content-type'] ?? undefined), response.finalUrl);
    const post = listed.posts.find((p) => p.date === date);
    if (post) return rebased(post.url);
    // The listing runs newest first: a page of posts all older than the day is past it.
    if (listed.posts.length > 0 && listed.posts.every((p) => p.date < date)) return null;
    page = listed.next === null ? null : rebased(listed.next);
  }
  return null;
}

export async function ingestReport(deps: IngestDeps, request: IngestRequest): Promise<IngestResult> {
  const { db, fetcher } = deps;
  const { source, date } = request;
  const candidates = source.urlForms?.(date) ?? source.urlsFor(date).map((url) => ({ form: '', url }));
  // The form of address that answered last time is asked first (a site that changed its slugs).
  const preferred = source.urlForms ? await rememberedForm(db, source.id) : null;
  const ordered = preferred === null ? candidates : [...candidates.filter((c) => c.form === preferred), ...candidates.filter((c) => c.form !== preferred)];
  const urls = ordered.map((c) => ({ form: c.form, url: request.baseUrl ? rebaseUrl(c.url, request.baseUrl) : c.url }));
  const notFound: string[] = [];
  /** Pages that answered with other days only. */
  const lacking: string[] = [];

  /** One address tried: the result when it gave the day's report, undefined to go on with the next. */
  const attempt = async (form: string, url: string, via: FoundVia): Promise<IngestResult | undefined> => {
    let fetchedAt = deps.now().toISOString();
    const record = (outcome: FailedAttempt['outcome'], error: string, response: HttpResponse | null, keepBody: boolean, extra: Partial<FetchEvidence> = {}) =>
      recordFailedAttempt(db, {
        source: source.id,
        reportDate: date,
        fetch: { url, finalUrl: response?.finalUrl ?? url, httpStatus: response?.status ?? null, durationMs: response?.durationMs ?? null, fetchedAt, ...extra },
        outcome,
        document: response && keepBody ? { body: response.body, contentType: response.headers['content-type'] ?? null } : null,
        error,
        now: fetchedAt,
      });

    // Only a page that gave a report is asked for conditionally: an unchanged page then costs a 304.
    // A backfill fetches days not stored yet: there is nothing to be conditional on.
    const validators = request.deferChecks ? null : await lastValidators(db, url);
    let response: HttpResponse;
    try {
      response = await fetcher.fetch(url, {
        ...(deps.stop ? { stop: deps.stop } : {}),
        headers: conditionalHeaders(validators),
        onAttempt: async (attempt) => {
          if (!attempt.willRetry) return;
          // Every attempt is a fetches row; the one that ends the fetch is recorded below.
          const reason = attempt.failure ? attempt.failure.message : `HTTP ${attempt.status}`;
          await record(attempt.failure ? 'network_error' : 'http_error', `${reason}; retrying in ${Math.ceil((attempt.retryInMs ?? 0) / 1000)} s`, null, false, {
            finalUrl: attempt.finalUrl,
            httpStatus: attempt.status,
            durationMs: attempt.durationMs,
          });
          fetchedAt = deps.now().toISOString();
        },
      });
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      const [outcome, message] = describeFailure(source.title, date, url, error);
      await record(outcome, message, null, false, { finalUrl: error.finalUrl });
      throw new NetworkError(message, { cause: error });
    }
    if (response.status === 304 && validators) {
      const unchanged = await recordNotModified(db, { source: source.id, date, url, finalUrl: response.finalUrl, fetchedAt, durationMs: response.durationMs, validators });
      if (unchanged) return { ...unchanged, source: source.id, date, url: response.finalUrl, warnings: [] };
    }
    if (NOT_FOUND.has(response.status)) {
      notFound.push(url);
      const today = kyivDate(deps.now());
      await record(date >= today ? 'not_published' : 'http_error', `HTTP ${response.status}`, response, false);
      return undefined;
    }
    if (response.status < 200 || response.status >= 300) {
      // A redirect comes back only when the client stopped following (too many hops); other 3xx have no Location to follow.
      const redirect = response.status >= 300 && response.status < 400;
      const message = !redirect
        ? `${source.title} answered HTTP ${response.status} for ${date} (${url}); try again later`
        : redirectTarget(response.status, response.headers['location'], response.finalUrl)
          ? `${source.title} redirected the request for ${date} (${url}) too many times (HTTP ${response.status}); check the base URL`
          : `${source.title} answered HTTP ${response.status} for ${date} (${url}) without a redirect to follow; check the base URL`;
      // Error pages are not evidence of a report: only the status is kept.
      await record('http_error', message, response, false);
      throw new HttpStatusError(response.status, message);
    }

    // Parsing and storing hold the thread for a few milliseconds: first let the other requests
    // in flight (a backfill's) be read and the next ones sent, or the network idles meanwhile.
    await nextTurn();
    const contentType = response.headers['content-type'] ?? null;
    const text = decodeBody(response.body, contentType ?? undefined);
    // With other days wanted, the whole document is read, not only the day asked for.
    const outcome = source.parse(text, request.alsoStore ? { url } : { url, date });
    switch (outcome.status) {
      case 'reports': {
        // A document with many days (an aggregator page) gives them all; this run stores the one asked for.
        const report = outcome.reports.find((r) => r.reportDate === date);
        if (!report) {
          const message = `${source.title} has no report for ${date} at ${url}: the document holds ${outcome.reports.map((r) => r.reportDate).join(', ')}`;
          await record('no_report', message, response, true);
          lacking.push(message);
          return undefined;
        }
        const store = request.deferChecks ? storeReportUnchecked : storeReport;
        const stored = await store(db, {
          report,
          origin: response.finalUrl,
          document: { body: response.body, contentType },
          fetch: { url, finalUrl: response.finalUrl, httpStatus: response.status, durationMs: response.durationMs, fetchedAt, ...validatorsOf(response) },
          now: fetchedAt,
        });
        const also = [];
        for (const other of outcome.reports) {
          if (other === report || !request.alsoStore?.has(other.reportDate)) continue;
          const result = await store(db, { report: other, origin: response.finalUrl, document: null, documentHash: stored.documentSha256 ?? undefined, fetch: null, now: fetchedAt });
          also.push({ date: other.reportDate, outcome: result.outcome });
        }
        if (form !== '') await rememberForm(db, { source: source.id, form, url, reportDate: date, answeredAt: fetchedAt, foundVia: via });
        return {
          ...stored,
          also,
          source: source.id,
          date,
          url: response.finalUrl,
          figureCount: report.figures.length,
          warnings: report.warnings.map((w) => w.message),
        };
      }
      case 'blocked': {
        const message = `${source.title} blocked the request for ${date}: ${outcome.reason}; nothing stored, try again later or use another source`;
        await record('blocked', message, response, true);
        throw new BlockedError(message);
      }
      case 'no_report': {
        const message = `${source.title} has no report for ${date} at ${url}: ${outcome.reason}`;
        await record('no_report', message, response, true);
        if (!outcome.otherDays) throw new NoReportError(message);
        // Other days only: the next candidate may hold this one (a month archive, then the main page).
        lacking.push(message);
        return undefined;
      }
      case 'parse_error':
      case 'undated': {
        const message = `${source.title} page for ${date} could not be read: ${outcome.reason}; the document is kept, nothing stored`;
        await record('parse_error', message, response, true);
        throw new ParseError(message);
      }
    }
    return undefined;
  };

  for (const { form, url } of urls) {
    const result = await attempt(form, url, 'address');
    if (result) return result;
  }
  // Every address answered 404: the post may sit at an address of a form no candidate knows,
  // which the site's listing links to by the post's title.
  if (source.listing && notFound.length === urls.length && daysBetween(date, kyivDate(deps.now())) <= LISTING_REACH_DAYS) {
    const base = request.baseUrl?.toString() ?? source.defaultBaseUrl;
    const rebased = (url: string) => (request.baseUrl ? rebaseUrl(url, request.baseUrl) : url);
    const post = await findInListing(deps, source.listing, date, rebased(source.listing.firstPage(base)), rebased);
    if (post) {
      const result = await attempt(urls.find((candidate) => candidate.url === post)?.form ?? 'listing', post, 'listing');
      if (result) return result;
    }
  }

  const today = kyivDate(deps.now());
  const tried = notFound.length === 1 ? notFound[0] : `${notFound.length} URLs, first ${notFound[0]}`;
  if (date >= today) {
    const where = notFound.length > 0 ? `404 at ${tried}` : `${urls.length} page(s) hold other days`;
    throw new NotPublishedError(`${source.title} has not published the report for ${date} yet (${where}); try again later`);
  }
  if (lacking.length > 0) throw new NoReportError(lacking[0] ?? '');
  throw new HttpStatusError(404, `${source.title} has no report for ${date} (404 at ${tried}); try another source with --source`);
}
