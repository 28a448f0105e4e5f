/**
 * Imports of files (datasets, texts) with their provenance, and a `series` view that flags
 * disagreements between sources and leaves retired categories out after their last date (some
 * aggregators keep repeating a frozen total for them).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('documents.sha256'))
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('imports_by_source').on('imports').columns(['source', 'imported_at']).execute();
  await db.schema.createIndex('findings_by_kind_date').on('findings').columns(['kind', 'report_date', 'category']).execute();

  await sql`drop view series`.execute(db);
  await sql`
    create view series as
    with ranked as (
      select
        lr.report_date as date,
        f.category,
        f.total,
        f.delta,
        f.qualifier,
        lr.source,
        lr.id as report_id,
        lr.revision,
        row_number() over (
          partition by lr.report_date, f.category
          order by s.priority, lr.source
        ) as preference
      from latest_reports lr
      join figures f on f.report_id = lr.id
      join sources s on s.id = lr.source
      join categories c on c.key = f.category
      where f.category is not null
        and (c.until is null or lr.report_date <= c.until)
    )
    select
      ranked.date,
      cast(julianday(ranked.date) - julianday('2022-02-24') as integer) + 1 as day,
      ranked.category,
      ranked.total,
      ranked.delta,
      ranked.qualifier,
      ranked.source,
      ranked.report_id,
      ranked.revision,
      (
        select group_concat(kind, ',') from (
          select distinct fi.kind from findings fi
          where fi.report_date = ranked.date and fi.category = ranked.category
            and (fi.source = ranked.source or fi.kind = 'source_disagreement')
          order by fi.kind
        )
      ) as flags
    from ranked
    join categories c on c.key = ranked.category
    where ranked.preference = 1
    order by ranked.date, c.position`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('findings_by_kind_date').execute();
  await db.schema.dropTable('imports').execute();
}
