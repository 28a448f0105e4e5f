/**
 * `losstally status`: per source the latest report, lag and last fetch; the series' latest day
 * and the source that carried it; the worker; gaps and open errors. Exits 1 when a followed
 * source is stale: the sources of --sources, else those the worker follows, else every source
 * fetched from the network (datasets and pasted texts are never followed).
 */
import { addDays, daysBetween, kyivDate } from '../../dates.js';
import { readStatus, type SourceStatus, type StatusData } from '../../db/status.js';
import { excerpt, UsageError } from '../../errors.js';
import { runningWorker } from '../../worker/lock.js';
import { openForReading, type CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export interface StatusOptions {
  readonly json?: boolean;
  /** Days of lag beyond which a followed source counts as stale and the exit code is 1. */
  readonly staleAfter: string;
  /** Source ids to judge, separated by commas, instead of those the worker follows. */
  readonly sources?: string;
}

/** Days of the series looked at for days carried by a source other than the first followed one. */
const RECENT_DAYS = 14;
const LISTED = 10;
const FETCHED_KINDS = new Set(['official', 'api', 'aggregator']);

function staleAfterDays(value: string): number {
  const days = Number(value);
  if (!Number.isSafeInteger(days) || days < 0) throw new UsageError(`--stale-after must be a whole number of days, got "${excerpt(value)}"`);
  return days;
}

function followedSources(status: StatusData, flag: string | undefined): { ids: string[]; by: 'flag' | 'worker' | 'fetched' } {
  if (flag !== undefined) {
    const ids = flag.split(',').map((id) => id.trim());
    if (ids.some((id) => id === '')) throw new UsageError(`--sources must list source ids separated by commas, got "${excerpt(flag)}"`);
    return { ids, by: 'flag' };
  }
  const worker = status.worker.worker?.sources;
  if (worker && worker.length > 0) return { ids: [...worker], by: 'worker' };
  return { ids: status.sources.filter((s) => FETCHED_KINDS.has(s.kind)).map((s) => s.source), by: 'fetched' };
}

interface Judged {
  readonly source: string;
  readonly followed: boolean;
  readonly lagDays: number | null;
  readonly stale: boolean;
}

function judge(status: StatusData, followed: readonly string[], today: string, limit: number): Judged[] {
  const known = new Map(status.sources.map((s) => [s.source, s]));
  const ids = [...status.sources.map((s) => s.source), ...followed.filter((id) => !known.has(id))];
  return ids.map((source) => {
    const latest = known.get(source)?.latestDate ?? null;
    const lagDays = latest ? daysBetween(latest, today) : null;
    const isFollowed = followed.includes(source);
    return { source, followed: isFollowed, lagDays, stale: isFollowed && (lagDays === null || lagDays > limit) };
  });
}

/** Why the data is stale, for cron and monitors, or null. */
function staleness(status: StatusData, judged: readonly Judged[], followed: readonly string[], today: string, limit: number): string | null {
  if (followed.length === 0) {
    if (status.latestReportDate === null) return 'no report is stored yet; run "losstally ingest" or start the worker';
    const lag = daysBetween(status.latestReportDate, today);
    return lag > limit ? `the latest report (${status.latestReportDate}) is ${lag} days old, more than --stale-after ${limit}; is the worker running and the source reachable?` : null;
  }
  const reasons = judged
    .filter((j) => j.stale)
    .map((j) => {
      const latest = status.sources.find((s) => s.source === j.source)?.latestDate;
      return latest ? `${j.source} has no report after ${latest} (${lagText(j.lagDays)}, more than --stale-after ${limit})` : `${j.source} has no report stored`;
    });
  return reasons.length > 0 ? `${reasons.join('; ')}; is the worker running and the source reachable?` : null;
}

function lagText(lagDays: number | null): string {
  if (lagDays === null) return '-';
  return lagDays === 0 ? 'today' : `${lagDays} day${lagDays === 1 ? '' : 's'}`;
}

function fetchText(fetch: SourceStatus['lastFetch']): string {
  return fetch ? `${fetch.at} ${fetch.outcome}${fetch.error ? ` (${fetch.error})` : ''}` : '-';
}

/** Rows of cells as columns two spaces apart, the last column left ragged. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

export async function runStatus(context: CommandContext, options: StatusOptions): Promise<number> {
  const limit = staleAfterDays(options.staleAfter);
  const sqlite = openForReading(context);
  try {
    const today = kyivDate(context.now());
    const status = readStatus(sqlite, today, addDays(today, -(RECENT_DAYS - 1)));
    const followed = followedSources(status, options.sources);
    const judged = judge(status, followed.ids, today, limit);
    const stale = staleness(status, judged, followed.ids, today, limit);
    const lagDays = status.latestReportDate ? daysBetween(status.latestReportDate, today) : null;
    const preferred = followed.ids[0];
    const seriesLatest = status.recentSeries.at(-1) ?? null;
    // Days since the first followed (the preferred) source began that it did not report: another source kept the series going.
    const since = preferred ? status.sources.find((s) => s.source === preferred)?.firstDate : undefined;
    const carried = preferred && since ? status.recentSeries.filter((d) => d.date > since && !d.reportedBy.includes(preferred)) : [];
    const lock = runningWorker(context.dbPath);
    const worker = status.worker;

    if (options.json) {
      const sources = status.sources.map((s) => {
        const j = judged.find((x) => x.source === s.source);
        return { ...s, followed: j?.followed ?? false, lagDays: j?.lagDays ?? null, stale: j?.stale ?? false };
      });
      const document = {
        database: context.dbPath,
        today,
        latestReportDate: status.latestReportDate,
        lagDays,
        followed: followed.ids,
        followedFrom: followed.by,
        sources,
        series: {
          latestDate: seriesLatest?.date ?? null,
          sources: seriesLatest?.sources ?? [],
          carriedByOthers: carried.map((d) => ({ date: d.date, sources: d.sources })),
        },
        worker: { running: lock ? { pid: lock.pid, host: lock.host, startedAt: lock.startedAt } : null, lastCycle: worker.last_cycle ?? null, history: worker.history ?? null },
        gaps: status.gaps,
        openErrors: status.openErrors,
        stale: stale !== null,
      };
      context.stdout.write(JSON.stringify(document, null, 2) + '\n');
      return stale ? EXIT.failed : EXIT.ok;
    }

    const out: string[] = [];
    out.push(`database       ${context.dbPath}`);
    const cycle = worker.last_cycle ? `; last cycle ${worker.last_cycle.at}, next poll ${worker.last_cycle.nextWakeAt}` : '';
    out.push(`worker         ${lock ? `running (pid ${lock.pid}, since ${lock.startedAt})` : 'not running'}${cycle}`);
    if (worker.history) out.push(`history        ${worker.history.state === 'done' ? `brought in from ${worker.history.source} (${worker.history.from} … ${worker.history.through})` : `pending, from ${worker.history.source}`}`);
    if (seriesLatest) {
      const lag = daysBetween(seriesLatest.date, today);
      out.push(`series         ${seriesLatest.date} (${lag === 0 ? "today's" : `${lag} day(s) behind ${today}`}) from ${seriesLatest.sources.join(', ')}`);
    } else {
      out.push('series         no report stored yet');
    }
    out.push(`following      ${followed.ids.length > 0 ? followed.ids.join(', ') : 'none (no worker has run, no source was fetched)'}`);
    const rows = [['source', 'reports', 'first', 'latest', 'lag', 'last fetch']];
    for (const j of judged) {
      const s = status.sources.find((x) => x.source === j.source);
      const name = `${j.followed ? '*' : ' '} ${j.source}`;
      rows.push([name, String(s?.reports ?? 0), s?.firstDate ?? '-', s?.latestDate ?? '-', lagText(j.lagDays) + (j.stale ? ' STALE' : ''), fetchText(s?.lastFetch ?? null)]);
    }
    out.push(...table(rows).map((line) => `  ${line}`));
    for (const s of status.sources) {
      const found = s.foundBy;
      if (!found) continue;
      out.push(`  ${s.source}: the report of ${found.reportDate} was found ${found.via === 'listing' ? `in the site's listing, at ${found.url}` : `at a guessed address (${found.form} form)`}`);
    }
    for (const s of status.sources.filter((x) => x.futureReports > 0)) {
      out.push(`  ${s.source}: ${s.futureReports} report(s) dated after today (latest ${s.futureLatest}), not counted as fresh`);
    }
    if (carried.length > 0 && preferred) {
      out.push(`carried        days of the last ${RECENT_DAYS} without ${preferred}, kept by another source:`);
      for (const day of carried.slice(-LISTED)) out.push(`  ${day.date} from ${day.sources.join(', ')}`);
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
