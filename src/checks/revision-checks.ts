/** Findings about a source re-publishing a day with different figures. */
import { finding, type Finding } from './findings.js';
import type { CheckedFigure } from './series-checks.js';

export interface Revision {
  readonly revision: number;
  readonly figures: readonly CheckedFigure[];
}

function describe(value: number | null): string {
  return value === null ? 'none' : String(value);
}

/** One `revised` finding per category whose total or delta changed between two revisions. */
export function checkRevision(source: string, date: string, before: Revision, after: Revision): Finding[] {
  const found: Finding[] = [];
  const old = new Map(before.figures.map((f) => [f.category, f]));
  const fresh = new Map(after.figures.map((f) => [f.category, f]));
  const categories = [...new Set([...old.keys(), ...fresh.keys()])].sort();
  for (const category of categories) {
    const a = old.get(category);
    const b = fresh.get(category);
    if (a && b && a.total === b.total && a.delta === b.delta) continue;
    const change = !a
      ? `adds ${category} (total ${describe(b?.total ?? null)})`
      : !b
        ? `drops ${category} (was ${describe(a.total)})`
        : `changes ${category} from ${describe(a.total)} (delta ${describe(a.delta)}) to ${describe(b.total)} (delta ${describe(b.delta)})`;
    found.push(
      finding({
        date,
        source,
        category,
        kind: 'revised',
        expected: a?.total ?? null,
        actual: b?.total ?? null,
        detail: `revision ${after.revision} ${change}`,
      }),
    );
  }
  return found;
}
