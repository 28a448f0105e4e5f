/**
 * kmu.gov.ua English copy: `.page_title` (title text and "posted 25 January 2024 08:01") then
 * `.news__item--inner.editor-content` with the heading `<p>`, a `<ul>` of `<li>` lines and
 * "Data are being updated.". List items may wrap a `<div dir="auto">`; text per block is used,
 * so the nesting does not matter.
 */
import { findPostedDate, findStatedDate } from '../../report/report-date.js';
import { assembleReport } from '../assemble.js';
import { blockLines, detectBlockPage, loadFragment, sliceBetween } from '../html.js';
import type { ParseContext, ParseOutcome } from '../types.js';

const WHAT = 'kmu.gov.ua page';

export function parseKmuPage(html: string, context: ParseContext): ParseOutcome {
  const fragment =
    sliceBetween(html, /class=["']page_title["']/, ['class="clearfix"']) ??
    sliceBetween(html, /class=["'][^"']*news__item--inner/, ['class="clearfix"']);
  if (fragment === null) {
    const blocked = detectBlockPage(html);
    if (blocked) return { status: 'blocked', reason: blocked };
    return { status: 'no_report', reason: `${WHAT} has no news article (.news__item--inner); it is not a daily report` };
  }
  const $ = loadFragment(fragment);
  const body = $('.news__item--inner');
  if (body.length === 0) {
    return { status: 'parse_error', reason: `${WHAT} has no .news__item--inner container; the page layout may have changed` };
  }
  const title = $('.page_title-text').text();
  // "posted 29 December 2023 07:58"
  const posted = findPostedDate($('.page_title-desc').text().replace(/\s+/g, ' '));
  const lines = blockLines(body.toArray());
  const stated = lines.map(findStatedDate).find((d) => d !== null) ?? findStatedDate(title);
  if (!stated) {
    return { status: 'no_report', reason: `${WHAT} is not a loss report (no "from 24.02 to …" heading)` };
  }
  return assembleReport({
    source: 'kmu',
    what: WHAT,
    lines,
    stated,
    posted,
    contextYear: posted ? Number(posted.slice(0, 4)) : null,
    context,
    defaultLanguage: 'en',
    whenEmpty: { status: 'parse_error', reason: `${WHAT} has the heading "${stated.text}" but no figure lines; the layout may have changed` },
  });
}
