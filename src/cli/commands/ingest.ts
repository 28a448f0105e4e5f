/** `losstally ingest`: fetches one day's report from one source and stores it. */
import { kyivDate } from '../../dates.js';
import { excerpt, UsageError } from '../../errors.js';
import { createHttpClient } from '../../http/client.js';
import { createPoliteFetcher } from '../../http/polite.js';
import { ingestReport } from '../../ingest/ingest.js';
import { parseBaseUrl } from '../../sources/base-url.js';
import { FETCHABLE_SOURCES } from '../../sources/registry.js';
import { openForWriting, type CommandContext } from '../context.js';
import { parseReportDateOption } from '../options.js';

export interface IngestOptions {
  readonly date?: string;
  readonly source: string;
  readonly baseUrl?: string;
}

export async function runIngest(context: CommandContext, options: IngestOptions): Promise<number> {
  const source = FETCHABLE_SOURCES[options.source];
  if (!source) {
    throw new UsageError(`--source must be one of ${Object.keys(FETCHABLE_SOURCES).join(', ')}, got "${excerpt(options.source)}" (pasted texts go through "losstally parse")`);
  }
  const today = kyivDate(context.now());
  const date = parseReportDateOption(options.date, '--date', today) ?? today;
  const baseUrlText = options.baseUrl ?? context.config.baseUrls[source.id];
  const baseUrl = baseUrlText
    ? parseBaseUrl(baseUrlText, options.baseUrl ? '--base-url' : `environment variable ${source.baseUrlVariable}`)
    : undefined;

  const db = await openForWriting(context);
  const http = createHttpClient(context.config.http);
  const fetcher = createPoliteFetcher(http, context.config.polite);
  try {
    const result = await ingestReport({ db: db.kysely, fetcher, now: context.now }, { source, date, baseUrl });
    const what = result.outcome === 'stored' ? `stored revision ${result.revision}` : `unchanged (revision ${result.revision} already stored)`;
    context.stdout.write(`${source.id} ${date}: ${what}, ${result.figureCount} figures from ${result.url}\n`);
    for (const warning of result.warnings) context.stdout.write(`warning: ${warning}\n`);
    for (const f of result.findings) context.stdout.write(`${f.severity}: ${f.kind}${f.category ? ` ${f.category}` : ''}: ${f.detail}\n`);
    return 0;
  } finally {
    await http.close();
    await db.close();
  }
}
