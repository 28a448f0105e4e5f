/**
 * A deterministic synthetic history of the daily report and the mod.gov.ua pages for it: the
 * inputs of `npm run bench` and of the backfill tests. The figures are made up (they grow like
 * the real series); the page structure is the one the mod parser reads.
 */
import { addDays } from '../src/dates.js';

export const SYNTHETIC_CATEGORIES = [
  ['personnel', 'військовослужбовці'],
  ['tanks', 'танки'],
  ['afv', 'бойові броньовані машини'],
  ['artillery', 'артилерійські системи'],
  ['mlrs', 'РСЗВ'],
  ['air_defense', 'засоби ППО'],
  ['aircraft', 'літаки'],
  ['helicopters', 'гелікоптери'],
  ['uav', 'БПЛА оперативно-тактичного рівня'],
  ['cruise_missiles', 'крилаті ракети'],
  ['ships', 'кораблі/катери'],
  ['submarines', 'підводні човни'],
  ['vehicles_fuel', 'автомобільна техніка та автоцистерни'],
  ['special_equipment', 'спеціальна техніка'],
  ['ground_robots', 'наземні робототехнічні комплекси'],
] as const;

export interface SyntheticDay {
  readonly date: string;
  readonly figures: readonly { readonly category: string; readonly label: string; readonly total: number; readonly delta: number }[];
}

/** mulberry32, so every run builds the same history: numbers in [0, 1) from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticHistory(days: number, start = '2022-02-25', seed = 20220224): SyntheticDay[] {
  const rand = seededRandom(seed);
  const totals = SYNTHETIC_CATEGORIES.map((_, i) => (i === 0 ? 2800 : 10 * (i + 1)));
  const history: SyntheticDay[] = [];
  for (let day = 0; day < days; day++) {
    const figures = SYNTHETIC_CATEGORIES.map(([category, label], i) => {
      const scale = i === 0 ? 1200 : i === 8 ? 300 : 12;
      const delta = Math.floor(rand() * scale);
      totals[i] = (totals[i] ?? 0) + delta;
      return { category, label, total: totals[i] as number, delta };
    });
    history.push({ date: addDays(start, day), figures });
  }
  return history;
}

const UK_MONTHS = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];

/** Thousands with a no-break space, as mod.gov.ua writes them. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '&nbsp;');
}

/** The title of a day's mod.gov.ua post: "Бойові втрати ворога на 27 липня 2026 року". */
export function modPostTitle(date: string): string {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  return `Бойові втрати ворога на ${dayOfMonth} ${UK_MONTHS[month - 1]} ${year} року`;
}

/**
 * A page of mod.gov.ua's news listing: post links under their titles, newest first, among other
 * news, and a link to the next (older) page when there is one.
 */
export function modListingPage(posts: readonly { readonly date: string; readonly path: string }[], next: string | null): string {
  const items = posts
    .map((post, i) => `<li class="news-feed__item"><a href="${post.path}">${modPostTitle(post.date)}</a></li>\n<li class="news-feed__item"><a href="/news/other-${post.date}-${i}">Міністр оборони провів зустріч з партнерами</a></li>`)
    .join('\n');
  const pager = next === null ? '' : `<nav class="pagination"><a rel="next" href="${next}">Наступна</a></nav>`;
  return `<!DOCTYPE html>
<html lang="uk"><head><meta charset="utf-8"><title>Новини | Міністерство оборони України</title></head>
<body><main id="main"><h1>Новини</h1><ul class="news-feed">
${items}
</ul>${pager}</main></body></html>`;
}

/** A mod.gov.ua daily page for a day, with a sidebar and related cards quoting other days. */
export function modPage(day: SyntheticDay, others: readonly SyntheticDay[] = []): string {
  const [year, month, dayOfMonth] = day.date.split('-').map(Number) as [number, number, number];
  const title = modPostTitle(day.date);
  const items = day.figures
    .map((f, i) => `<li>${f.label} ${i % 2 === 0 ? '‒' : '–'} ${i === 0 ? 'близько ' : ''}${grouped(f.total)}${f.delta > 0 ? ` (+${grouped(f.delta)})` : ''}${i === 0 ? ' осіб' : ''};</li>`)
    .join('\n                ');
  const sidebar = others
    .map((o) => `<li class="news-feed__item"><a href="/news/x">Бойові втрати ворога на ${o.date}</a><p>танки ‒ ${grouped(o.figures[1]?.total ?? 0)} (+${o.figures[1]?.delta ?? 0});</p></li>`)
    .join('\n');
  const filler = Array.from({ length: 40 }, (_, i) => `<li class="site-nav__item"><a href="/section/${i}">Розділ ${i}</a></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="uk"><head><meta charset="utf-8"><title>${title} | Міністерство оборони України</title>
<link rel="canonical" href="https://mod.gov.ua/news/bojovi-vtrati-voroga"><link rel="stylesheet" href="/_assets/app.css"></head>
<body><header class="site-header"><nav><ul>${filler}</ul></nav></header>
<main id="main"><div class="news-layout">
        <article class="news-detail">
          <figure class="news-detail__decor"><svg viewBox="0 0 120 4"></svg></figure>
          <header><h1 class="news-title">${title}</h1><time datetime="${day.date}T06:40:00+03:00">${dayOfMonth} ${UK_MONTHS[month - 1]} ${year}</time></header>
          <div class="news-content">
            <figure><img src="/uploads/${day.date}.webp" alt="${title}"><figcaption>Інфографіка: Генеральний штаб ЗСУ</figcaption></figure>
            <div class="news-content__body">
              <p><strong>Втрати ворога за добу: знищено ${grouped(day.figures[0]?.delta ?? 0)} окупантів.</strong></p>
              <ul>
                ${items}
              </ul>
            </div>
          </div>
        </article>
        <aside class="news-sidebar"><ul>${sidebar}</ul></aside>
</div></main><footer class="site-footer">${filler}</footer></body></html>`;
}

/** The long CSV of a history (`date,category,total,delta`), as `import` reads it. */
export function longCsv(history: readonly SyntheticDay[]): string {
  const lines = ['date,category,total,delta'];
  for (const day of history) for (const f of day.figures) lines.push(`${day.date},${f.category},${f.total},${f.delta}`);
  return lines.join('\n') + '\n';
}

/** The russianwarship.rip keys of the synthetic categories (the API has no ground robots). */
const RUSSIANWARSHIP_KEY_OF: Readonly<Record<string, string>> = {
  personnel: 'personnel_units',
  tanks: 'tanks',
  afv: 'armoured_fighting_vehicles',
  artillery: 'artillery_systems',
  mlrs: 'mlrs',
  air_defense: 'aa_warfare_systems',
  aircraft: 'planes',
  helicopters: 'helicopters',
  vehicles_fuel: 'vehicles_fuel_tanks',
  ships: 'warships_cutters',
  cruise_missiles: 'cruise_missiles',
  uav: 'uav_systems',
  special_equipment: 'special_military_equip',
  submarines: 'submarines',
};

/** A russianwarship.rip v2 record of a day: `stats` (totals) and `increase` (deltas). */
export function russianwarshipRecord(day: SyntheticDay): Record<string, unknown> {
  const stats: Record<string, number> = {};
  const increase: Record<string, number> = {};
  for (const f of day.figures) {
    const key = RUSSIANWARSHIP_KEY_OF[f.category];
    if (!key) continue;
    stats[key] = f.total;
    increase[key] = f.delta;
  }
  const warDay = Math.round((Date.parse(`${day.date}T00:00:00Z`) - Date.parse('2022-02-24T00:00:00Z')) / 86_400_000) + 1;
  return { date: day.date, day: warDay, resource: `https://www.facebook.com/GeneralStaff.ua/posts/synthetic-${day.date}`, war_status: { code: 1, alias: 'in_progress' }, stats, increase };
}

/** The API's answer for one day (`/api/v2/statistics/{date}`). */
export function russianwarshipDayAnswer(day: SyntheticDay): string {
  return JSON.stringify({ message: 'The data were fetched successfully.', data: russianwarshipRecord(day) });
}

/**
 * The API's answer for a page of its list (`/api/v2/statistics?offset=…&limit=…&date_from=…&date_to=…`)
 * over the days given, or null for a path that is not the list. Its `next_url` is absolute on
 * russianwarship.rip, as the real API writes it.
 */
export function russianwarshipListAnswer(days: readonly SyntheticDay[], path: string): string | null {
  const url = new URL(path, 'https://russianwarship.rip');
  if (url.pathname !== '/api/v2/statistics') return null;
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const from = url.searchParams.get('date_from') ?? '0000-00-00';
  const to = url.searchParams.get('date_to') ?? '9999-99-99';
  const inRange = days.filter((d) => d.date >= from && d.date <= to);
  const records = inRange.slice(offset, offset + limit).map(russianwarshipRecord);
  const page = (at: number) => `https://russianwarship.rip/api/v2/statistics?offset=${at}&limit=${limit}&date_from=${from}&date_to=${to}`;
  const paging = { next_url: page(offset + limit), prev_url: page(Math.max(0, offset - limit)), first_url: page(0), last_url: page(Math.max(0, inRange.length - limit)) };
  return JSON.stringify({ message: 'The data were fetched successfully.', data: { records, paging } });
}
