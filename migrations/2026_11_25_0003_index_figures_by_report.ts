/**
 * Figures are read by report far more than by category: an index on report_id lets joins from
 * `latest_reports` start from one source's reports instead of scanning every figure.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('figures_by_report').on('figures').column('report_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('figures_by_report').execute();
}
