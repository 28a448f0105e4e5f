/**
 * The local mirror the README's examples run against: mod.gov.ua's daily posts and the
 * russianwarship.rip API over a synthetic history from the war's first report to `today`, with
 * the four real mod.gov.ua pages of 27-30 July 2026 that the project ships in
 * tests/fixtures/mod (a transposed tanks total, a line without a total, a missing line) served
 * in place of those days.
 *
 *   npm run mirror                   serves on http://127.0.0.1:8080 until Ctrl-C
 *   npm run mirror -- --port 0       any free port (the first line names it)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/config.js';
import { daysBetween, FIRST_REPORT_DATE, kyivDate } from '../src/dates.js';
import { modUrlsFor } from '../src/sources/mod/urls.js';
import { startSyntheticSite, type SyntheticSite } from './synthetic-site.js';
import { syntheticHistory } from './synthetic.js';

/** The days whose real pages the project ships. */
export const REAL_MOD_DAYS = ['2026-07-27', '2026-07-28', '2026-07-29', '2026-07-30'];

const FIXTURES = join(packageRoot(), 'tests', 'fixtures', 'mod');

export async function startExampleSite(options: { port?: number; today: string }): Promise<SyntheticSite> {
  const days = syntheticHistory(daysBetween(FIRST_REPORT_DATE, options.today) + 1, FIRST_REPORT_DATE);
  const pages = Object.fromEntries(
    REAL_MOD_DAYS.map((date) => [new URL(modUrlsFor(date)[0] as string).pathname, { body: readFileSync(join(FIXTURES, `${date}.html`), 'utf8'), source: 'mod' as const, date }]),
  );
  return startSyntheticSite({ days, pages, ...(options.port !== undefined ? { port: options.port } : {}) });
}

// Run as a script: serve until stopped.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--port');
  const port = at >= 0 ? Number(process.argv[at + 1]) : 8080;
  const site = await startExampleSite({ port, today: kyivDate(new Date()) });
  process.stdout.write(`mirror of mod.gov.ua and russianwarship.rip at ${site.url}; Ctrl-C stops\n`);
  const stop = async () => {
    await site.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
