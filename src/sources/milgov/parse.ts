/**
 * mil.gov.ua English daily post (2022–2023): `#article` holds `#article_heading` (h1 and the
 * `.aticle-date` publication time) and `#aticle-content` (sic) with one `<p>` per line. The
 * `#colbase2news` sidebar that follows lists other days' reports and is cut off before parsing.
 */
import { findPostedDate, findStatedDate } from '../../report/report-date.js';
import { assembleReport } from '../assemble.js';
import { blockLines, detectBlockPage, loadFragment, sliceBetween } from '../html.js';
import type { ParseContext, ParseOutcome } from '../types.js';

const WHAT = 'mil.gov.ua page';

function contextYear(posted: string | null, url: string | undefined): number | null {
  if (posted) return Number(posted.slice(0, 4));
  const fromUrl = url ? /\/news\/(\d{4})\/\d{2}\/\d{1,2}\//.exec(url) : null;
  return fromUrl ? Number(fromUrl[1]) : null;
}

export function parseMilgovPage(html: string, context: ParseContext): ParseOutcome {
  const fragment = sliceBetween(html, /id=["']?article["'\s>]/, ['id="colbase2news"', "id='colbase2news'"]);
  if (fragment === null) {
    const blocked = detectBlockPage(html);
    if (blocked) return { status: 'blocked', reason: blocked };
    return { status: 'parse_error', reason: `${WHAT} has no #article container; the page layout may have changed` };
  }
  const $ = loadFragment(fragment);
  const content = $('#aticle-content');
  if (content.length === 0) {
    return { status: 'parse_error', reason: `${WHAT} has no #aticle-content container; the page layout may have changed` };
  }
  if (content.find('h4 > a').length >= 2) {
    return { status: 'no_report', reason: `${WHAT} is a news listing, not a daily report` };
  }
  const heading = $('#article_heading h1').text();
  const lines = blockLines(content.toArray());
  const stated = findStatedDate(heading) ?? lines.map(findStatedDate).find((d) => d !== null) ?? null;
  if (stated === null) {
    return { status: 'no_report', reason: `${WHAT} is not a loss report (no "from 24.02 to …" heading)` };
  }
  // "2022-07-08 09:25:00" on the English pages, "08 липня 2022, 09:25" on the Ukrainian ones.
  const posted = findPostedDate($('.aticle-date').first().text());
  return assembleReport({
    source: 'milgov',
    what: WHAT,
    lines,
    stated,
    posted,
    contextYear: contextYear(posted, context.url),
    context,
    defaultLanguage: 'en',
    whenEmpty: { status: 'parse_error', reason: `${WHAT} has the heading "${stated.text}" but no figure lines; the layout may have changed` },
  });
}
