/**
 * russianwarship.rip public JSON API (v2): one record by date, the latest record, and the paged
 * list (`offset`/`limit`, optionally filtered by `date_from`/`date_to`), whose answers carry an
 * absolute `data.paging.next_url`.
 */
export const RUSSIANWARSHIP_BASE_URL = 'https://russianwarship.rip';

/** The page size the list is asked for; the API's own default. */
export const RUSSIANWARSHIP_PAGE_SIZE = 50;

export function russianwarshipUrlsFor(date: string): string[] {
  return [`${RUSSIANWARSHIP_BASE_URL}/api/v2/statistics/${date}`];
}

export function russianwarshipLatestUrl(): string {
  return `${RUSSIANWARSHIP_BASE_URL}/api/v2/statistics/latest`;
}

/** The first page of the list of records from `from` to `to` (both included). */
export function russianwarshipListUrl(from: string, to: string): string {
  return `${RUSSIANWARSHIP_BASE_URL}/api/v2/statistics?offset=0&limit=${RUSSIANWARSHIP_PAGE_SIZE}&date_from=${from}&date_to=${to}`;
}
