/**
 * Reports are read by date across sources (a day's totals from every source, the clean series
 * of a few weeks, the series view for a date range), and the unique index on (source,
 * report_date, revision) cannot serve a date without a source: such reads scanned every figure.
 * An index on the date lets them start from that day's few reports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('reports_by_date').on('reports').column('report_date').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reports_by_date').execute();
}
