/**
 * Every source losstally knows, with its place in the source priority behind the `series`
 * views: official sources first, then the API, the aggregator, datasets and pasted texts.
 * Imported files are sources of their own, registered when imported, with the priority of
 * their kind. LOSSTALLY_SOURCE_PRIORITY reorders sources and kinds.
 */
export type SourceKind = 'official' | 'api' | 'aggregator' | 'dataset' | 'text';

export interface SourceEntry {
  readonly id: string;
  readonly title: string;
  readonly kind: SourceKind;
}

export const SOURCE_CATALOGUE: readonly SourceEntry[] = [
  { id: 'mod', title: 'mod.gov.ua', kind: 'official' },
  { id: 'milgov', title: 'mil.gov.ua', kind: 'official' },
  { id: 'kmu', title: 'kmu.gov.ua', kind: 'official' },
  { id: 'russianwarship', title: 'russianwarship.rip API', kind: 'api' },
  { id: 'minfin', title: 'index.minfin.com.ua', kind: 'aggregator' },
  { id: 'text', title: 'pasted text', kind: 'text' },
];

export const DEFAULT_PRIORITY_ORDER: readonly string[] = ['mod', 'milgov', 'kmu', 'official', 'api', 'aggregator', 'dataset', 'text'];

/**
 * A source's priority (lower wins): its place in `order`, where an entry is a source id or a
 * kind; a source matched by neither comes after all of them.
 */
export function sourcePriority(source: { id: string; kind: string }, order: readonly string[] = DEFAULT_PRIORITY_ORDER): number {
  const byId = order.indexOf(source.id);
  if (byId >= 0) return (byId + 1) * 10;
  const byKind = order.indexOf(source.kind);
  if (byKind >= 0) return (byKind + 1) * 10 + 5;
  return (order.length + 1) * 10;
}
