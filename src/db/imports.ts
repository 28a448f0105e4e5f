/** Imported files: the source each import becomes, and the provenance of every file read. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface SourceRow {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly priority: number;
}

/**
 * Registers an imported source. A new one takes the given priority; an existing one keeps its
 * own unless `setPriority` (an order was configured). Returns whether its priority changed.
 */
export async function registerSource(db: Kysely<Database>, source: SourceRow, setPriority: boolean): Promise<boolean> {
  const existing = await db.selectFrom('sources').select('priority').where('id', '=', source.id).executeTakeFirst();
  if (!existing) {
    await db.insertInto('sources').values(source).execute();
    return false;
  }
  const priority = setPriority ? source.priority : existing.priority;
  await db.updateTable('sources').set({ title: source.title, kind: source.kind, priority }).where('id', '=', source.id).execute();
  return priority !== existing.priority;
}

export interface ImportRecord {
  readonly source: string;
  readonly format: string;
  readonly path: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly rows: number;
  readonly importedAt: string;
}

export async function recordImport(db: Kysely<Database>, record: ImportRecord): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      source: record.source,
      format: record.format,
      path: record.path,
      file_name: record.fileName,
      sha256: record.sha256,
      bytes: record.bytes,
      rows: record.rows,
      imported_at: record.importedAt,
    })
    .execute();
}
