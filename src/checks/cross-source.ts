/**
 * Where sources disagree: for each (date, category) reported by more than one source, every
 * total that differs from the preferred source's is a `source_disagreement`, filed under the
 * source that differs and naming both sources and values.
 */
import { finding, type Finding } from './findings.js';

export interface SourceTotal {
  readonly date: string;
  readonly category: string;
  readonly source: string;
  /** Lower wins: the preferred source is the reference the others are compared with. */
  readonly priority: number;
  readonly total: number;
}

// Ties are broken by source id in binary order, as the `series` view (SQLite) breaks them.
function byPreference(a: SourceTotal, b: SourceTotal): number {
  return a.priority - b.priority || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);
}

export function checkSourceAgreement(totals: readonly SourceTotal[]): Finding[] {
  const groups = new Map<string, SourceTotal[]>();
  for (const row of totals) {
    const key = `${row.date}|${row.category}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const found: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [preferred, ...others] = [...group].sort(byPreference);
    if (!preferred) continue;
    for (const other of others) {
      if (other.total === preferred.total) continue;
      found.push(
        finding({
          date: other.date,
          source: other.source,
          category: other.category,
          kind: 'source_disagreement',
          expected: preferred.total,
          actual: other.total,
          detail: `${other.source} says ${other.total}, ${preferred.source} says ${preferred.total} (${other.total > preferred.total ? '+' : ''}${other.total - preferred.total})`,
        }),
      );
    }
  }
  return found;
}
