/**
 * The minfin-derived JSON of AndrewRatnikov/russia-losses: `data.json` is an object whose `data`
 * member is the array of daily records, newest first, dated `d.mm.yyyy` (not always
 * zero-padded); `keys.json` beside it only gives the keys' labels, which keys.ts maps. Each
 * record is read as daily-record.ts reads one (the PetroIvaniuk records are read the same way):
 * the minfin layout's `vehicles` is military_auto until 2022-04-30 and vehicles_fuel from
 * 2022-05-01 (keys.ts, MERGED_KEYS), and the frozen `fuelTanks` (76) and `srbmSystem` (4) are
 * kept as stated. A date listed twice keeps its first record, with a warning where they differ.
 */
import { readDailyRecord } from './daily-record.js';
import { JsonArrayReader } from './json-array.js';
import { DatasetTable, type Locator } from './table.js';
import type { DatasetFileReader, DatasetResult } from './types.js';

/** The member of data.json that holds the records. */
export const RUSSIA_LOSSES_MEMBER = 'data';

const WHAT = 'the object of daily records of AndrewRatnikov/russia-losses';

/**
 * Reads data.json, fed chunk by chunk, into `table`: each record is read as soon as it ends
 * (json-array.ts), so the file is never held. `name` is the file name used in messages.
 */
export function russiaLossesReader(table: DatasetTable, name: string): DatasetFileReader {
  table.beginFile(name);
  const locator: Locator = (at) => `${name} record ${at + 1}`;
  const json = new JsonArrayReader(name, (record, i) => readDailyRecord(table, name, record, i, locator), WHAT, RUSSIA_LOSSES_MEMBER);
  return {
    write: (chunk) => json.write(chunk),
    end: () => json.end(),
  };
}

/** Reads data.json (its contents). Throws ParseError as the PetroIvaniuk reader does. */
export function readRussiaLosses(text: string, source: string, name = 'data.json'): DatasetResult {
  const table = new DatasetTable();
  const reader = russiaLossesReader(table, name);
  reader.write(Buffer.from(text, 'utf8'));
  reader.end();
  return table.result(source);
}
