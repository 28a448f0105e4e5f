import { describe, expect, it } from 'vitest';
import { changedLines, checkRevision, type RevisionLine } from '../../src/checks/revision-checks.js';

const line = (category: string | null, label: string, total: number | null, delta: number | null, qualifier: string | null = null): RevisionLine => ({
  category,
  label,
  total,
  delta,
  qualifier,
});

describe('checkRevision', () => {
  it('reports each category whose figures changed between two revisions', () => {
    const before = { revision: 1, lines: [line('tanks', 'танки', 12262, 1), line('afv', 'бойові броньовані машини', 25038, 6)] };
    const after = {
      revision: 2,
      lines: [line('tanks', 'танки', 12226, 1), line('afv', 'бойові броньовані машини', 25038, 6), line('mlrs', 'РСЗВ', 1970, 1)],
    };
    expect(checkRevision('mod', '2026-07-28', before, after)).toEqual([
      {
        date: '2026-07-28',
        source: 'mod',
        category: 'mlrs',
        kind: 'revised',
        severity: 'info',
        expected: null,
        actual: 1970,
        detail: 'revision 2 adds mlrs: 1970 (delta 1)',
      },
      {
        date: '2026-07-28',
        source: 'mod',
        category: 'tanks',
        kind: 'revised',
        severity: 'info',
        expected: 12262,
        actual: 12226,
        detail: 'revision 2 changes tanks from 12262 (delta 1) to 12226 (delta 1)',
      },
    ]);
  });

  it('reports a category dropped by the new revision', () => {
    const before = { revision: 1, lines: [line('special_equipment', 'спеціальна техніка', 4478, 2)] };
    const after = { revision: 2, lines: [] };
    expect(checkRevision('mod', '2026-07-29', before, after)).toEqual([
      {
        date: '2026-07-29',
        source: 'mod',
        category: 'special_equipment',
        kind: 'revised',
        severity: 'info',
        expected: 4478,
        actual: null,
        detail: 'revision 2 drops special_equipment (was 4478 (delta 2))',
      },
    ]);
  });

  it('reports a changed qualifier and a changed line with an unknown label', () => {
    const before = { revision: 1, lines: [line('personnel', 'особового складу', 273980, 520), line(null, 'безпілотні катери', 12, 1)] };
    const after = { revision: 2, lines: [line('personnel', 'особового складу', 273980, 520, 'about'), line(null, 'Безпілотні  катери', 13, 1)] };
    expect(checkRevision('mod', '2023-09-20', before, after).map((f) => [f.category, f.expected, f.actual, f.detail])).toEqual([
      [null, 12, 13, 'revision 2 changes the unknown line "Безпілотні  катери" from 12 (delta 1) to 13 (delta 1)'],
      ['personnel', 273980, 273980, 'revision 2 changes personnel from 273980 (delta 520) to about 273980 (delta 520)'],
    ]);
  });
});

describe('changedLines', () => {
  it('sees no change when only the wording of a label differs', () => {
    expect(changedLines([line('uav', 'БПЛА оперативно-тактичного рівня', 4821, 37)], [line('uav', 'БпЛА оперативно-тактичного рівня', 4821, 37)])).toEqual([]);
  });
});
