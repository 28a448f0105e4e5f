/** The reader of each dataset format, for a file fed a chunk at a time (`import` streams its files). */
import { longCsvReader } from './long-csv.js';
import { petroIvaniukReader } from './petroivaniuk.js';
import { russiaLossesReader } from './russia-losses.js';
import type { DatasetTable } from './table.js';
import type { DatasetFileReader, DatasetFormat } from './types.js';
import { ukrModDataReader } from './ukr-mod-data.js';
import { wideCsvReader } from './wide-csv.js';

export function datasetFileReader(format: DatasetFormat, table: DatasetTable, name: string): DatasetFileReader {
  switch (format) {
    case 'long-csv':
      return longCsvReader(table, name);
    case 'kaggle-csv':
      return wideCsvReader(table, name);
    case 'petroivaniuk':
      return petroIvaniukReader(table, name);
    case 'russia-losses':
      return russiaLossesReader(table, name);
    case 'ukr-mod-data':
      return ukrModDataReader(table, name);
  }
}
