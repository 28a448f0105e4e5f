/** Printing of rows for the read commands: one set of formats for all of them. */
import { stringify } from 'csv-stringify/sync';
import { safeCell } from '../analyst/csv-cells.js';

export type RowFormat = 'table' | 'csv' | 'json' | 'nl';
export type Row = Readonly<Record<string, unknown>>;

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isBytes(value)) return `<${value.length} bytes>`;
  return String(value);
}

function displayWidth(text: string): number {
  return [...text].length;
}

export function formatTable(columns: readonly string[], rows: readonly Row[]): string {
  const widths = columns.map((c) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(cell(r[c])))));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - displayWidth(v));
        // Numbers read best right-aligned.
        return /^[+-]?\d+$/.test(v) ? pad + v : v + pad;
      })
      .join('  ')
      .trimEnd();
  const out = [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))];
  return out.join('\n') + '\n';
}

export function formatCsv(columns: readonly string[], rows: readonly Row[]): string {
  return stringify(
    rows.map((r) => columns.map((c) => safeCell(isBytes(r[c]) ? cell(r[c]) : r[c]))),
    { header: true, columns: [...columns], record_delimiter: 'unix', cast: { boolean: (v) => (v ? '1' : '0') } },
  );
}

export function formatJson(columns: readonly string[], rows: readonly Row[]): string {
  const objects = rows.map((r) => Object.fromEntries(columns.map((c) => [c, isBytes(r[c]) ? cell(r[c]) : (r[c] ?? null)])));
  return JSON.stringify(objects, null, 2) + '\n';
}

/** Newline-delimited JSON: one object per line, for streams and `jq`. */
export function formatNl(columns: readonly string[], rows: readonly Row[]): string {
  return rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, isBytes(r[c]) ? cell(r[c]) : (r[c] ?? null)])))).join('\n') + (rows.length > 0 ? '\n' : '');
}

export function formatRows(format: RowFormat, columns: readonly string[], rows: readonly Row[]): string {
  if (format === 'csv') return formatCsv(columns, rows);
  if (format === 'nl') return formatNl(columns, rows);
  if (format === 'json') return formatJson(columns, rows);
  return formatTable(columns, rows);
}
