/** Every language the parser reads: its tables, in the order their words are tried. */
import { GERMAN } from './de.js';
import { ENGLISH } from './en.js';
import { ITALIAN } from './it.js';
import { POLISH } from './pl.js';
import { RUSSIAN } from './ru.js';
import type { LabelLanguage, LanguageTable } from './table.js';
import { UKRAINIAN } from './uk.js';

export type { LabelLanguage, LanguageTable } from './table.js';

export const LANGUAGES: readonly LanguageTable[] = [UKRAINIAN, RUSSIAN, ENGLISH, GERMAN, POLISH, ITALIAN];

export function languageTable(code: LabelLanguage): LanguageTable {
  const table = LANGUAGES.find((t) => t.code === code);
  if (!table) throw new Error(`no language table "${code}"`);
  return table;
}
