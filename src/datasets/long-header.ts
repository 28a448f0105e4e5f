/**
 * The header of a long CSV, the one rule for recognising a file as one (`import` without
 * `--format`) and for reading it: the columns `date`, `category` and `total`, optionally `delta`,
 * and `day`, `source` and `flags` as the long shape of `losstally export` writes them; in any
 * order, each once, names compared as keys.ts compares them (case, spaces). Other long layouts
 * (JJ's ukr-mod-data.csv, ukr-mod-data.ts) name their columns their own way and are read by the
 * same rule.
 */
import { excerpt } from '../errors.js';
import { normaliseColumnName } from './keys.js';

const REQUIRED = ['date', 'category', 'total'] as const;
const OPTIONAL = ['delta', 'day', 'source', 'flags'] as const;

type RequiredColumn = (typeof REQUIRED)[number];
type OptionalColumn = (typeof OPTIONAL)[number];
export type LongColumn = RequiredColumn | OptionalColumn;

/** Where each column is in a record; an optional column only when the header has it. */
export type NamedColumns<R extends string, O extends string> = { readonly [K in R]: number } & { readonly [K in O]?: number };

export type LongColumns = NamedColumns<RequiredColumn, OptionalColumn>;

/** The columns in words, for messages. */
export function columnsInWords(required: readonly string[], optional: readonly string[]): string {
  return optional.length === 0 ? required.join(', ') : `${required.join(', ')} and optionally ${optional.join(', ')}`;
}

export const LONG_COLUMNS_IN_WORDS = columnsInWords(REQUIRED, OPTIONAL);

export type NamedHeader<R extends string, O extends string> = { readonly columns: NamedColumns<R, O> } | { readonly problem: string };

export type LongHeader = NamedHeader<RequiredColumn, OptionalColumn>;

/**
 * The columns of a header (its cells) that must name each of `required` and may name each of
 * `optional`, each once and nothing else; or what keeps it from being one.
 */
export function readNamedHeader<R extends string, O extends string>(cells: readonly string[], required: readonly R[], optional: readonly O[]): NamedHeader<R, O> {
  const known: ReadonlySet<string> = new Set<string>([...required, ...optional]);
  const found = new Map<string, number>();
  for (const [index, cell] of cells.entries()) {
    const name = normaliseColumnName(cell);
    if (!known.has(name)) return { problem: `unknown column "${excerpt(cell)}"` };
    if (found.has(name)) return { problem: `the column "${name}" appears twice` };
    found.set(name, index);
  }
  const missing = required.find((name) => !found.has(name));
  if (missing) return { problem: `no "${missing}" column` };
  return { columns: Object.fromEntries(found) as NamedColumns<R, O> };
}

/** The columns of a long CSV header (its cells), or what keeps it from being one. */
export function readLongHeader(cells: readonly string[]): LongHeader {
  return readNamedHeader(cells, REQUIRED, OPTIONAL);
}

export function isLongHeader(cells: readonly string[]): boolean {
  return 'columns' in readLongHeader(cells);
}
