/**
 * The PetroIvaniuk/2022-Ukraine-Russia-War-Dataset JSON pair (FORMATS.md §5): an array of
 * equipment records and an array of personnel records, one per report date, merged by date.
 * A key absent from a record is a category the report did not list that day: no figure. The
 * dataset holds totals only, so every delta is null. Values are taken as given, known typos
 * included. `personnel*` ("about", "more") qualifies the personnel total; `POW` is not a General
 * Staff category and is counted in a note.
 */
import { ParseError } from '../errors.js';
import { columnRole } from './keys.js';
import { DatasetTable, type Locator } from './table.js';
import type { DatasetResult } from './types.js';
import { countOf, DATE_FORMS, readDate, readPersonnelQualifier } from './values.js';

export interface PetroIvaniukNames {
  readonly equipment: string;
  readonly personnel: string;
}

export const PETROIVANIUK_FILE_NAMES: PetroIvaniukNames = {
  equipment: 'russia_losses_equipment.json',
  personnel: 'russia_losses_personnel.json',
};

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}

function readRecords(json: string, name: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParseError(`${name} is not valid JSON: ${reason}`);
  }
  if (!Array.isArray(data)) {
    throw new ParseError(`${name} holds ${describeJson(data)}, not the array of daily records the PetroIvaniuk dataset has`);
  }
  return data;
}

function readFile(table: DatasetTable, json: string, name: string): number {
  table.beginFile(name);
  const records = readRecords(json, name);
  const locator: Locator = (at) => `${name} record ${at + 1}`;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new ParseError(`${locator(i)} is ${describeJson(record)}, not an object with a "date"`);
    }
    const fields = record as Record<string, unknown>;
    const rawDate = fields['date'];
    if (rawDate === undefined || rawDate === null) throw new ParseError(`${locator(i)} has no "date"`);
    const date = typeof rawDate === 'string' ? readDate(rawDate.trim()) : null;
    if (date === null) throw new ParseError(`${locator(i)}: date ${JSON.stringify(rawDate)} is not a date (${DATE_FORMS})`);
    table.countRow();
    for (const key in fields) {
      const value = fields[key];
      const role = columnRole(key);
      switch (role.kind) {
        case 'figure': {
          if (value === null || value === undefined) break;
          const total = countOf(value);
          if (total === null) throw new ParseError(`${locator(i)} (${date}): "${key}" is ${describeJson(value)}, not a count`);
          table.figure(date, role.category, total, null, key, locator, i);
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
              message: `${locator(i)} (${date}): "${key}" is ${describeJson(value)}, not "about" or "more"; the personnel total is kept without a qualifier`,
              label: key,
            });
          }
          break;
        }
        case 'pow':
          if (value !== null && value !== undefined) table.powValue(name);
          break;
        // The dataset holds totals only: a delta key is one it does not have.
        case 'delta':
        case 'unknown': {
          const entry = table.unknown('column', name, key, locator, i);
          if (value !== null && value !== undefined) table.unknownValue(entry, date, countOf(value), null);
          break;
        }
        case 'date':
        case 'ignored':
          break;
      }
    }
  }
  return records.length;
}

/**
 * Reads the equipment and personnel files (their contents). Either file may already hold the
 * other's keys (the merged excerpts in ../shared/samples hold `personnel` in the equipment
 * records; pass "[]" as the personnel file for those). Throws ParseError when a file is not the
 * dataset's JSON, when a record has no readable date or a figure that is not a count.
 */
export function readPetroIvaniuk(
  equipmentJson: string,
  personnelJson: string,
  source: string,
  names: PetroIvaniukNames = PETROIVANIUK_FILE_NAMES,
): DatasetResult {
  const table = new DatasetTable();
  const records = readFile(table, equipmentJson, names.equipment) + readFile(table, personnelJson, names.personnel);
  if (records === 0) throw new ParseError(`neither ${names.equipment} nor ${names.personnel} holds a record`);
  return table.result(source);
}
