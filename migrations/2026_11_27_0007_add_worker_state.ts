/**
 * What the worker keeps between runs and tells `status`: the sources it follows, whether the
 * history of an empty database is still to be brought in, and its last cycle. One row per key,
 * a JSON value each.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('worker_state')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('worker_state').execute();
}
