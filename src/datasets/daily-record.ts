/**
 * One record of a JSON dataset that keeps a record per report date: an object with a "date" and
 * one key per category (the PetroIvaniuk arrays, the minfin-derived data.json of
 * AndrewRatnikov/russia-losses), its keys read through the one key map (keys.ts). A key absent
 * from a record, or null, is a category the report did not list that day: no figure. These
 * datasets hold totals only, so every delta is null. Values are taken as given, known typos
 * included. `personnel*` ("about", "more") qualifies the personnel total; `POW` is not a General
 * Staff category and is counted in a note.
 */
import { excerpt, ParseError } from '../errors.js';
import { describeJson } from './json-array.js';
import { columnRole, figureCategory } from './keys.js';
import type { DatasetTable, Locator } from './table.js';
import { countOf, DATE_FORMS, readDate, readPersonnelQualifier } from './values.js';

/** Records the figures of one record (the `index`-th of file `name`) into `table`. */
export function readDailyRecord(table: DatasetTable, name: string, record: unknown, index: number, locator: Locator): void {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new ParseError(`${locator(index)} is ${describeJson(record)}, not an object with a "date"`);
  }
  const fields = record as Record<string, unknown>;
  const rawDate = fields['date'];
  if (rawDate === undefined || rawDate === null) throw new ParseError(`${locator(index)} has no "date"`);
  const date = typeof rawDate === 'string' ? readDate(rawDate.trim()) : null;
  if (date === null) throw new ParseError(`${locator(index)}: date ${excerpt(JSON.stringify(rawDate))} is not a date (${DATE_FORMS})`);
  table.countRow();
  for (const key in fields) {
    const value = fields[key];
    const role = columnRole(key);
    switch (role.kind) {
      case 'figure': {
        if (value === null || value === undefined) break;
        const total = countOf(value);
        if (total === null) throw new ParseError(`${locator(index)} (${date}): "${excerpt(key)}" is ${describeJson(value)}, not a count`);
        table.figure(date, figureCategory(role, date), total, null, key, locator, index);
        break;
      }
      case 'qualifier': {
        if (value === null || value === undefined || value === '') break;
        const qualifier = typeof value === 'string' ? readPersonnelQualifier(value) : undefined;
        if (qualifier) {
          table.qualifier(date, qualifier);
        } else {
          table.warn({
            code: 'unknown_qualifier',
            message: `${locator(index)} (${date}): "${excerpt(key)}" is ${describeJson(value)}, not "about" or "more"; the personnel total is kept without a qualifier`,
            label: key,
          });
        }
        break;
      }
      case 'pow':
        if (value !== null && value !== undefined) table.powValue(name);
        break;
      // The datasets hold totals only: a delta key is one they do not have.
      case 'delta':
      case 'unknown': {
        const entry = table.unknown('column', name, key, locator, index);
        if (value !== null && value !== undefined) table.unknownValue(entry, date, countOf(value), null);
        break;
      }
      case 'date':
      case 'ignored':
        break;
    }
  }
}
