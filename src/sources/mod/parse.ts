/**
 * mod.gov.ua Ukrainian daily post (2026): the title "Бойові втрати ворога на 27 липня 2026 року"
 * in an `<h1>`; in the article body, the infographic `<figure>` (an `<img>` and a
 * `<figcaption>`) whose next sibling `<div>` holds the bold lead with the previous day's
 * headline numbers and the `<ul><li>` lines with nominative labels ("танки ‒ 12 225 (+8);").
 * The page's sidebar and "read also" cards quote other days' reports: only the article is read.
 */
import { parseFigureLine } from '../../report/grammar.js';
import { findStatedDate } from '../../report/report-date.js';
import { assembleReport } from '../assemble.js';
import { blockLines, detectBlockPage, loadFragment, pageTitle, sliceBetween } from '../html.js';
import type { ParseContext, ParseOutcome } from '../types.js';

const WHAT = 'mod.gov.ua page';
const ARTICLE_END_MARKERS = ['</article>', '<aside', 'class="related-news', 'class="news-sidebar'];
const TITLE_WORDS = /бойові\s+втрати\s+ворога/iu;

export function parseModPage(html: string, context: ParseContext): ParseOutcome {
  const fragment = sliceBetween(html, /<article\b/i, ARTICLE_END_MARKERS) ?? sliceBetween(html, /class=["'][^"']*news-content/, ARTICLE_END_MARKERS);
  if (fragment === null) {
    const blocked = detectBlockPage(html);
    if (blocked) return { status: 'blocked', reason: blocked };
    return { status: 'no_report', reason: `${WHAT} has no article; it is not a daily report` };
  }
  const $ = loadFragment(fragment);
  const title = $('h1').first().text().trim() || pageTitle(html);
  if (!TITLE_WORDS.test(title)) {
    return { status: 'no_report', reason: `${WHAT} is not a loss report (its title is "${title.slice(0, 120)}")` };
  }

  // The report sits in the div after the infographic (the first figure on the page can be a
  // decoration without image or caption). The layout is known from scrapers, not from saved
  // pages, so wider scopes follow in case the list sits elsewhere.
  const infographic = $('figure')
    .filter((_, el) => $(el).find('img').length > 0 && $(el).find('figcaption').length > 0)
    .first();
  const scopes: (() => object[])[] = [
    () => infographic.nextAll('div').filter((_, el) => $(el).find('li').length > 0).first().toArray(),
    () => $('.news-content').first().toArray(),
    () => $.root().toArray(),
  ];
  let lines: string[] = [];
  for (const scope of scopes) {
    const elements = scope();
    if (elements.length === 0) continue;
    const candidate = blockLines(elements);
    if (lines.length === 0) lines = candidate;
    if (candidate.some((line) => parseFigureLine(line).length > 0)) {
      lines = candidate;
      break;
    }
  }
  const stated = findStatedDate(title) ?? lines.map(findStatedDate).find((d) => d !== null) ?? null;

  return assembleReport({
    source: 'mod',
    what: WHAT,
    lines,
    stated,
    context,
    defaultLanguage: 'uk',
    whenEmpty: { status: 'parse_error', reason: `${WHAT} "${title}" has no figure lines; the page layout may have changed` },
  });
}
