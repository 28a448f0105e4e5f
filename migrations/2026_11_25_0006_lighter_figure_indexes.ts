/**
 * Figures keep one index besides the primary key: (report_id, category), unique. It serves the
 * lookups by report (its prefix) and keeps one figure per category of a report (SQLite treats
 * NULL categories as distinct, so lines with unknown labels are allowed). The three indexes it
 * replaces cost every import their upkeep.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('figures_by_category').execute();
  await db.schema.dropIndex('figures_by_report').execute();
  await db.schema.dropIndex('figures_one_per_category').execute();
  await db.schema.createIndex('figures_by_report_category').on('figures').columns(['report_id', 'category']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('figures_by_report_category').execute();
  await sql`create unique index figures_one_per_category on figures (report_id, category) where category is not null`.execute(db);
  await db.schema.createIndex('figures_by_category').on('figures').columns(['category', 'report_id']).execute();
  await db.schema.createIndex('figures_by_report').on('figures').column('report_id').execute();
}
