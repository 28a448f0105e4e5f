/** `losstally status`: latest report, lag, gaps, last fetch per source, open errors. */
import { daysBetween, dateInZone, KYIV_TIME_ZONE } from '../../dates.js';
import { readStatus } from '../../db/status.js';
import { openForReading, type CommandContext } from '../context.js';

export interface StatusOptions {
  readonly json?: boolean;
}

const LISTED = 10;

export async function runStatus(context: CommandContext, options: StatusOptions): Promise<number> {
  const sqlite = openForReading(context);
  try {
    const status = readStatus(sqlite);
    const today = dateInZone(context.now(), KYIV_TIME_ZONE);
    const lagDays = status.latestReportDate ? daysBetween(status.latestReportDate, today) : null;
    if (options.json) {
      context.stdout.write(JSON.stringify({ database: context.dbPath, today, ...status, lagDays }, null, 2) + '\n');
      return 0;
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
    return 0;
  } finally {
    sqlite.close();
  }
}
