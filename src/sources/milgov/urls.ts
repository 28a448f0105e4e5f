/**
 * mil.gov.ua English daily posts have a slug built from the date, in three forms: no year
 * (2022), two-digit years (2023-01-01 to 2023-03-02) and four-digit years (from 2023-03-03).
 */
export const MILGOV_BASE_URL = 'https://www.mil.gov.ua';

export function milgovUrlsFor(date: string): string[] {
  const [year = '', month = '', day = ''] = date.split('-');
  const path = `/en/news/${year}/${month}/${day}/the-total-combat-losses-of-the-enemy-from-24-02`;
  let slug: string;
  if (year === '2022') slug = `${path}-to-${day}-${month}/`;
  else if (date < '2023-03-03') slug = `${path}-22-to-${day}-${month}-${year.slice(2)}/`;
  else slug = `${path}-2022-to-${day}-${month}-${year}/`;
  return [`${MILGOV_BASE_URL}${slug}`];
}
