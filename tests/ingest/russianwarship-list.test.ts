import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlockedError, HttpStatusError, ParseError, UsageError } from '../../src/errors.js';
import { createTestFetcher, type TestFetcher } from '../helpers/fetcher.js';
import { fetchRussianwarshipList } from '../../src/ingest/russianwarship-list.js';
import { startServer, type TestServer } from '../helpers/server.js';

const JSON_TYPE = 'application/json';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/russianwarship/${name}`, import.meta.url), 'utf8');
}

function edited(name: string, edit: (json: any) => void): string {
  const json = JSON.parse(fixture(name));
  edit(json);
  return JSON.stringify(json);
}

/** The error a promise rejects with, so its class and exact message can be asserted. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

const RANGE = 'date_from=2022-02-25&date_to=2022-03-02';
const P1 = `/api/v2/statistics?offset=0&limit=50&${RANGE}`;
const P2 = `/api/v2/statistics?offset=50&limit=50&${RANGE}`;
const P3 = `/api/v2/statistics?offset=100&limit=50&${RANGE}`;

let server: TestServer;
let http: TestFetcher;
let baseUrl: URL;
beforeEach(async () => {
  server = await startServer({
    [P1]: { body: fixture('list-page1-2022-02-25_2022-03-02.json'), contentType: JSON_TYPE },
    [P2]: { body: fixture('list-page2-2022-02-25_2022-03-02.json'), contentType: JSON_TYPE },
    [P3]: { body: fixture('list-page3-empty.json'), contentType: JSON_TYPE },
  });
  http = createTestFetcher();
  baseUrl = new URL(server.url);
});
afterEach(async () => {
  await http.close();
  await server.close();
});

describe('fetchRussianwarshipList', () => {
  it('follows every absolute next_url onto the base URL, in order, until a page has no records', async () => {
    const result = await fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl });
    expect(server.requests).toEqual([P1, P2, P3]);
    expect(result.pages.map(({ durationMs: _, ...page }) => page)).toEqual([
      { url: `${server.url}${P1}`, finalUrl: `${server.url}${P1}`, status: 200, contentType: 'application/json', body: Buffer.from(fixture('list-page1-2022-02-25_2022-03-02.json')) },
      { url: `${server.url}${P2}`, finalUrl: `${server.url}${P2}`, status: 200, contentType: 'application/json', body: Buffer.from(fixture('list-page2-2022-02-25_2022-03-02.json')) },
      { url: `${server.url}${P3}`, finalUrl: `${server.url}${P3}`, status: 200, contentType: 'application/json', body: Buffer.from(fixture('list-page3-empty.json')) },
    ]);
  });

  it('returns the reports of all pages oldest first, without filling the missing 2022-02-26', async () => {
    const { reports } = await fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl });
    expect(reports.map((r) => [r.source, r.reportDate, r.figures.length])).toEqual([
      ['russianwarship', '2022-02-25', 5],
      ['russianwarship', '2022-02-27', 12],
      ['russianwarship', '2022-02-28', 11],
      ['russianwarship', '2022-03-01', 11],
      ['russianwarship', '2022-03-02', 11],
    ]);
    expect(reports[1]?.figures.slice(0, 3)).toEqual([
      { category: 'personnel', total: 4300, delta: null, qualifier: null, label: 'personnel_units' },
      { category: 'tanks', total: 146, delta: null, qualifier: null, label: 'tanks' },
      { category: 'afv', total: 706, delta: null, qualifier: null, label: 'armoured_fighting_vehicles' },
    ]);
    expect(reports[4]?.figures.slice(0, 2)).toEqual([
      { category: 'personnel', total: 5840, delta: 130, qualifier: null, label: 'personnel_units' },
      { category: 'tanks', total: 211, delta: 13, qualifier: null, label: 'tanks' },
    ]);
  });

  it('keeps only the days from `from` to `to` when the server sends more', async () => {
    const first = '/api/v2/statistics?offset=0&limit=50&date_from=2022-02-27&date_to=2022-03-01';
    // A mirror that ignores the date filter answers with the whole range and its own paging.
    server.set(first, { body: fixture('list-page1-2022-02-25_2022-03-02.json'), contentType: JSON_TYPE });
    const result = await fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-27', to: '2022-03-01', baseUrl });
    expect(server.requests).toEqual([first, P2, P3]);
    expect(result.reports.map((r) => r.reportDate)).toEqual(['2022-02-27', '2022-02-28', '2022-03-01']);
  });

  it('stops at a page that names no next_url', async () => {
    server.set(P1, { body: edited('list-page1-2022-02-25_2022-03-02.json', (j) => delete j.data.paging), contentType: JSON_TYPE });
    const result = await fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl });
    expect(server.requests).toEqual([P1]);
    expect(result.reports.map((r) => r.reportDate)).toEqual(['2022-02-25', '2022-02-27', '2022-02-28']);
  });

  it('returns no reports for a first page with empty records', async () => {
    server.set(P1, { body: fixture('list-page3-empty.json'), contentType: JSON_TYPE });
    const result = await fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl });
    expect([server.requests, result.reports, result.pages.length]).toEqual([[P1], [], 1]);
  });

  it('stops with a ParseError when a next_url points back at a page already fetched', async () => {
    const loop = edited('list-page2-2022-02-25_2022-03-02.json', (j) => {
      j.data.paging.next_url = `https://russianwarship.rip${P1}`;
    });
    server.set(P2, { body: loop, contentType: JSON_TYPE });
    const error = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl }));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toBe(
      `russianwarship.rip list page 2 (${server.url}${P2}) names as next_url ${server.url}${P1}, a page already fetched; stopped to avoid a loop`,
    );
    expect(server.requests).toEqual([P1, P2]);
  });

  it('stops with a ParseError after 1,000 pages that keep naming a next page', async () => {
    const page = (offset: number) => `/api/v2/statistics?offset=${offset}&limit=50&${RANGE}`;
    const record = JSON.parse(fixture('list-page1-2022-02-25_2022-03-02.json')).data.records[0];
    for (let i = 0; i <= 1000; i++) {
      const body = JSON.stringify({ message: 'ok', data: { records: [record], paging: { next_url: `https://russianwarship.rip${page((i + 1) * 50)}` } } });
      server.set(page(i * 50), { body, contentType: JSON_TYPE });
    }
    const error = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl }));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toBe(
      `russianwarship.rip list has more than 1000 pages (page 1000, ${server.url}${page(999 * 50)}, still names a next_url); stopped, the whole history fits in far fewer`,
    );
    expect(server.requests.length).toBe(1000);
  });

  it('throws an HttpStatusError for a page that answers 500', async () => {
    server.set(P2, { status: 500, body: '<html><head><title>500 Internal Server Error</title></head></html>' });
    const error = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl }));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect([(error as HttpStatusError).statusCode, error.message]).toEqual([
      500,
      `russianwarship.rip answered HTTP 500 for list page 2 (${server.url}${P2}); try again later`,
    ]);
    expect(server.requests).toEqual([P1, P2]);
  });

  it('throws a ParseError for a page that is not the API JSON', async () => {
    server.set(P2, { body: '<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>' });
    const error = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl }));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toBe(
      `russianwarship.rip list page 2 (${server.url}${P2}) is not the API's JSON: russianwarship.rip answer is not JSON (it starts with "<html> <head><title>502 Bad Gateway</title></head> <body><ce")`,
    );
  });

  it('throws a ParseError for JSON that is not a statistics answer', async () => {
    server.set(P1, { body: '{"message":"The data were fetched successfully.","data":{"current_date":"2026-08-08"}}', contentType: JSON_TYPE });
    const error = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl }));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toBe(
      `russianwarship.rip list page 1 (${server.url}${P1}) is not the API's JSON: russianwarship.rip answer holds neither a statistics record (data.date, data.stats) nor a list (data.records)`,
    );
  });

  it('throws a ParseError for a next_url that is not a URL', async () => {
    server.set(P1, { body: edited('list-page1-2022-02-25_2022-03-02.json', (j) => (j.data.paging.next_url = 'offset=50&limit=50')), contentType: JSON_TYPE });
    const error = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl }));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toBe(`russianwarship.rip list page 1 (${server.url}${P1}) names a next_url that is not a URL: "offset=50&limit=50"`);
  });

  it('throws a BlockedError for a captcha page', async () => {
    server.set(P1, { body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>' });
    const error = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-25', to: '2022-03-02', baseUrl }));
    expect(error).toBeInstanceOf(BlockedError);
    expect(error.message).toBe(
      `russianwarship.rip blocked list page 1 (${server.url}${P1}): the site answered with a bot-protection page ("Just a moment..."); nothing stored, try again later`,
    );
  });

  it('refuses a date that is not YYYY-MM-DD and a range that ends before it starts, without a request', async () => {
    const bad = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-02-30', to: '2022-03-02', baseUrl }));
    expect([bad instanceof UsageError, bad.message]).toEqual([true, 'russianwarship list: from "2022-02-30" is not a YYYY-MM-DD date']);
    const reversed = await rejection(fetchRussianwarshipList({ fetcher: http.fetcher }, { from: '2022-03-02', to: '2022-02-25', baseUrl }));
    expect([reversed instanceof UsageError, reversed.message]).toEqual([true, 'russianwarship list: from 2022-03-02 is after to 2022-02-25; give the earlier date first']);
    expect(server.requests).toEqual([]);
  });
});
