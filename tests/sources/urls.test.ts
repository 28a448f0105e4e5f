import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { parseBaseUrl, rebaseUrl } from '../../src/sources/base-url.js';
import { kmuUrlsFor } from '../../src/sources/kmu/urls.js';
import { milgovUrlsFor } from '../../src/sources/milgov/urls.js';
import { modUrlsFor } from '../../src/sources/mod/urls.js';

/** The error a function throws, so its class, code and exact message can be asserted. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('milgovUrlsFor', () => {
  it('builds the 2022 slug without years ("from-24-02-to-DD-MM")', () => {
    expect(milgovUrlsFor('2022-06-20')).toEqual([
      'https://www.mil.gov.ua/en/news/2022/06/20/the-total-combat-losses-of-the-enemy-from-24-02-to-20-06/',
    ]);
  });

  it('zero-pads day and month in the 2022 slug', () => {
    expect(milgovUrlsFor('2022-04-12')).toEqual([
      'https://www.mil.gov.ua/en/news/2022/04/12/the-total-combat-losses-of-the-enemy-from-24-02-to-12-04/',
    ]);
    expect(milgovUrlsFor('2022-08-09')).toEqual([
      'https://www.mil.gov.ua/en/news/2022/08/09/the-total-combat-losses-of-the-enemy-from-24-02-to-09-08/',
    ]);
  });

  it('builds the two-digit-year slug from 2023-01-01 to 2023-03-02', () => {
    expect(milgovUrlsFor('2023-01-01')).toEqual([
      'https://www.mil.gov.ua/en/news/2023/01/01/the-total-combat-losses-of-the-enemy-from-24-02-22-to-01-01-23/',
    ]);
    expect(milgovUrlsFor('2023-01-15')).toEqual([
      'https://www.mil.gov.ua/en/news/2023/01/15/the-total-combat-losses-of-the-enemy-from-24-02-22-to-15-01-23/',
    ]);
    expect(milgovUrlsFor('2023-03-02')).toEqual([
      'https://www.mil.gov.ua/en/news/2023/03/02/the-total-combat-losses-of-the-enemy-from-24-02-22-to-02-03-23/',
    ]);
  });

  it('builds the four-digit-year slug from 2023-03-03 on', () => {
    expect(milgovUrlsFor('2023-03-03')).toEqual([
      'https://www.mil.gov.ua/en/news/2023/03/03/the-total-combat-losses-of-the-enemy-from-24-02-2022-to-03-03-2023/',
    ]);
    expect(milgovUrlsFor('2023-03-10')).toEqual([
      'https://www.mil.gov.ua/en/news/2023/03/10/the-total-combat-losses-of-the-enemy-from-24-02-2022-to-10-03-2023/',
    ]);
  });
});

describe('kmuUrlsFor', () => {
  it('builds the Government portal slug with DDMMYYYY', () => {
    expect(kmuUrlsFor('2023-06-15')).toEqual([
      'https://www.kmu.gov.ua/en/news/zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-15062023',
    ]);
    expect(kmuUrlsFor('2024-02-05')).toEqual([
      'https://www.kmu.gov.ua/en/news/zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-05022024',
    ]);
  });
});

describe('modUrlsFor', () => {
  it('tries the newest form, the national transliteration, first, with the day not zero-padded (2026-02-05)', () => {
    expect(modUrlsFor('2026-02-05')).toEqual([
      'https://mod.gov.ua/news/boiovi-vtraty-voroha-na-5-liutoho-2026-roku',
      'https://mod.gov.ua/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku',
    ]);
  });

  it('adds the other July spelling after the site\'s own (2026-07-27)', () => {
    expect(modUrlsFor('2026-07-27')).toEqual([
      'https://mod.gov.ua/news/boiovi-vtraty-voroha-na-27-lypnia-2026-roku',
      'https://mod.gov.ua/news/bojovi-vtrati-voroga-na-27-lipnya-2026-roku',
      'https://mod.gov.ua/news/bojovi-vtrati-voroga-na-27-lypnya-2026-roku',
    ]);
  });

  it('builds the March slug of 2026-03-11', () => {
    expect(modUrlsFor('2026-03-11')).toEqual([
      'https://mod.gov.ua/news/boiovi-vtraty-voroha-na-11-bereznia-2026-roku',
      'https://mod.gov.ua/news/bojovi-vtrati-voroga-na-11-bereznya-2026-roku',
    ]);
  });

  it('tries the guessed December spellings (2026-12-01)', () => {
    expect(modUrlsFor('2026-12-01')).toEqual([
      'https://mod.gov.ua/news/boiovi-vtraty-voroha-na-1-hrudnia-2026-roku',
      'https://mod.gov.ua/news/bojovi-vtrati-voroga-na-1-grudnya-2026-roku',
      'https://mod.gov.ua/news/bojovi-vtrati-voroga-na-1-hrudnya-2026-roku',
    ]);
  });
});

describe('parseBaseUrl and rebaseUrl', () => {
  it('replaces scheme and host and keeps the path', () => {
    const base = parseBaseUrl('http://127.0.0.1:8080', 'LOSSTALLY_MOD_BASE_URL');
    expect(rebaseUrl('https://mod.gov.ua/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku', base)).toBe(
      'http://127.0.0.1:8080/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku',
    );
  });

  it('keeps the trailing slash of a mil.gov.ua path', () => {
    const base = parseBaseUrl('http://localhost:9000/', '--base-url');
    expect(rebaseUrl('https://www.mil.gov.ua/en/news/2022/06/20/the-total-combat-losses-of-the-enemy-from-24-02-to-20-06/', base)).toBe(
      'http://localhost:9000/en/news/2022/06/20/the-total-combat-losses-of-the-enemy-from-24-02-to-20-06/',
    );
  });

  it('puts the path of the base URL in front of the source path', () => {
    const base = parseBaseUrl('https://mirror.example.org/archive/kmu/', 'LOSSTALLY_KMU_BASE_URL');
    expect(rebaseUrl('https://www.kmu.gov.ua/en/news/zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-15062023', base)).toBe(
      'https://mirror.example.org/archive/kmu/en/news/zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-15062023',
    );
  });

  it('keeps the query of the source URL', () => {
    const base = parseBaseUrl('http://127.0.0.1:8080/mirror', '--base-url');
    expect(rebaseUrl('https://www.mil.gov.ua/en/news/?page=2', base)).toBe('http://127.0.0.1:8080/mirror/en/news/?page=2');
  });

  it('rejects a value that is not a URL with a ConfigError', () => {
    const error = thrownBy(() => parseBaseUrl('127.0.0.1:8080', '--base-url'));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('LT_CONFIG');
    expect((error as ConfigError).message).toBe(
      '--base-url: "127.0.0.1:8080" is not a URL; give a base URL such as http://127.0.0.1:8080',
    );
  });

  it('rejects a URL that is not http or https with a ConfigError', () => {
    const error = thrownBy(() => parseBaseUrl('ftp://mirror.example.org/', 'LOSSTALLY_MOD_BASE_URL'));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('LOSSTALLY_MOD_BASE_URL: "ftp://mirror.example.org/" is not an http or https URL');
  });

  it('rejects a base URL with a query or fragment with a ConfigError', () => {
    const error = thrownBy(() => parseBaseUrl('http://127.0.0.1:8080/?token=1', '--base-url'));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      '--base-url: "http://127.0.0.1:8080/?token=1" has a query or fragment; give only scheme, host and an optional path',
    );
  });
});
