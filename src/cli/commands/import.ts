/** `losstally import PATH`: stores a dataset or a saved report text as a source of its own. */
import { excerpt, UsageError } from '../../errors.js';
import { IMPORT_FORMATS, type ImportFormat } from '../../ingest/import-formats.js';
import { importPath } from '../../ingest/import.js';
import { openForWriting, type CommandContext } from '../context.js';
import { parseDateOption } from '../options.js';

export interface ImportOptions {
  readonly format?: string;
  readonly date?: string;
}

const LISTED = 10;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function parseFormat(value: string | undefined): ImportFormat | undefined {
  if (value === undefined) return undefined;
  if ((IMPORT_FORMATS as readonly string[]).includes(value)) return value as ImportFormat;
  throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}, got "${excerpt(value)}"`);
}

export async function runImport(context: CommandContext, path: string, options: ImportOptions): Promise<number> {
  const format = parseFormat(options.format);
  const date = parseDateOption(options.date, '--date');
  const db = await openForWriting(context);
  try {
    const result = await importPath(db.kysely, {
      path,
      ...(format ? { format } : {}),
      ...(date ? { date } : {}),
      now: context.now().toISOString(),
      limits: context.config.inputLimits,
      ...(context.config.sourcePriority ? { sourcePriority: context.config.sourcePriority } : {}),
    });
    const out: string[] = [];
    const span = result.firstDate === result.lastDate ? result.firstDate : `${result.firstDate} … ${result.lastDate}`;
    out.push(`imported ${result.source}: ${plural(result.reports, 'report')} ${span}; ${result.stored} stored, ${result.unchanged} unchanged`);
    for (const file of result.files) {
      // A followed link is named with where it leads: the figures are that file's.
      const link = file.link === null ? '' : ` (symbolic link to ${file.link})`;
      out.push(`  ${file.name}${link}: ${plural(file.rows, 'row')}, ${plural(file.bytes, 'byte')}, sha256 ${file.sha256}`);
    }
    for (const note of result.notes) out.push(`note: ${note}`);
    for (const warning of result.warnings.slice(0, LISTED)) out.push(`warning: ${warning.message}`);
    if (result.warnings.length > LISTED) out.push(`… ${plural(result.warnings.length - LISTED, 'more warning')}`);
    if (result.stored > 0) {
      const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
      out.push(`findings on the stored days: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info (losstally check lists them)`);
    }
    context.stdout.write(out.join('\n') + '\n');
    return 0;
  } finally {
    await db.close();
  }
}
