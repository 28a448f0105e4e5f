/** Numbers written the way journalists write them, rewritten as digits before the grammar reads a line. */
import { describe, expect, it } from 'vitest';
import { spellOutNumbers } from '../../src/report/number-words.js';

describe('spellOutNumbers', () => {
  it('reads a scale word after a count, with the remainder below it, in any language of the tables', () => {
    expect(spellOutNumbers('особового складу – 519 тис. 750 (+1 тис. 100 за добу)')).toEqual({ text: 'особового складу – 519750 (+1100 за добу)', notes: [] });
    expect(spellOutNumbers('Втрати росії перевищили 1 мільйон 144 830 осіб')).toEqual({ text: 'Втрати росії перевищили 1144830 осіб', notes: [] });
    expect(spellOutNumbers('близько 1 млн 178 тис. 610 (+1 тис. 240 за добу) осіб')).toEqual({ text: 'близько 1178610 (+1240 за добу) осіб', notes: [] });
    expect(spellOutNumbers('около 2 тысяч танков')).toEqual({ text: 'около 2000 танков', notes: [] });
  });

  it('reads a decimal count of a scale as about that many, and says so', () => {
    expect(spellOutNumbers('знищено 29,2 тисячі БпЛА')).toEqual({ text: 'знищено about 29200 БпЛА', notes: ['"29,2 тисячі" is a rounded number: read as about 29200'] });
    expect(spellOutNumbers('Russia has lost 1.2 million troops')).toEqual({ text: 'Russia has lost about 1200000 troops', notes: ['"1.2 million" is a rounded number: read as about 1200000'] });
  });

  it('reads a whole count followed by a scale word as the count, and says so', () => {
    expect(spellOutNumbers('артилерійських систем – 34 100 тис.')).toEqual({ text: 'артилерійських систем – 34100', notes: ['"34 100 тис.": a whole count followed by "тис."; read as 34100'] });
  });

  it('reads a small count in words only before a category', () => {
    expect(spellOutNumbers('… 28 ships and boats, and one submarine.')).toEqual({ text: '… 28 ships and boats, and 1 submarine.', notes: [] });
    expect(spellOutNumbers('знищено один танк')).toEqual({ text: 'знищено 1 танк', notes: [] });
    expect(spellOutNumbers('one of the largest attacks')).toEqual({ text: 'one of the largest attacks', notes: [] });
  });

  it('leaves a line without number words as it was', () => {
    const line = 'танків ‒ 4635 (+7) од, з 24.02.22 по 19.02.24';
    expect(spellOutNumbers(line)).toEqual({ text: line, notes: [] });
  });
});
