/**
 * Core tables: the source and category registries, raw evidence (fetch attempts and documents),
 * reports with their revisions, figures and findings, and the `series` view.
 *
 * Migrations are frozen in time: they never import from src/. The registries' rows and the
 * `series_wide` view (one column per category) are kept in step with the code's registries by
 * `migrateToLatest` after the migrations have run.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label_uk', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_de', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text')
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('body', 'blob', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fetches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('report_date', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('stored', 'unchanged', 'not_published', 'blocked', 'no_report', 'http_error', 'network_error', 'parse_error')`),
    )
    .addColumn('bytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('fetches_by_source_time').on('fetches').columns(['source', 'fetched_at']).execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('document_sha256', 'text', (c) => c.references('documents.sha256'))
    .addColumn('fetch_id', 'integer', (c) => c.references('fetches.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('parser_version', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reports_one_revision', ['source', 'report_date', 'revision'])
    .execute();

  await db.schema
    .createTable('figures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    // Null for a line whose label maps to no category: kept, never dropped.
    .addColumn('category', 'text', (c) => c.references('categories.key'))
    .addColumn('total', 'integer')
    .addColumn('delta', 'integer')
    .addColumn('qualifier', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index figures_one_per_category on figures (report_id, category) where category is not null`.execute(db);
  await db.schema.createIndex('figures_by_category').on('figures').columns(['category', 'report_id']).execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.references('reports.id'))
    .addColumn('category', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('error', 'warning', 'info')`))
    .addColumn('expected', 'integer')
    .addColumn('actual', 'integer')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('findings_by_date').on('findings').columns(['report_date', 'source', 'category']).execute();

  // The latest revision of each (source, report date).
  await sql`
    create view latest_reports as
    select r.* from reports r
    where r.revision = (
      select max(r2.revision) from reports r2
      where r2.source = r.source and r2.report_date = r.report_date
    )`.execute(db);

  // One row per (date, category): the preferred source's latest revision that has it.
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
      where f.category is not null
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
          where fi.report_date = ranked.date and fi.source = ranked.source and fi.category = ranked.category
          order by fi.kind
        )
      ) as flags
    from ranked
    join categories c on c.key = ranked.category
    where ranked.preference = 1
    order by ranked.date, c.position`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop view if exists series_wide`.execute(db);
  await sql`drop view if exists series`.execute(db);
  await sql`drop view if exists latest_reports`.execute(db);
  for (const table of ['findings', 'figures', 'reports', 'fetches', 'documents', 'categories', 'sources']) {
    await db.schema.dropTable(table).execute();
  }
}
