/**
 * mod.gov.ua's news listing (`/news` and its next pages): the way to a day's post when its
 * address follows no form losstally knows. A post is found by its link text, "Бойові втрати
 * ворога на 27 липня 2026 року", whatever its slug; the next page by a link marked rel="next"
 * or labelled as the next page.
 */
import { findStatedDate, resolveStatedDate } from '../../report/report-date.js';
import { loadFragment } from '../html.js';

export interface ListedPost {
  readonly date: string;
  readonly url: string;
}

export interface ListingPage {
  /** The daily loss posts the page links to, with their dates. */
  readonly posts: readonly ListedPost[];
  /** The next (older) page, or null. */
  readonly next: string | null;
}

/** The title of a daily loss post, as its link shows it. */
const POST_TITLE = /^Бойові втрати ворога на \d{1,2} \S+ \d{4} року$/iu;
const NEXT_WORDS = new Set(['наступна', 'наступна сторінка', 'далі', 'next', '›', '»', '→']);

/** The first page of the news listing on a base URL. */
export function modListingUrl(base: string): string {
  return new URL('/news', base).toString();
}

/** The daily loss posts a listing page links to, and its next page. */
export function parseModListing(html: string, pageUrl: string): ListingPage {
  const $ = loadFragment(html);
  const posts: ListedPost[] = [];
  let next: string | null = null;
  $('a[href]').each((_, element) => {
    const link = $(element);
    const text = link.text().replace(/\s+/gu, ' ').trim();
    const href = link.attr('href') ?? '';
    let url: string;
    try {
      url = new URL(href, pageUrl).toString();
    } catch {
      return;
    }
    if (POST_TITLE.test(text)) {
      const stated = findStatedDate(text);
      const date = stated ? resolveStatedDate(stated, null) : null;
      if (date && !posts.some((post) => post.url === url)) posts.push({ date, url });
    } else if (next === null && ((link.attr('rel') ?? '').split(/\s+/u).includes('next') || NEXT_WORDS.has(text.toLowerCase()))) {
      next = url;
    }
  });
  return { posts, next };
}
