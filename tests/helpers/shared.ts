/**
 * The reference material in ../shared (present in CI). Tests that need it skip when it is
 * absent and say so, with the count of what they skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const SAMPLES = `${SHARED}samples/`;
export const DATASETS = `${SHARED}datasets/`;
export const CORPUS = `${SHARED}corpus/`;

export function sharedAvailable(): boolean {
  return existsSync(`${SAMPLES}README.md`) && existsSync(`${DATASETS}reference_long.csv`);
}

export function listSamples(pattern: RegExp): string[] {
  if (!existsSync(SAMPLES)) return [];
  return readdirSync(SAMPLES)
    .filter((name) => pattern.test(name))
    .sort();
}

export function readSample(name: string): string {
  return readFileSync(`${SAMPLES}${name}`, 'utf8');
}

/** Reference totals keyed "date|category". */
export function readReferenceTotals(): Map<string, number> {
  const totals = new Map<string, number>();
  const lines = readFileSync(`${DATASETS}reference_long.csv`, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [date, category, total] = line.split(',');
    if (date && category && total) totals.set(`${date}|${category}`, Number(total));
  }
  return totals;
}

/** The saved real pages of ../shared/corpus and the reference they are checked against. */
export function corpusAvailable(): boolean {
  return existsSync(`${CORPUS}manifest.tsv`) && existsSync(`${DATASETS}reference_long.csv`);
}

/** Every file of ../shared/corpus, as `<set>/<name>` (the corpus path), sorted; [] without it. */
export function listCorpus(): string[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((set) => readdirSync(`${CORPUS}${set.name}`).map((name) => `${set.name}/${name}`))
    .sort();
}

/** One corpus file, read in place; `path` is its corpus path (`milgov-jj/4735914ba8177143.html`). */
export function readCorpusFile(path: string): string {
  return readFileSync(`${CORPUS}${path}`, 'utf8');
}

/** Like reportSkipped, for a suite that needs one part of ../shared (`missing`, e.g. "../shared/corpus"). */
export function reportSkippedWithout(what: string, missing: string): void {
  console.warn(`SKIPPED ${what}: ${missing} is not present next to the project`);
}

export function reportSkipped(what: string): void {
  // Printed so a run without ../shared says what it did not test.
  console.warn(`SKIPPED ${what}: ../shared is not present next to the project`);
}
