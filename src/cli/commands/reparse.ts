/** `losstally reparse`: parses the stored documents again with the current parsers and stores what changed. */
import { excerpt, UsageError } from '../../errors.js';
import { reparseDocuments, type ReparseResult } from '../../ingest/reparse.js';
import { FETCHABLE_SOURCES } from '../../sources/registry.js';
import { openForWriting, type CommandContext } from '../context.js';
import { parseDateRange } from '../options.js';

export interface ReparseOptions {
  readonly source?: string;
  readonly from?: string;
  readonly to?: string;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function parseSource(value: string | undefined): string | undefined {
  if (value === undefined || Object.hasOwn(FETCHABLE_SOURCES, value)) return value;
  const imported = value.includes(':') ? '; imported files are not re-parsed, import them again instead' : '';
  throw new UsageError(`--source must be one of ${Object.keys(FETCHABLE_SOURCES).join(', ')}, got "${excerpt(value)}"${imported}`);
}

/** The lines the command prints for a result. */
export function describeReparse(result: ReparseResult): string[] {
  const parts = [plural(result.stored, 'new revision'), `${result.unchanged} unchanged`];
  if (result.superseded > 0) parts.push(`${result.superseded} superseded by a later fetch`);
  parts.push(`${result.stillFailing.length} still without a report`);
  const out = [`reparsed ${plural(result.documents, 'document')}: ${parts.join(', ')}`];
  for (const f of result.stillFailing) out.push(`  ${f.reportDate ?? '(no date)'} ${f.url}: ${f.reason}`);
  if (result.skippedImports > 0) {
    out.push(`${plural(result.skippedImports, 'imported file')} skipped: imports are not re-parsed, import them again to read them with the current parser`);
  }
  return out;
}

export async function runReparse(context: CommandContext, options: ReparseOptions): Promise<number> {
  const range = parseDateRange(options.from, options.to);
  const source = parseSource(options.source);
  const db = await openForWriting(context);
  try {
    const result = await reparseDocuments(db.kysely, {
      ...(source !== undefined ? { source } : {}),
      ...(range.from !== undefined ? { from: range.from } : {}),
      ...(range.to !== undefined ? { to: range.to } : {}),
      now: context.now().toISOString(),
    });
    context.stdout.write(describeReparse(result).join('\n') + '\n');
    return 0;
  } finally {
    await db.close();
  }
}
