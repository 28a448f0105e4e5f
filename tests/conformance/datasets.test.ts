/**
 * Conformance: the real datasets in ../shared/datasets imported through `import`, checked by
 * `check`: the PetroIvaniuk history with its known decreases, and the minfin-derived CSV beside
 * it with the disagreements listed in reference_known_issues.csv.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/findings.js';
import { importPath } from '../../src/ingest/import.js';
import { recomputeFindings } from '../../src/ingest/recheck.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { DATASETS, readReferenceTotals, reportSkipped, sharedAvailable } from '../helpers/shared.js';

const available = sharedAvailable();
if (!available) reportSkipped('the dataset conformance suite (import and check of the real datasets)');

interface KnownIssue {
  date: string;
  category: string;
  referenceTotal: number;
  issue: string;
  detail: string;
}

function knownIssues(): KnownIssue[] {
  const lines = readFileSync(`${DATASETS}reference_known_issues.csv`, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [date = '', category = '', total = '', issue = '', ...rest] = line.split(',');
    return { date, category, referenceTotal: Number(total), issue, detail: rest.join(',').replace(/^"|"$/g, '') };
  });
}

describe.runIf(available)('the PetroIvaniuk dataset and the minfin-derived CSV, imported and checked', () => {
  let db: TestDb;
  let findings: Finding[] = [];
  const PETRO = 'petroivaniuk:2022-Ukraine-Russia-War-Dataset';
  const ROMAN = 'kaggle-csv:russian-Losses-in-Ukraine';

  beforeAll(async () => {
    db = await createTestDb();
    const now = '2026-11-25T10:00:00.000Z';
    const petro = await importPath(db.kysely, { path: `${DATASETS}2022-Ukraine-Russia-War-Dataset/`, now });
    expect([petro.source, petro.stored]).toEqual([PETRO, 1626]);
    findings = await recomputeFindings(db.kysely);
  }, 60_000);

  afterAll(async () => {
    await db.dispose();
  });

  it('stores 1,626 days with every category the dataset holds for each date', () => {
    const stored = db.sqlite
      .prepare(`select r.report_date as date, f.category, f.total from reports r join figures f on f.report_id = r.id where r.source = ?`)
      .all(PETRO) as { date: string; category: string; total: number }[];
    const reference = readReferenceTotals();
    expect(new Set(stored.map((r) => r.date)).size).toBe(1626);
    expect(new Map(stored.map((r) => [`${r.date}|${r.category}`, r.total]))).toEqual(reference);
  });

  it('reports every decrease of the known-issues file as total_decreased, and no delta_mismatch', () => {
    const decreases = knownIssues()
      .filter((i) => i.issue === 'decrease')
      .map((i) => `${i.date} ${i.category} ${i.referenceTotal}`)
      .sort();
    const found = findings
      .filter((f) => f.source === PETRO && f.kind === 'total_decreased')
      .map((f) => `${f.date} ${f.category} ${f.actual}`)
      .sort();
    expect(found).toEqual(decreases);
    expect(findings.filter((f) => f.kind === 'delta_mismatch')).toEqual([]);
  });

  it('finds each value that differs from the minfin scrapes as a source_disagreement with both values', async () => {
    const roman = await importPath(db.kysely, { path: `${DATASETS}russian-Losses-in-Ukraine/`, now: '2026-11-25T10:00:00.000Z' });
    expect(roman.source).toBe(ROMAN);
    const all = await recomputeFindings(db.kysely);
    const disagreements = new Set(
      all.filter((f) => f.kind === 'source_disagreement').map((f) => `${f.date} ${f.category} ${[f.expected, f.actual].sort().join('/')}`),
    );
    const listed = knownIssues()
      .filter((i) => i.issue === 'differs_from_minfin_scrapes')
      .map((i) => {
        const romanValue = Number(/roman=(\d+)/.exec(i.detail)?.[1]);
        return `${i.date} ${i.category} ${[i.referenceTotal, romanValue].sort().join('/')}`;
      });
    expect(listed.length).toBe(70);
    expect(listed.filter((key) => !disagreements.has(key))).toEqual([]);
    expect(disagreements.has('2022-02-26 aircraft 16/27')).toBe(true);
  }, 60_000);
});
