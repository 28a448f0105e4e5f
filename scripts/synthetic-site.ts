/**
 * A local stand-in for the sites the worker follows, over a synthetic history: mod.gov.ua's
 * daily posts and russianwarship.rip's API (one day, and the paged list), on one HTTP server on
 * port 0. A day's report exists once `published` says so; `fault` can answer any request with
 * something else (a 503, a captcha page, a hanging connection). Every request is recorded with
 * the time the caller's clock showed. Used by the worker's tests and by `npm run soak`.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { modUrlsFor } from '../src/sources/mod/urls.js';
import { russianwarshipUrlsFor } from '../src/sources/russianwarship/urls.js';
import { modListingPage, modPage, russianwarshipDayAnswer, russianwarshipListAnswer, type SyntheticDay } from './synthetic.js';

export type SiteSource = 'mod' | 'russianwarship';

export interface SiteRequest {
  readonly path: string;
  /** The source the path belongs to, and the report date it asks for (null for the list). */
  readonly source: SiteSource | null;
  readonly date: string | null;
  /** The instant the site's clock showed when the request came. */
  readonly at: Date;
}

/** What to answer instead of the page: a status with a body, a captcha page, or no answer at all. */
export type SiteFault = { readonly status: number; readonly body?: string; readonly headers?: Record<string, string> } | 'captcha' | 'hang';

export interface SiteOptions {
  /** The days the site knows; a day is served only once published. */
  readonly days: readonly SyntheticDay[];
  /** Whether a day's report is out yet on a source (default: every day is). */
  readonly published?: (source: SiteSource, date: string, at: Date) => boolean;
  /** A fault to answer a request with, or null for the normal answer. */
  readonly fault?: (request: SiteRequest) => SiteFault | null;
  /** The site's clock (the worker's, when it runs faster than real time). */
  readonly now?: () => Date;
  /** Replaces a day's figures as a source prints them (a typo), before the page is built. */
  readonly edit?: (source: SiteSource, day: SyntheticDay) => SyntheticDay;
  /** Pages served as they are at their paths (real-looking pages of some days), before anything else. */
  readonly pages?: Readonly<Record<string, { readonly body: string; readonly source: SiteSource; readonly date: string }>>;
  /**
   * Where mod.gov.ua's posts are: at every address form losstally guesses (`guessed`, the
   * default), or only under slugs no form guesses, reachable through the `/news` listing
   * (`listed`; 10 posts a page, newest first, `/news?page=N` the older ones).
   */
  readonly modPosts?: 'guessed' | 'listed';
  /** The port to listen on; default 0, any free port. */
  readonly port?: number;
}

export interface SyntheticSite {
  readonly url: string;
  readonly requests: SiteRequest[];
  close(): Promise<void>;
}

const CAPTCHA = '<html><head><title>ShieldSquare Captcha</title></head><body><form action="https://validate.perfdrive.com/captcha"></form></body></html>';

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

export async function startSyntheticSite(options: SiteOptions): Promise<SyntheticSite> {
  const now = options.now ?? (() => new Date());
  const byPath = new Map<string, { source: SiteSource; day: SyntheticDay }>();
  const listed = options.modPosts === 'listed';
  /** A listed post's slug: a form no candidate of losstally's takes. */
  const listedPath = (date: string) => `/news/vtraty-okupantiv-${date}`;
  for (const day of options.days) {
    // Guessed: every candidate slug of the day serves it (the site's older spelling and the national one).
    if (listed) byPath.set(listedPath(day.date), { source: 'mod', day });
    else for (const url of modUrlsFor(day.date)) byPath.set(pathOf(url), { source: 'mod', day });
    for (const url of russianwarshipUrlsFor(day.date)) byPath.set(pathOf(url), { source: 'russianwarship', day });
  }
  const requests: SiteRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const edited = (source: SiteSource, day: SyntheticDay) => (options.edit ? options.edit(source, day) : day);
  const isPublished = (source: SiteSource, date: string, at: Date) => options.published?.(source, date, at) ?? true;

  const answer = (res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': contentType, ...headers });
    res.end(body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const at = now();
    const known = byPath.get(path) ?? (options.pages?.[path] ? { source: options.pages[path].source, day: { date: options.pages[path].date, figures: [] } } : undefined);
    const listPath = new URL(path, 'http://site').pathname === '/api/v2/statistics';
    const modListing = listed && new URL(path, 'http://site').pathname === '/news';
    const request: SiteRequest = { path, source: known?.source ?? (listPath ? 'russianwarship' : modListing ? 'mod' : null), date: known?.day.date ?? null, at };
    requests.push(request);

    const fault = options.fault?.(request) ?? null;
    if (fault === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault === 'captcha') return answer(res, 200, CAPTCHA, 'text/html; charset=utf-8');
    if (fault) return answer(res, fault.status, fault.body ?? `HTTP ${fault.status}`, 'text/html; charset=utf-8', fault.headers);

    const page = options.pages?.[path];
    if (page) return answer(res, 200, page.body, page.source === 'mod' ? 'text/html; charset=utf-8' : 'application/json');
    if (modListing) {
      const posts = options.days
        .filter((d) => isPublished('mod', d.date, at))
        .map((d) => ({ date: d.date, path: listedPath(d.date) }))
        .reverse();
      const page = Number(new URL(path, 'http://site').searchParams.get('page') ?? '1');
      const next = page * 10 < posts.length ? `/news?page=${page + 1}` : null;
      return answer(res, 200, modListingPage(posts.slice((page - 1) * 10, page * 10), next), 'text/html; charset=utf-8');
    }
    if (listPath) {
      const days = options.days.filter((d) => isPublished('russianwarship', d.date, at)).map((d) => edited('russianwarship', d));
      return answer(res, 200, russianwarshipListAnswer(days, path) ?? '', 'application/json');
    }
    if (!known || !isPublished(known.source, known.day.date, at)) {
      if (known?.source === 'russianwarship') return answer(res, 404, JSON.stringify({ message: 'Not found.' }), 'application/json');
      return answer(res, 404, '<html><head><title>404</title></head><body><h1>Сторінку не знайдено</h1></body></html>', 'text/html; charset=utf-8');
    }
    const day = edited(known.source, known.day);
    if (known.source === 'mod') return answer(res, 200, modPage(day), 'text/html; charset=utf-8');
    return answer(res, 200, russianwarshipDayAnswer(day), 'application/json');
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
