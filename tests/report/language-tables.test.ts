/**
 * The language tables are the parser's only knowledge of a language: every term of every table
 * reaches the category it is filed under (a stem bare, with no ending, included), and the
 * tables' words are what the parser reads.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/report/languages/index.js';
import { matchLabel } from '../../src/report/lexicon.js';
import { readQualifier } from '../../src/report/qualifiers.js';

describe('the language tables', () => {
  it('cover Ukrainian, Russian, English, German, Polish and Italian', () => {
    expect(LANGUAGES.map((table) => table.code)).toEqual(['uk', 'ru', 'en', 'de', 'pl', 'it']);
  });

  it.each(LANGUAGES.map((table) => [table.code, table] as const))('%s: every term reads as its category', (_code, table) => {
    const misread = Object.entries(table.terms).flatMap(([category, terms]) =>
      (terms ?? []).map((term) => term.replace(/\*/g, '')).filter((word) => matchLabel(word)?.category !== category).map((word) => `${word} → ${matchLabel(word)?.category ?? 'nothing'}, not ${category}`),
    );
    expect(misread).toEqual([]);
  });

  it.each(LANGUAGES.map((table) => [table.code, table] as const))('%s: every qualifier word reads as its qualifier', (_code, table) => {
    const misread = Object.entries(table.qualifiers).flatMap(([qualifier, words]) =>
      (words ?? []).filter((word) => {
        const reading = readQualifier(word);
        return reading.kind !== 'known' || reading.qualifier !== qualifier;
      }),
    );
    expect(misread).toEqual([]);
  });
});
