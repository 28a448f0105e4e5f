/**
 * The ETag and Last-Modified a response carried, so the next fetch of the same URL can be a
 * conditional request that costs a 304 when nothing changed.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fetches').addColumn('etag', 'text').execute();
  await db.schema.alterTable('fetches').addColumn('last_modified', 'text').execute();
  await db.schema.createIndex('fetches_by_url').on('fetches').columns(['url', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('fetches_by_url').execute();
  await db.schema.alterTable('fetches').dropColumn('last_modified').execute();
  await db.schema.alterTable('fetches').dropColumn('etag').execute();
}
