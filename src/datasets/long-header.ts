/**
 * The header of a long CSV, the one rule for recognising a file as one (`import` without
 * `--format`) and for reading it: the columns `date`, `category` and `total`, optionally `delta`,
 * and `day`, `source` and `flags` as the long shape of `losstally export` writes them; in any
 * order, each once, names compared as keys.ts compares them (case, spaces).
 */
import { excerpt } from '../errors.js';
import { normaliseColumnName } from './keys.js';

const REQUIRED = ['date', 'category', 'total'] as const;
const OPTIONAL = ['delta', 'day', 'source', 'flags'] as const;

type RequiredColumn = (typeof REQUIRED)[number];
type OptionalColumn = (typeof OPTIONAL)[number];
export type LongColumn = RequiredColumn | OptionalColumn;

/** Where each column is in a record; an optional column only when the header has it. */
export type LongColumns = { readonly [K in RequiredColumn]: number } & { readonly [K in OptionalColumn]?: number };

const KNOWN: ReadonlySet<string> = new Set<string>([...REQUIRED, ...OPTIONAL]);

/** The columns in words, for messages. */
export const LONG_COLUMNS_IN_WORDS = `${REQUIRED.join(', ')} and optionally ${OPTIONAL.join(', ')}`;

export type LongHeader = { readonly columns: LongColumns } | { readonly problem: string };

/** The columns of a long CSV header (its cells), or what keeps it from being one. */
export function readLongHeader(cells: readonly string[]): LongHeader {
  const found = new Map<string, number>();
  for (const [index, cell] of cells.entries()) {
    const name = normaliseColumnName(cell);
    if (!KNOWN.has(name)) return { problem: `unknown column "${excerpt(cell)}"` };
    if (found.has(name)) return { problem: `the column "${name}" appears twice` };
    found.set(name, index);
  }
  const missing = REQUIRED.find((name) => !found.has(name));
  if (missing) return { problem: `no "${missing}" column` };
  return { columns: Object.fromEntries(found) as LongColumns };
}

export function isLongHeader(cells: readonly string[]): boolean {
  return 'columns' in readLongHeader(cells);
}
