import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectSource, looksLikeHtml } from '../../src/sources/detect.js';
import type { SourceId } from '../../src/sources/types.js';

function fixture(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}

const EXPECTED: ReadonlyArray<readonly [string, SourceId | null]> = [
  ['milgov/2022-06-20.html', 'milgov'],
  ['milgov/2022-07-31-defective.html', 'milgov'],
  ['milgov/2022-08-09-bilingual-label.html', 'milgov'],
  ['milgov/2022-07-10-pretty.html', 'milgov'],
  ['milgov/newslist-2022-06-22.html', 'milgov'],
  // No #aticle-content any more: recognised by its <base href="https://www.mil.gov.ua/en/">.
  ['milgov/2022-06-21-layout-changed.html', 'milgov'],
  ['milgov/2023-03-10.html', 'milgov'],
  ['kmu/2023-06-15.html', 'kmu'],
  ['kmu/2023-09-23-dir-auto.html', 'kmu'],
  ['kmu/2024-02-05.html', 'kmu'],
  // The captcha carries no marker of any site: an HTML page from a site no adapter knows.
  ['kmu/captcha-shieldsquare.html', null],
  ['mod/2026-07-27.html', 'mod'],
  ['mod/2026-07-28.html', 'mod'],
  ['mod/2026-07-29.html', 'mod'],
  ['mod/2026-07-30.html', 'mod'],
  ['mod/2026-07-31-other-news.html', 'mod'],
  ['text/telegram-uk-2022-08-21.txt', 'text'],
  ['text/bilingual-uk_en-2024-02-19.txt', 'text'],
  ['text/ukrinform-de-2025-02-09.txt', 'text'],
  ['text/lines-only-uk.txt', 'text'],
];

describe('detectSource', () => {
  for (const [path, expected] of EXPECTED) {
    it(`says ${path} comes from ${expected ?? 'no known source'}`, () => {
      expect(detectSource(fixture(path))).toBe(expected);
    });
  }

  it('treats every HTML fixture as HTML and every text fixture as text', () => {
    const kinds = EXPECTED.map(([path]) => [path, looksLikeHtml(fixture(path))]);
    expect(kinds).toEqual(EXPECTED.map(([path]) => [path, path.endsWith('.html')]));
  });

  it('says a kmu.gov.ua page that credits mil.gov.ua comes from kmu', () => {
    const html = fixture('kmu/2023-06-15.html');
    expect(html).toContain('<a href="http://www.mil.gov.ua/">Ministry of Defence of Ukraine</a>');
    expect(detectSource(html)).toBe('kmu');
  });
});
