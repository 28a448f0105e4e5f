/**
 * Which redirects the client follows: at most `MAX_REDIRECTS` hops, each within the host of the
 * URL asked for (a source's own site, or the mirror given as its base URL).
 *
 * "Host" is the URL's `host`, port included, so that a mirror on 127.0.0.1:8080 is not the same
 * as a server on 127.0.0.1:8081. The one alias is the `www.` form of the same name
 * (mod.gov.ua ⇄ www.mod.gov.ua): sites move between the two, and it is the same operator. The
 * scheme may change (http → https). Any other host is not the source: its page would be stored
 * as the source's evidence, and a name that does not resolve there would read as the source
 * being down, so such a redirect is refused before anything is sent to it.
 */

/** Redirects followed for one request; the response after the last one is returned as it is. */
export const MAX_REDIRECTS = 5;

/** The statuses that redirect a GET; 300 and 304 are answers of their own. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Where a response redirects to, resolved against the URL that gave it; null when it is no
 * redirect, or names no single readable Location (the caller then judges the status).
 */
export function redirectTarget(status: number, location: string | string[] | undefined, from: string): URL | null {
  if (!REDIRECT_STATUSES.has(status) || typeof location !== 'string') return null;
  return URL.canParse(location, from) ? new URL(location, from) : null;
}

/** The host without a leading `www.`: the name and its www. alias compare equal. */
function siteOf(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

/** Whether a redirect from a request for `asked` may be followed to `target`. */
export function withinHost(asked: URL, target: URL): boolean {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
  return siteOf(asked.host) === siteOf(target.host);
}
