/** `losstally backfill --from D --to D`: every day of a range, by the source's cheapest path. */
import { addDays, kyivDate, WAR_START } from '../../dates.js';
import { excerpt, UsageError } from '../../errors.js';
import { createHttpClient } from '../../http/client.js';
import { createPoliteFetcher } from '../../http/polite.js';
import { backfill } from '../../ingest/backfill.js';
import { parseBaseUrl } from '../../sources/base-url.js';
import { FETCHABLE_SOURCES } from '../../sources/registry.js';
import { openForWriting, type CommandContext } from '../context.js';
import { clipToWar, parseDateRange } from '../options.js';
import { createProgress } from '../progress.js';

export interface BackfillOptions {
  readonly from?: string;
  readonly to?: string;
  readonly source: string;
  readonly concurrency: string;
  readonly refetch?: boolean;
  readonly baseUrl?: string;
}

const LISTED = 20;

export async function runBackfill(context: CommandContext, options: BackfillOptions): Promise<number> {
  const source = FETCHABLE_SOURCES[options.source];
  if (!source) throw new UsageError(`--source must be one of ${Object.keys(FETCHABLE_SOURCES).join(', ')}, got "${excerpt(options.source)}"`);
  if (!options.from) throw new UsageError('--from is required: the first report date to fetch, e.g. --from 2022-02-24');
  const today = kyivDate(context.now());
  const range = parseDateRange(options.from, options.to ?? today);
  // Days outside the war hold no report: they are never asked for.
  const war = clipToWar(range.from as string, range.to as string, today);
  if (!war) throw new UsageError(`--from ${range.from} … --to ${range.to} holds no day of the war (${WAR_START} to tomorrow, ${addDays(today, 1)})`);
  for (const note of war.notes) context.stderr.write(`note: ${note}\n`);
  const { from, to } = war;
  const concurrency = Number(options.concurrency);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a positive whole number, got "${excerpt(options.concurrency)}"`);
  const baseUrlText = options.baseUrl ?? context.config.baseUrls[source.id];
  const baseUrl = baseUrlText ? parseBaseUrl(baseUrlText, options.baseUrl ? '--base-url' : `environment variable ${source.baseUrlVariable}`) : undefined;

  const perHost = context.config.polite.perHostConcurrency;
  if (concurrency > perHost) {
    context.stderr.write(`note: --concurrency ${concurrency} is capped at ${perHost} request(s) at a time per host (LOSSTALLY_HOST_CONCURRENCY)\n`);
  }
  const db = await openForWriting(context);
  const http = createHttpClient(context.config.http);
  const effective = Math.min(concurrency, perHost);
  const fetcher = createPoliteFetcher(http, { ...context.config.polite, perHostConcurrency: effective });
  const progress = createProgress(context.stderr, { tty: context.stderrIsTty, label: `backfill ${source.id}` });
  const started = performance.now();
  try {
    const result = await backfill(
      { db: db.kysely, fetcher, now: context.now, onProgress: (p) => progress.update(p.done, p.total) },
      { source, from, to, concurrency: effective, refetch: Boolean(options.refetch), ...(baseUrl ? { baseUrl } : {}) },
    );
    progress.finish();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const out: string[] = [
      `backfill ${source.id} ${from} … ${to}: ${result.total} days fetched, ${result.skipped} already stored; ${result.stored} stored, ${result.unchanged} unchanged, ${result.notFound} not found, ${result.failed} failed (${seconds} s)`,
    ];
    if (result.notFoundDates.length > 0) {
      const listed = result.notFoundDates.slice(0, LISTED).join(', ');
      out.push(`not found: ${listed}${result.notFoundDates.length > LISTED ? `, … ${result.notFoundDates.length - LISTED} more` : ''}`);
    }
    if (result.failures.length > 0) {
      out.push('failed:');
      for (const failure of result.failures.slice(0, LISTED)) out.push(`  ${failure.date}: ${failure.message}`);
      if (result.failures.length > LISTED) out.push(`  … ${result.failures.length - LISTED} more`);
      const first = result.failures[0]?.date as string;
      const last = result.failures[result.failures.length - 1]?.date as string;
      // Stored days are skipped, so retrying the whole span costs only the failed days.
      out.push(`retry them with: losstally backfill --source ${source.id} --from ${first} --to ${last}`);
    }
    out.push(`${result.findings} findings in the range after checking (losstally check --from ${from} lists them)`);
    context.stdout.write(out.join('\n') + '\n');
    return result.failed > 0 ? 1 : 0;
  } finally {
    progress.finish();
    await http.close();
    await db.close();
  }
}
