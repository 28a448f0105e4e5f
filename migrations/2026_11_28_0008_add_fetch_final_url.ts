/**
 * The URL that answered a fetch, next to `url` (the URL asked for, which conditional requests
 * and reparse key on): the same URL, or where redirects within the source's host led. Rows
 * recorded before it was kept have null: the redirects they followed, if any, are unknown.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fetches').addColumn('final_url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fetches').dropColumn('final_url').execute();
}
