/**
 * The clean series: per day and category the best estimate of the total with its status
 * (stated, repaired, inferred, disputed), the reason and the evidence. The rows are derived,
 * like findings, and recomputed by the checks; `series_clean` is what analysts read.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clean_values')
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('value', 'integer')
    .addColumn('stated', 'integer')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('evidence', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('clean_values_pk', ['date', 'category'])
    .execute();
  await sql`
    create view series_clean as
    select
      v.date,
      cast(julianday(v.date) - julianday('2022-02-24') as integer) + 1 as day,
      v.category,
      v.value,
      v.stated,
      v.status,
      v.reason,
      v.evidence,
      v.source
    from clean_values v
    join categories c on c.key = v.category
    order by v.date, c.position`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop view if exists series_clean`.execute(db);
  await db.schema.dropTable('clean_values').execute();
}
