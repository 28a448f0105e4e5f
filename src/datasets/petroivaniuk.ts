/**
 * The PetroIvaniuk/2022-Ukraine-Russia-War-Dataset JSON pair (FORMATS.md §5): an array of
 * equipment records and an array of personnel records, one per report date, merged by date;
 * each record is read as daily-record.ts reads one.
 */
import { ParseError } from '../errors.js';
import { readDailyRecord } from './daily-record.js';
import { JsonArrayReader } from './json-array.js';
import { DatasetTable, type Locator } from './table.js';
import type { DatasetFileReader, DatasetResult } from './types.js';

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
  const json = new JsonArrayReader(name, (record, i) => readDailyRecord(table, name, record, i, locator), 'the array of daily records the PetroIvaniuk dataset has');
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
