/**
 * Every source losstally knows, with its place in the source priority behind the `series`
 * views: official sources first, then the API, the aggregator, datasets and pasted texts.
 */
export type SourceKind = 'official' | 'api' | 'aggregator' | 'dataset' | 'text';

export interface SourceEntry {
  readonly id: string;
  readonly title: string;
  readonly kind: SourceKind;
  /** Lower wins when two sources report the same (date, category). */
  readonly priority: number;
}

export const SOURCE_CATALOGUE: readonly SourceEntry[] = [
  { id: 'mod', title: 'mod.gov.ua', kind: 'official', priority: 10 },
  { id: 'milgov', title: 'mil.gov.ua', kind: 'official', priority: 20 },
  { id: 'kmu', title: 'kmu.gov.ua', kind: 'official', priority: 30 },
  { id: 'text', title: 'pasted text', kind: 'text', priority: 90 },
];
