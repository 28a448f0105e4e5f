/** `losstally status`: latest report, lag, gaps, last fetch per source, open errors. */
import { daysBetween, dateInZone, KYIV_TIME_ZONE } from '../../dates.js';
import { readStatus } from '../../db/status.js';
import { UsageError } from '../../errors.js';
import { openForReading, type CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export interface StatusOptions {
  readonly json?: boolean;
  /** Days of lag beyond which the data counts as stale and the exit code is 1. */
  readonly staleAfter: string;
}

function staleAfterDays(value: string): number {
  const days = Number(value);
  if (!Number.isSafeInteger(days) || days < 0) throw new UsageError(`--stale-after must be a whole number of days, got "${value}"`);
  return days;
}

/** After printing: why the data is stale, for cron and monitors, or null. */
function staleness(latest: string | null, lagDays: number | null, limit: number): string | null {
  if (latest === null) return 'no report is stored yet; run "losstally ingest" or start the worker';
  if (lagDays !== null && lagDays > limit) {
    return `the latest report (${latest}) is ${lagDays} days old, more than --stale-after ${limit}; is the worker running and the source reachable?`;
  }
  return null;
}

const LISTED = 10;

export async function runStatus(context: CommandContext, options: StatusOptions): Promise<number> {
  const limit = staleAfterDays(options.staleAfter);
  const sqlite = openForReading(context);
  try {
    const status = readStatus(sqlite);
    const today = dateInZone(context.now(), KYIV_TIME_ZONE);
    const lagDays = status.latestReportDate ? daysBetween(status.latestReportDate, today) : null;
    const stale = staleness(status.latestReportDate, lagDays, limit);
    if (options.json) {
      context.stdout.write(JSON.stringify({ database: context.dbPath, today, ...status, lagDays, stale: stale !== null }, null, 2) + '\n');
      return stale ? EXIT.failed : EXIT.ok;
    }
    const out: string[] = [];
    out.push(`database       ${context.dbPath}`);
    out.push(
      status.latestReportDate
        ? `latest report  ${status.latestReportDate} (${lagDays === 0 ? "today's" : `${lagDays} day(s) behind ${today}`})`
        : 'latest report  none stored yet',
    );
    for (const s of status.sources) {
      const range = s.firstDate ? `${s.reports} report(s) ${s.firstDate} … ${s.latestDate}` : 'no reports';
      const fetch = s.lastFetch ? `; last fetch ${s.lastFetch.at} ${s.lastFetch.outcome}${s.lastFetch.error ? ` (${s.lastFetch.error})` : ''}` : '';
      out.push(`source ${s.source.padEnd(8)}${range}${fetch}`);
    }
    out.push(`gaps           ${status.gaps.length === 0 ? 'none' : status.gaps.length}`);
    for (const g of status.gaps.slice(0, LISTED)) out.push(`  ${g.source}: ${g.missingDays} day(s) missing between ${g.after} and ${g.before}`);
    if (status.gaps.length > LISTED) out.push(`  … ${status.gaps.length - LISTED} more (status --json lists all)`);
    out.push(`open errors    ${status.openErrors.length === 0 ? 'none' : status.openErrors.length}`);
    for (const e of status.openErrors.slice(0, LISTED)) out.push(`  ${e.date} ${e.source} ${e.kind}${e.category ? ` ${e.category}` : ''}: ${e.detail}`);
    if (status.openErrors.length > LISTED) out.push(`  … ${status.openErrors.length - LISTED} more (losstally check lists all)`);
    context.stdout.write(out.join('\n') + '\n');
    if (stale) {
      context.stderr.write(`Error: ${stale}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } finally {
    sqlite.close();
  }
}
