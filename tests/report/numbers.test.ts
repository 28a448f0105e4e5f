import { describe, expect, it } from 'vitest';
import { parseCount } from '../../src/report/numbers.js';

describe('parseCount', () => {
  it('reads plain digits as written by the official reports 2022–2025', () => {
    expect(parseCount('849320')).toBe(849320);
    expect(parseCount('4635')).toBe(4635);
    expect(parseCount('1')).toBe(1);
    expect(parseCount('0')).toBe(0);
  });

  it('ignores whitespace around the count', () => {
    expect(parseCount('  273980 ')).toBe(273980);
    expect(parseCount('\u00a0906\u00a0')).toBe(906);
  });

  it('reads space-separated thousands ("1 311 180", "1 070")', () => {
    expect(parseCount('1 311 180')).toBe(1311180);
    expect(parseCount('1 070')).toBe(1070);
    expect(parseCount('729 720')).toBe(729720);
  });

  it('reads thousands separated by a no-break space U+00A0', () => {
    expect(parseCount('1\u00a0311\u00a0180')).toBe(1311180);
    expect(parseCount('12\u00a0226')).toBe(12226);
  });

  it('reads thousands separated by a narrow no-break space U+202F', () => {
    expect(parseCount('1\u202f226\u202f420')).toBe(1226420);
    expect(parseCount('2\u202f081')).toBe(2081);
  });

  it('reads thousands separated by a thin space U+2009', () => {
    expect(parseCount('1\u2009070')).toBe(1070);
    expect(parseCount('31\u2009070')).toBe(31070);
  });

  it('reads comma thousands ("21,600")', () => {
    expect(parseCount('21,600')).toBe(21600);
    expect(parseCount('1,070')).toBe(1070);
    expect(parseCount('1,311,180')).toBe(1311180);
  });

  it('reads dot thousands ("849.320") and never takes the dot for a decimal point', () => {
    expect(parseCount('849.320')).toBe(849320);
    expect(parseCount('10.455')).toBe(10455);
    expect(parseCount('1.344')).toBe(1344);
    expect(parseCount('1.460')).toBe(1460);
    expect(parseCount('1.000')).toBe(1000);
  });

  it('rejects digit groups that are not thousands ("12 34", "1,2", "1.2345")', () => {
    expect(parseCount('12 34')).toBe(null);
    expect(parseCount('1,2')).toBe(null);
    expect(parseCount('1.2345')).toBe(null);
    expect(parseCount('1.5')).toBe(null);
    expect(parseCount('1234 567')).toBe(null);
    expect(parseCount('1 311 18')).toBe(null);
  });

  it('rejects mixed adjacent separators and separators at the edges', () => {
    expect(parseCount('1,.311')).toBe(null);
    expect(parseCount(',311')).toBe(null);
    expect(parseCount('311.')).toBe(null);
  });

  it('rejects text that is not a count ("", "abc", signs, delta brackets)', () => {
    expect(parseCount('')).toBe(null);
    expect(parseCount('   ')).toBe(null);
    expect(parseCount('abc')).toBe(null);
    expect(parseCount('12abc')).toBe(null);
    expect(parseCount('-5')).toBe(null);
    expect(parseCount('+5')).toBe(null);
    expect(parseCount('(+520)')).toBe(null);
    expect(parseCount('273980 (+520)')).toBe(null);
  });

  it('rejects a count beyond the safe integer range', () => {
    expect(parseCount('9007199254740993')).toBe(null);
  });
});
