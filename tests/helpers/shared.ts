/**
 * The reference material in ../shared (present in CI). Tests that need it skip when it is
 * absent and say so, with the count of what they skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const SAMPLES = `${SHARED}samples/`;
export const DATASETS = `${SHARED}datasets/`;

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

export function reportSkipped(what: string): void {
  // Printed so a run without ../shared says what it did not test.
  console.warn(`SKIPPED ${what}: ../shared is not present next to the project`);
}
