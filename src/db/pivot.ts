/**
 * The wide shape of a long view (one row per date and category): one row per date, and per
 * category a column of each field, `max(case when category = key then field end)`. The
 * `series_wide` view (migrate.ts) and the wide clean export (export.ts) are both built here, so
 * that their columns are named, ordered and checked the same way.
 */

/** A field of the long view and the suffix its column gets after the category key. */
export interface WideField {
  readonly field: string;
  readonly suffix: string;
}

/** `series_wide`: the total under the key, then the stated delta. */
export const SERIES_WIDE_FIELDS: readonly WideField[] = [
  { field: 'total', suffix: '' },
  { field: 'delta', suffix: '_delta' },
];

/** The wide clean series: the best estimate under the key, then its status (stated, repaired, inferred, disputed). */
export const CLEAN_WIDE_FIELDS: readonly WideField[] = [
  { field: 'value', suffix: '' },
  { field: 'status', suffix: '_status' },
];

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** The column names, categories in the order given, each category's fields together. */
export function wideColumnNames(categoryKeys: readonly string[], fields: readonly WideField[]): string[] {
  return categoryKeys.flatMap((key) => fields.map((f) => `${key}${f.suffix}`));
}

/** The select expressions of the pivot; the keys become column names, so only plain identifiers pass. */
export function pivotColumns(categoryKeys: readonly string[], fields: readonly WideField[]): string[] {
  return categoryKeys.flatMap((key) => {
    if (!IDENTIFIER.test(key)) throw new Error(`category key "${key}" cannot be a column name`);
    return fields.map((f) => `max(case when category = '${key}' then ${f.field} end) as ${key}${f.suffix}`);
  });
}
