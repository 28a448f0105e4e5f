import { describe, expect, it } from 'vitest';
import { checkRevision } from '../../src/checks/revision-checks.js';

describe('checkRevision', () => {
  it('reports each category whose figures changed between two revisions', () => {
    const before = { revision: 1, figures: [{ category: 'tanks', total: 12262, delta: 1 }, { category: 'afv', total: 25038, delta: 6 }] };
    const after = { revision: 2, figures: [{ category: 'tanks', total: 12226, delta: 1 }, { category: 'afv', total: 25038, delta: 6 }, { category: 'mlrs', total: 1970, delta: 1 }] };
    expect(checkRevision('mod', '2026-07-28', before, after)).toEqual([
      {
        date: '2026-07-28',
        source: 'mod',
        category: 'mlrs',
        kind: 'revised',
        severity: 'info',
        expected: null,
        actual: 1970,
        detail: 'revision 2 adds mlrs (total 1970)',
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
    const before = { revision: 1, figures: [{ category: 'special_equipment', total: 4478, delta: 2 }] };
    const after = { revision: 2, figures: [] };
    expect(checkRevision('mod', '2026-07-29', before, after)).toEqual([
      {
        date: '2026-07-29',
        source: 'mod',
        category: 'special_equipment',
        kind: 'revised',
        severity: 'info',
        expected: 4478,
        actual: null,
        detail: 'revision 2 drops special_equipment (was 4478)',
      },
    ]);
  });
});
