/**
 * What a re-published report changed. Two revisions say the same thing when every category
 * (and every line with an unknown label) has the same total, delta and qualifier; the label's
 * wording alone ("БПЛА" / "БпЛА") is not a change.
 */
import { normaliseLabel } from '../report/label-text.js';
import { finding, type Finding } from './findings.js';

export interface RevisionLine {
  /** Null for a line whose label maps to no category. */
  readonly category: string | null;
  readonly label: string;
  readonly total: number | null;
  readonly delta: number | null;
  readonly qualifier: string | null;
}

export interface Revision {
  readonly revision: number;
  readonly lines: readonly RevisionLine[];
}

export interface LineChange {
  readonly before: RevisionLine | null;
  readonly after: RevisionLine | null;
}

function identity(line: RevisionLine): string {
  return line.category ?? `label:${normaliseLabel(line.label)}`;
}

function sameValues(a: RevisionLine, b: RevisionLine): boolean {
  return a.total === b.total && a.delta === b.delta && a.qualifier === b.qualifier;
}

/** The lines that differ between two revisions, in a stable order. */
export function changedLines(before: readonly RevisionLine[], after: readonly RevisionLine[]): LineChange[] {
  const old = new Map(before.map((l) => [identity(l), l]));
  const fresh = new Map(after.map((l) => [identity(l), l]));
  const keys = [...new Set([...old.keys(), ...fresh.keys()])].sort();
  const changes: LineChange[] = [];
  for (const key of keys) {
    const a = old.get(key) ?? null;
    const b = fresh.get(key) ?? null;
    if (a && b && sameValues(a, b)) continue;
    changes.push({ before: a, after: b });
  }
  return changes;
}

function describe(value: number | null): string {
  return value === null ? 'none' : String(value);
}

function describeLine(line: RevisionLine): string {
  const qualifier = line.qualifier ? `${line.qualifier} ` : '';
  return `${qualifier}${describe(line.total)} (delta ${describe(line.delta)})`;
}

/** One `revised` finding per category (or unknown line) whose figures changed between two revisions. */
export function checkRevision(source: string, date: string, before: Revision, after: Revision): Finding[] {
  return changedLines(before.lines, after.lines).map(({ before: a, after: b }) => {
    const line = (b ?? a) as RevisionLine;
    const name = line.category ?? `the unknown line "${line.label}"`;
    const change = !a
      ? `adds ${name}: ${describeLine(line)}`
      : !b
        ? `drops ${name} (was ${describeLine(a)})`
        : `changes ${name} from ${describeLine(a)} to ${describeLine(b)}`;
    return finding({
      date,
      source,
      category: line.category,
      kind: 'revised',
      expected: a?.total ?? null,
      actual: b?.total ?? null,
      detail: `revision ${after.revision} ${change}`,
    });
  });
}
