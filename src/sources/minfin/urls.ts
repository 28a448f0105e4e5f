/**
 * index.minfin.com.ua "Втрати Росії": many days per page. The main page lists the current
 * month; older months sit in archives at `…/casualties/YYYY-MM/` (2025 scrapers) and, in
 * 2022–2023, at `…/casualties/month.php?month=YYYY-MM`. The Ukrainian pages are used.
 */
export const MINFIN_BASE_URL = 'https://index.minfin.com.ua';

const CASUALTIES_PATH = '/ua/russian-invading/casualties/';

/** The pages that may hold the date: its month archive (both URL forms), then the main page. */
export function minfinUrlsFor(date: string): string[] {
  const month = date.slice(0, 7);
  const base = `${MINFIN_BASE_URL}${CASUALTIES_PATH}`;
  return [`${base}${month}/`, `${base}month.php?month=${month}`, base];
}
