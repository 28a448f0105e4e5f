import { describe, expect, it } from 'vitest';
import { AnswerCache, makeAnswer, noneMatchNames, requestKey, type Answer } from '../../src/analyst/answer-cache.js';

const answer = (text: string) => makeAnswer(Buffer.from(text), { 'content-type': 'text/plain' });

describe('AnswerCache', () => {
  it('should forget every answer when the database state changes', () => {
    const cache = new AnswerCache();
    cache.set(7, '/api/latest', answer('{"date":"2026-07-30"}'));
    cache.set(7, '/api/sources', answer('{"sources":[]}'));
    expect([cache.size, cache.bytes, (cache.get(7, '/api/latest') as Answer).body.toString()]).toEqual([2, 11 + 21 + 12 + 14, '{"date":"2026-07-30"}']);
    expect([cache.get(8, '/api/latest'), cache.size, cache.bytes]).toEqual([undefined, 0, 0]);
  });

  it('should not keep an answer read at another state than the one last asked for', () => {
    const cache = new AnswerCache();
    cache.set(7, '/api/latest', answer('{}'));
    cache.get(8, '/api/sources');
    cache.set(7, '/export.csv', answer('date'));
    expect(cache.keys()).toEqual([]);
    cache.set(8, '/export.csv', answer('date'));
    expect(cache.keys()).toEqual(['/export.csv']);
  });

  it('should keep at most maxEntries and maxBytes, the least recently used out first', () => {
    const cache = new AnswerCache({ maxEntries: 3, maxBytes: 1000, maxEntryBytes: 1000 });
    for (const key of ['a', 'b', 'c', 'd']) cache.set(1, key, answer('x'.repeat(9)));
    expect([cache.keys(), cache.bytes]).toEqual([['b', 'c', 'd'], 30]);
    cache.get(1, 'b');
    cache.set(1, 'e', answer('x'.repeat(9)));
    expect(cache.keys()).toEqual(['d', 'b', 'e']);
    // 'f' takes 1 + 985 bytes: only 'e' (10) still fits beside it.
    cache.set(1, 'f', answer('x'.repeat(985)));
    expect([cache.keys(), cache.bytes]).toEqual([['e', 'f'], 996]);
  });

  it('should keep no answer larger than maxEntryBytes, and count a replaced answer once', () => {
    const cache = new AnswerCache({ maxEntries: 10, maxBytes: 1000, maxEntryBytes: 100 });
    cache.set(1, 'big', answer('x'.repeat(98)));
    expect([cache.keys(), cache.bytes]).toEqual([[], 0]);
    cache.set(1, 'k', answer('x'.repeat(50)));
    cache.set(1, 'k', answer('x'.repeat(20)));
    cache.set(1, 'large', 'too-large');
    expect([cache.keys(), cache.bytes, cache.get(1, 'large')]).toEqual([['k', 'large'], 21 + 5, 'too-large']);
  });
});

describe('requestKey', () => {
  it('should put the parameters in name order, keeping the order of those of one name', () => {
    const key = (path: string) => requestKey(new URL(path, 'http://localhost'));
    expect(key('/api/chart?to=2026-07-30&category=tanks&from=2026-07-28&category=afv')).toBe('/api/chart?category=tanks&category=afv&from=2026-07-28&to=2026-07-30');
    expect(key('/api/chart?category=afv&category=tanks')).toBe('/api/chart?category=afv&category=tanks');
    expect(key('/api/latest')).toBe('/api/latest');
    expect(key('/api/series?category=t%61nks')).toBe('/api/series?category=tanks');
  });
});

describe('noneMatchNames', () => {
  it('should compare as RFC 9110 asks for If-None-Match: weakly, in a list, and * for any', () => {
    const etag = '"abc"';
    const cases: [string | undefined, boolean][] = [
      [undefined, false],
      ['"abc"', true],
      ['W/"abc"', true],
      ['"x", "abc"', true],
      ['"x","y"', false],
      ['abc', false],
      ['"abcd"', false],
      ['*', true],
      [' * ', true],
    ];
    expect(cases.map(([header]) => [header, noneMatchNames(header, etag)])).toEqual(cases);
  });
});
