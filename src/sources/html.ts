/**
 * HTML helpers shared by the page sources. Pages are large and the report is a small part of
 * them, so a source first cuts out the article container with a string search and parses only
 * that fragment, with htmlparser2 (much faster than the default parse5 and lenient enough for
 * these pages).
 */
import { load, type CheerioAPI } from 'cheerio/slim';

/** The parts of a parsed DOM node that text extraction reads. */
interface DomNode {
  readonly type: string;
  readonly data?: string;
  readonly name?: string;
  readonly children?: readonly DomNode[];
}

/**
 * The part of a page from the first `start` marker to the first `end` marker after it (or to the
 * end of the page); null when the start marker is absent. Cutting at a marker that follows the
 * article also keeps sidebars with other days' reports out of the parse.
 */
export function sliceBetween(html: string, start: string | RegExp, ends: readonly string[]): string | null {
  let from: number;
  if (typeof start === 'string') {
    from = html.indexOf(start);
  } else {
    const match = start.exec(html);
    from = match ? match.index : -1;
  }
  if (from < 0) return null;
  // Back up to the "<" of the tag that holds the marker, so the fragment starts with that tag.
  const tagStart = html.lastIndexOf('<', from);
  const begin = tagStart >= 0 ? tagStart : from;
  let end = html.length;
  for (const marker of ends) {
    const at = html.indexOf(marker, from);
    if (at >= 0 && at < end) end = at;
  }
  return html.slice(begin, end);
}

export function loadFragment(html: string): CheerioAPI {
  return load(html, null, false);
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'section', 'table', 'td', 'th', 'tr', 'ul',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'img', 'svg']);

function collectText(node: DomNode, out: string[]): void {
  if (node.type === 'text') {
    // Line breaks inside a text node are source formatting; only block elements end a line.
    out.push((node.data ?? '').replace(/\s+/gu, ' '));
    return;
  }
  if (node.type === 'root') {
    for (const child of node.children ?? []) collectText(child, out);
    return;
  }
  // Script and style elements have node types of their own and are skipped with comments.
  if (node.type !== 'tag') return;
  const name = (node.name ?? '').toLowerCase();
  if (SKIPPED_TAGS.has(name)) return;
  const block = BLOCK_TAGS.has(name);
  if (block) out.push('\n');
  for (const child of node.children ?? []) collectText(child, out);
  if (block) out.push('\n');
}

/**
 * The visible text of an element as lines, one per block (paragraph, list item, div, line
 * break), with runs of white space collapsed: a `<p>` re-indented over several source lines is
 * one line; an `<li>` wrapping a `<div dir="auto">` is one line.
 */
export function blockLines(elements: ArrayLike<object>): string[] {
  const out: string[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i] as DomNode | undefined;
    if (element) collectText(element, out);
  }
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u202f\u2009]+/gu, ' ').trim())
    .filter((line) => line !== '');
}

export function pageTitle(html: string): string {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return match?.[1] ? loadFragment(match[1]).root().text().replace(/\s+/g, ' ').trim() : '';
}

const BLOCK_TITLES = /captcha|attention required|just a moment|access denied|are you a robot|verify you are human|bot verification|checking your browser|ddos-guard/i;
const BLOCK_MARKERS = /shieldsquare|perfdrive\.com|_cf_chl_opt|cf-browser-verification|g-recaptcha|hcaptcha\.com|captcha-delivery\.com/i;

/**
 * Why a page is a bot-protection or captcha page rather than content, or null when it is not.
 * Called only when the expected article is absent, so a captcha widget in a normal page's
 * comment form is never mistaken for a block.
 */
export function detectBlockPage(html: string): string | null {
  const title = pageTitle(html);
  if (BLOCK_TITLES.test(title)) return `the site answered with a bot-protection page ("${title}")`;
  const marker = BLOCK_MARKERS.exec(html);
  if (marker) return `the site answered with a bot-protection page (it mentions "${marker[0]}")`;
  return null;
}
