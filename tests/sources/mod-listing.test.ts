/** mod.gov.ua's news listing: daily loss posts by their titles, whatever their slugs, and the next page. */
import { describe, expect, it } from 'vitest';
import { modListingUrl, parseModListing } from '../../src/sources/mod/listing.js';

const page = `<!doctype html><html><body>
<header><a href="/en/news">English</a></header>
<main>
  <article><a href="/news/boiovi-vtraty-voroha-na-28-lypnia-2026-roku"><h3>Бойові втрати ворога на 28 липня 2026 року</h3></a></article>
  <article><a href="https://mod.gov.ua/news/some-other-news">Оновлено порядок забезпечення військових частин засобами зв’язку</a></article>
  <article><a href="bojovi-vtraty-27-07">Бойові втрати ворога
     на 27 липня 2026 року</a></article>
</main>
<nav class="pagination"><a href="/news?page=1">1</a><a href="/news?page=3">Наступна</a></nav>
</body></html>`;

describe('parseModListing', () => {
  it('lists the daily loss posts by the date of their titles, absolute, and finds the next page', () => {
    expect(parseModListing(page, 'https://mod.gov.ua/news?page=2')).toEqual({
      posts: [
        { date: '2026-07-28', url: 'https://mod.gov.ua/news/boiovi-vtraty-voroha-na-28-lypnia-2026-roku' },
        // Relative to the page: /news?page=2 resolves "bojovi-vtraty-27-07" next to /news.
        { date: '2026-07-27', url: 'https://mod.gov.ua/bojovi-vtraty-27-07' },
      ],
      next: 'https://mod.gov.ua/news?page=3',
    });
  });

  it('prefers a link marked rel="next", and has no next page on the last one', () => {
    expect(parseModListing('<a href="/news?page=9">»</a>', 'https://mod.gov.ua/news').next).toBe('https://mod.gov.ua/news?page=9');
    expect(parseModListing('<a rel="next prefetch" href="/news/p2">2</a>', 'https://mod.gov.ua/news').next).toBe('https://mod.gov.ua/news/p2');
    expect(parseModListing('<a href="/news?page=1">1</a>', 'https://mod.gov.ua/news')).toEqual({ posts: [], next: null });
  });

  it('starts at /news on the base URL', () => {
    expect(modListingUrl('https://mod.gov.ua')).toBe('https://mod.gov.ua/news');
    expect(modListingUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/news');
  });
});
