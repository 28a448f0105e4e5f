import type { ParsedReport } from '../report/types.js';

/**
 * What a source found in one document. Only `report` carries figures; the others are
 * outcomes in their own right and are never stored as figures.
 */
export type ParseOutcome =
  | { readonly status: 'report'; readonly report: ParsedReport }
  /**
   * A readable page with no report: a listing, an unrelated page, or (`otherDays`) reports of
   * other days only.
   */
  | { readonly status: 'no_report'; readonly reason: string; readonly otherDays?: boolean }
  /** A captcha or bot-protection page. */
  | { readonly status: 'blocked'; readonly reason: string }
  /** A page that should hold a report but whose layout the parser does not know. */
  | { readonly status: 'parse_error'; readonly reason: string }
  /** A report whose date neither the document nor the caller gives. */
  | { readonly status: 'undated'; readonly reason: string };

export interface ParseContext {
  /** The URL the document was fetched from, when known (2022 headings need its year). */
  readonly url?: string;
  /** The report date the caller expects; a document for another date is not this report. */
  readonly date?: string;
}

/** Every outcome that is not a report. */
export type NotAReport = Exclude<ParseOutcome, { readonly status: 'report' }>;

/**
 * What a source found in one document that may hold many days (an aggregator page, an API
 * list): the reports, oldest first, or the outcome that explains why there is none. With a
 * date in the context, only that date's report.
 */
export type DocumentOutcome = { readonly status: 'reports'; readonly reports: readonly ParsedReport[] } | NotAReport;

export type SourceId = 'mod' | 'milgov' | 'kmu' | 'minfin' | 'russianwarship' | 'text';

export interface SourceAdapter {
  readonly id: SourceId;
  /** Human name used in messages ("mod.gov.ua"). */
  readonly title: string;
  /** What its documents are: an HTML page, a JSON response or plain text. */
  readonly media: 'html' | 'json' | 'text';
  parse(document: string, context: ParseContext): DocumentOutcome;
}

/** A source whose daily documents sit at URLs derived from the date. */
export interface FetchableSource extends SourceAdapter {
  readonly defaultBaseUrl: string;
  /** Environment variable that overrides `defaultBaseUrl`. */
  readonly baseUrlVariable: string;
  /** Candidate URLs for a report date, most likely first, on `defaultBaseUrl`. */
  urlsFor(date: string): string[];
  /**
   * The same candidates with the form of address each is written in, for a source whose
   * addresses come in several forms: the form that last answered is tried first next time.
   */
  urlForms?(date: string): UrlCandidate[];
  /** The site's listing of posts, where a post whose address fits no form is found by its title. */
  readonly listing?: SourceListing;
}

/** A site's listing of posts, newest first, page after page. */
export interface SourceListing {
  /** The listing's first page on a base URL. */
  firstPage(base: string): string;
  /** The posts a page links to, by report date, and its next page. */
  parse(html: string, pageUrl: string): { readonly posts: readonly { readonly date: string; readonly url: string }[]; readonly next: string | null };
}

/** A candidate URL and the form of address it is written in ("national", "site"). */
export interface UrlCandidate {
  readonly form: string;
  readonly url: string;
}
