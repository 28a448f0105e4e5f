/**
 * The `series` view prefers a source that states the total: a preferred source whose line gives
 * only a delta no longer hides another source's total for that day.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
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
          order by f.total is null, s.priority, lr.source
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

export async function down(): Promise<void> {
  // The view of migration 0002 differs only in ranking; it is not restored.
}
