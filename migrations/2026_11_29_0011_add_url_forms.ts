/**
 * The form of address that last answered, per source, and whether the post was found at an
 * address of that form or through the site's listing: a site whose daily posts changed their
 * slug (mod.gov.ua's national transliteration) is asked in that form first next time.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('url_forms')
    .addColumn('source', 'text', (col) => col.primaryKey().references('sources.id'))
    .addColumn('form', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('report_date', 'text', (col) => col.notNull())
    .addColumn('answered_at', 'text', (col) => col.notNull())
    .addColumn('found_via', 'text', (col) => col.notNull().check(sql`found_via in ('address', 'listing')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('url_forms').execute();
}
