/** The kinds of finding, their severities, and the finding record every check returns. */

export const FINDING_SEVERITY = {
  delta_mismatch: 'error',
  total_decreased: 'warning',
  gap: 'info',
  category_missing: 'error',
  category_new: 'info',
  category_unknown: 'warning',
  total_missing: 'warning',
  delta_missing: 'warning',
  outlier: 'warning',
  source_disagreement: 'warning',
  revised: 'info',
} as const;

export type FindingKind = keyof typeof FINDING_SEVERITY;
export type Severity = (typeof FINDING_SEVERITY)[FindingKind];

export interface Finding {
  readonly date: string;
  readonly source: string;
  /** Null for findings about the whole report (a gap) or a line with an unknown label. */
  readonly category: string | null;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly expected: number | null;
  readonly actual: number | null;
  readonly detail: string;
}

export function finding(fields: Omit<Finding, 'severity'>): Finding {
  return { ...fields, severity: FINDING_SEVERITY[fields.kind] };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The one order findings are listed in: by date, source, category, then kind. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.date.localeCompare(b.date) ||
    a.source.localeCompare(b.source) ||
    (a.category ?? '').localeCompare(b.category ?? '') ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.kind.localeCompare(b.kind) ||
    a.detail.localeCompare(b.detail)
  );
}
