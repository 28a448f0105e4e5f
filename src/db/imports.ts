/** Imported files: the source each import becomes, and the provenance of every file read. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface SourceRow {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly priority: number;
}

export async function registerSource(db: Kysely<Database>, source: SourceRow): Promise<void> {
  const { title, kind, priority } = source;
  await db
    .insertInto('sources')
    .values(source)
    .onConflict((oc) => oc.column('id').doUpdateSet({ title, kind, priority }))
    .execute();
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
