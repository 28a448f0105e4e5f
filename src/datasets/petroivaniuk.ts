/**
 * The PetroIvaniuk/2022-Ukraine-Russia-War-Dataset JSON pair (FORMATS.md §5): an array of
 * equipment records and an array of personnel records, one per report date, merged by date.
 * A key absent from a record is a category the report did not list that day: no figure. The
 * dataset holds totals only, so every delta is null. Values are taken as given, known typos
 * included. `personnel*` ("about", "more") qualifies the personnel total; `POW` is not a General
 * Staff category and is counted in a note.
 */
import { excerpt, ParseError } from '../errors.js';
import { describeJson, JsonArrayReader } from './json-array.js';
import { columnRole } from './keys.js';
import { DatasetTable, type Locator } from './table.js';
import type { DatasetFileReader, DatasetResult } from './types.js';
import { countOf, DATE_FORMS, readDate, readPersonnelQualifier } from './values.js';

export interface PetroIvaniukNames {
  readonly equipment: string;
  readonly personnel: string;
}

export const PETROIVANIUK_FILE_NAMES: PetroIvaniukNames = {
  equipment: 'russia_losses_equipment.json',
  personnel: 'russia_losses_personnel.json',
};

/**
 * Reads one file of the pair, fed chunk by chunk, into `table`: each record is read as soon as
 * it ends (json-array.ts), so the file is never held. `name` is the file name used in messages.
 */
export function petroIvaniukReader(table: DatasetTable, name: string): DatasetFileReader & { readonly records: number } {
  table.beginFile(name);
  const locator: Locator = (at) => `${name} record ${at + 1}`;
  const json = new JsonArrayReader(name, (record, i) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new ParseError(`${locator(i)} is ${describeJson(record)}, not an object with a "date"`);
    }
    const fields = record as Record<string, unknown>;
    const rawDate = fields['date'];
    if (rawDate === undefined || rawDate === null) throw new ParseError(`${locator(i)} has no "date"`);
    const date = typeof rawDate === 'string' ? readDate(rawDate.trim()) : null;
    if (date === null) throw new ParseError(`${locator(i)}: date ${excerpt(JSON.stringify(rawDate))} is not a date (${DATE_FORMS})`);
    table.countRow();
    for (const key in fields) {
      const value = fields[key];
      const role = columnRole(key);
      switch (role.kind) {
        case 'figure': {
          if (value === null || value === undefined) break;
          const total = countOf(value);
          if (total === null) throw new ParseError(`${locator(i)} (${date}): "${excerpt(key)}" is ${describeJson(value)}, not a count`);
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
              message: `${locator(i)} (${date}): "${excerpt(key)}" is ${describeJson(value)}, not "about" or "more"; the personnel total is kept without a qualifier`,
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
  }, 'the array of daily records the PetroIvaniuk dataset has');
  return {
    write: (chunk) => json.write(chunk),
    end: () => json.end(),
    get records() {
      return json.count;
    },
  };
}

function readText(table: DatasetTable, json: string, name: string): number {
  const reader = petroIvaniukReader(table, name);
  reader.write(Buffer.from(json, 'utf8'));
  reader.end();
  return reader.records;
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
  const records = readText(table, equipmentJson, names.equipment) + readText(table, personnelJson, names.personnel);
  if (records === 0) throw new ParseError(`neither ${names.equipment} nor ${names.personnel} holds a record`);
  return table.result(source);
}
