/** `losstally check`: recomputes every finding from the stored figures and lists them. */
import { countCleanStatuses, listCleanNotes } from '../../db/clean.js';
import { recomputeFindings } from '../../ingest/recheck.js';
import { openForWriting, type CommandContext } from '../context.js';
import { parseDateRange } from '../options.js';

export interface CheckOptions {
  readonly from?: string;
  readonly to?: string;
  readonly json?: boolean;
}

export async function runCheck(context: CommandContext, options: CheckOptions): Promise<number> {
  const range = parseDateRange(options.from, options.to);
  const db = await openForWriting(context);
  try {
    const findings = await recomputeFindings(db.kysely, range);
    if (options.json) {
      const rows = findings.map((f) => ({
        date: f.date,
        source: f.source,
        category: f.category,
        kind: f.kind,
        severity: f.severity,
        expected: f.expected,
        actual: f.actual,
        detail: f.detail,
      }));
      context.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      return 0;
    }
    for (const f of findings) {
      context.stdout.write(`${f.date} ${f.source} ${f.severity} ${f.kind}${f.category ? ` ${f.category}` : ''}: ${f.detail}\n`);
    }
    const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
    context.stdout.write(`${findings.length} findings: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info\n`);
    // The clean series the checks recomputed: what it repaired, inferred or could not settle.
    const notes = await listCleanNotes(db.kysely, range);
    for (const n of notes) {
      const values = n.status === 'stated' ? `${n.value}` : `${n.stated ?? 'none'} → ${n.value ?? 'none'}`;
      context.stdout.write(`${n.date} ${n.category} ${n.status} ${values}: ${n.reason}\n`);
    }
    const statuses = await countCleanStatuses(db.kysely, range);
    const counted = (status: string) => statuses[status] ?? 0;
    context.stdout.write(`clean series: ${counted('repaired')} repaired, ${counted('inferred')} inferred, ${counted('disputed')} disputed, ${counted('stated')} as stated (series_clean)\n`);
    return 0;
  } finally {
    await db.close();
  }
}
