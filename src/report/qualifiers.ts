import type { Qualifier } from './types.js';

// Words are matched whole, so "до" never matches inside "додатково". The text is lowercased
// first: a case-insensitive \p{L} costs the regular expression engine a millisecond to build,
// which a command that parses one page pays in full.
const QUALIFIER_WORDS: ReadonlyArray<readonly [RegExp, Qualifier]> = [
  [/(?<!\p{L})(?:близько|приблизно|орієнтовно|майже|около|почти|about|approximately|approx\.?|aprx\.?|almost|nearly|circa|ca\.|etwa|rund|fast)(?!\p{L})/u, 'about'],
  [/(?<!\p{L})(?:понад|більше|более|свыше|more than|over|über|mehr als)(?!\p{L})/u, 'more than'],
  [/(?<!\p{L})(?:до|up to|bis zu)(?!\p{L})/u, 'up to'],
];

export type QualifierReading =
  | { readonly kind: 'none' }
  | { readonly kind: 'known'; readonly qualifier: Qualifier }
  | { readonly kind: 'unknown'; readonly text: string };

/** Reads the words between a line's separator and its total ("ліквідовано близько" → about). */
export function readQualifier(text: string): QualifierReading {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return { kind: 'none' };
  const lower = trimmed.toLowerCase();
  for (const [pattern, qualifier] of QUALIFIER_WORDS) {
    if (pattern.test(lower)) return { kind: 'known', qualifier };
  }
  return { kind: 'unknown', text: trimmed };
}
