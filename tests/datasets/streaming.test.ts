/**
 * The dataset readers fed chunk by chunk, as `import` streams a file: the same reports whatever
 * the chunks (a record, a CRLF, a byte-order mark or a character cut between two), each row
 * handed on as soon as it ends, and what the readers quote from the input on one line and cut
 * to an excerpt.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvReader, MAX_RECORD_BYTES } from '../../src/datasets/csv.js';
import { JsonArrayReader, MAX_ELEMENT_CHARS } from '../../src/datasets/json-array.js';
import { longCsvReader, readLongCsv } from '../../src/datasets/long-csv.js';
import { datasetFileReader } from '../../src/datasets/readers.js';
import { readPetroIvaniuk } from '../../src/datasets/petroivaniuk.js';
import { readRussiaLosses } from '../../src/datasets/russia-losses.js';
import { DatasetTable } from '../../src/datasets/table.js';
import type { DatasetFormat } from '../../src/datasets/types.js';
import { readUkrModData } from '../../src/datasets/ukr-mod-data.js';
import { readWideCsv } from '../../src/datasets/wide-csv.js';
import { ParseError } from '../../src/errors.js';
import { parseErrorOf } from '../helpers/datasets.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/datasets/${name}`, import.meta.url));

/** Reads files through the format's streaming reader, `size` bytes at a time. */
function readInChunks(format: DatasetFormat, files: readonly { name: string; bytes: Buffer }[], size: number, source: string) {
  const table = new DatasetTable();
  for (const file of files) {
    const reader = datasetFileReader(format, table, file.name);
    for (let at = 0; at < file.bytes.length; at += size) reader.write(file.bytes.subarray(at, at + size));
    reader.end();
  }
  return table.result(source);
}

// A byte-order mark, CRLF line ends, a quoted field with a comma and a line break, and a
// category in Cyrillic (two bytes a letter), so that one-byte chunks cut through all of them.
const LONG = Buffer.from('\uFEFFdate,category,total,delta\r\n2022-04-30,tanks,1008,\r\n2022-04-30,"танки, нові\nрядок",5,1\r\n\r\n2022-05-01,tanks,1026,18\r\n', 'utf8');

describe('the dataset readers fed chunk by chunk', () => {
  it('read a long CSV a byte at a time as they read it whole', () => {
    const whole = readLongCsv(LONG.toString('utf8'), 'long-csv:t', 'l.csv');
    expect(whole.reports.map((r) => r.reportDate)).toEqual(['2022-04-30', '2022-05-01']);
    expect(whole.reports[0]?.unmapped).toEqual([{ label: 'танки, нові\nрядок', total: 5, delta: 1, qualifier: null }]);
    for (const size of [1, 2, 3, 7, 64]) expect(readInChunks('long-csv', [{ name: 'l.csv', bytes: LONG }], size, 'long-csv:t')).toEqual(whole);
  });

  it('read the Kaggle CSV pair and the PetroIvaniuk JSON pair a byte at a time as they read them whole', () => {
    const kaggle = ['russia_losses_equipment.csv', 'russia_losses_personnel.csv'].map((name) => ({ name, bytes: fixture(`kaggle/${name}`) }));
    const wide = readWideCsv(kaggle.map((f) => ({ name: f.name, text: f.bytes.toString('utf8') })), 'kaggle-csv:t');
    expect(wide.reports.length).toBeGreaterThan(0);
    expect(readInChunks('kaggle-csv', kaggle, 1, 'kaggle-csv:t')).toEqual(wide);

    const petro = ['russia_losses_equipment.json', 'russia_losses_personnel.json'].map((name) => ({ name, bytes: fixture(`petroivaniuk/${name}`) }));
    const json = readPetroIvaniuk(petro[0]?.bytes.toString('utf8') ?? '', petro[1]?.bytes.toString('utf8') ?? '', 'petroivaniuk:t');
    expect(json.reports.length).toBeGreaterThan(0);
    expect(readInChunks('petroivaniuk', petro, 1, 'petroivaniuk:t')).toEqual(json);
  });

  it("read Andrew's data.json and JJ's ukr-mod-data.csv a byte at a time as they read them whole, the year JJ's dates count included", () => {
    const andrew = fixture('russia-losses/data.json');
    const whole = readRussiaLosses(andrew.toString('utf8'), 'russia-losses:t');
    expect(whole.reports.length).toBe(7);
    for (const size of [1, 5, 64]) expect(readInChunks('russia-losses', [{ name: 'data.json', bytes: andrew }], size, 'russia-losses:t')).toEqual(whole);

    const jj = fixture('raku-ukr-mod-data/ukr-mod-data.csv');
    const long = readUkrModData(jj.toString('utf8'), 'ukr-mod-data:t');
    expect(long.notes).toHaveLength(1);
    for (const size of [1, 5, 64]) expect(readInChunks('ukr-mod-data', [{ name: 'ukr-mod-data.csv', bytes: jj }], size, 'ukr-mod-data:t')).toEqual(long);
  });

  it('hand on each record of a JSON array inside an object as soon as it ends, and then want the closing brace', () => {
    const seen: unknown[] = [];
    const json = new JsonArrayReader('d.json', (value) => seen.push(value), 'the object', 'data');
    json.write(Buffer.from('{ "da'));
    json.write(Buffer.from('ta" : [{"date": "1.05.2022", "a": "x]}"}, {"date'));
    expect(seen).toEqual([{ date: '1.05.2022', a: 'x]}' }]);
    json.write(Buffer.from('": "2.05.2022"}]'));
    expect(seen).toHaveLength(2);
    expect(() => json.end()).toThrow(new ParseError('d.json is not valid JSON: it ends after the "data" array, before the object around it is closed'));
  });

  it('hand on each CSV record with its line as soon as the record ends, before the file does', () => {
    const seen: [string, number][] = [];
    const csv = new CsvReader('s.csv', (fields, line) => seen.push([fields.join('|'), line]));
    csv.write(Buffer.from('date,category,total\n2022-04-30,tanks,1008\n2022-05-01,ta'));
    expect(seen).toEqual([
      ['date|category|total', 1],
      ['2022-04-30|tanks|1008', 2],
    ]);
    csv.write(Buffer.from('nks,1026\n'));
    csv.end();
    expect(seen[2]).toEqual(['2022-05-01|tanks|1026', 3]);
  });

  it('stop at the first bad row, whatever follows it', () => {
    const table = new DatasetTable();
    const reader = longCsvReader(table, 's.csv');
    reader.write(Buffer.from('date,category,total\n2022-04-30,tanks,1008\n'));
    // csv-parse hands a record on once it has seen what follows its line end (or the end of the file).
    expect(() => reader.write(Buffer.from('2022-05-01,tanks,x\n2022-05-02,tanks,'))).toThrow(new ParseError('s.csv line 3: total "x" is not a count'));
  });

  it('hand on each JSON record as soon as it ends', () => {
    const seen: unknown[] = [];
    const json = new JsonArrayReader('s.json', (value) => seen.push(value), 'an array');
    json.write(Buffer.from('[{"date": "2022-03-07", "a": "x]}"}, {"date": "2022-03'));
    expect(seen).toEqual([{ date: '2022-03-07', a: 'x]}' }]);
    json.write(Buffer.from('-08"}]  \n'));
    json.end();
    expect(seen).toHaveLength(2);
  });
});

describe('what the streaming readers refuse', () => {
  const json = (text: string) => () => {
    const reader = new JsonArrayReader('r.json', () => undefined, 'the array of daily records');
    reader.write(Buffer.from(text));
    reader.end();
  };

  it('says where a JSON array is broken', () => {
    expect(parseErrorOf(json('[{"date": "2022-03-07"},]'))).toBe('r.json is not valid JSON: a comma after record 1 and no record before the "]"');
    expect(parseErrorOf(json('[{"date": "2022-03-07"} {"date": "2022-03-08"}]'))).toBe('r.json is not valid JSON: record 1: Unexpected non-whitespace character after JSON at position 23');
    expect(parseErrorOf(json('[{"date": "2022-03-07"},, {"date": "2022-03-08"}]'))).toBe('r.json is not valid JSON: a comma where record 2 should be');
    expect(parseErrorOf(json('[{"date": "2022-03-07"}, {"date": 2022-03-08}]'))).toMatch(/^r\.json is not valid JSON: record 2: .+$/);
    expect(parseErrorOf(json('[{"date": "2022-03-07"}] x'))).toBe('r.json is not valid JSON: text after the end of the array: "x"');
    expect(parseErrorOf(json('[{"date": "2022-03-07"}, {"date"'))).toBe('r.json is not valid JSON: it ends inside record 2');
    expect(parseErrorOf(json('{"date": "2022-03-07"}'))).toBe('r.json holds an object, not the array of daily records');
    expect(parseErrorOf(json(`"${'a\n'.repeat(100)}"`.replace(/\n/g, '\\n')))).toBe(`r.json holds ${JSON.stringify('a\n'.repeat(100)).slice(0, 80)}…, not the array of daily records`);
  });

  it('refuses a JSON record longer than it reads, instead of gathering the file into it', () => {
    expect(parseErrorOf(json(`[{"date": "${'9'.repeat(MAX_ELEMENT_CHARS)}"}]`))).toBe(`r.json is not valid JSON: record 1 is longer than ${MAX_ELEMENT_CHARS} characters`);
  });

  it('refuses a CSV record longer than it reads (an unclosed quote), instead of gathering the file into it', () => {
    const table = new DatasetTable();
    const reader = longCsvReader(table, 'q.csv');
    const message = parseErrorOf(() => {
      reader.write(Buffer.from(`date,category,total\n"${'x'.repeat(MAX_RECORD_BYTES + 10)}`));
      reader.end();
    });
    expect(message).toMatch(/^q\.csv is not a readable CSV file: Max Record Size: .* \d+ .*line 2/);
    expect(message.length).toBeLessThan(300);
  });

  it('cuts the field csv-parse quotes in its message to 80 characters', () => {
    const message = parseErrorOf(() => readLongCsv(`date,category,total\n2022-04-30,"tanks",1\n2022-05-01,a${'y'.repeat(200)}"z,1\n`, 'long-csv:t', 'q.csv'));
    expect(message).toBe(`q.csv is not a readable CSV file: Invalid Opening Quote: a quote is found on field 1 at line 3, value is "a${'y'.repeat(79)}…"`);
  });

  it('quote a label with a line break in it on one line', () => {
    const [warning] = readLongCsv(LONG.toString('utf8'), 'long-csv:t', 'l.csv').warnings;
    expect(warning?.message).toBe('unknown category "танки, нові\\u000aрядок" (first in l.csv line 4): not a registry key; 1 value kept as unknown labels');
  });
});
