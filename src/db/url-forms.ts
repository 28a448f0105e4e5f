/** The form of address that last answered for each source (url_forms). */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The form of the address a source last answered at, or null. */
export async function rememberedForm(db: Kysely<Database>, source: string): Promise<string | null> {
  const row = await db.selectFrom('url_forms').select('form').where('source', '=', source).executeTakeFirst();
  return row?.form ?? null;
}

/** How a source's post was found: at an address of a known form, or through the site's listing. */
export type FoundVia = 'address' | 'listing';

export interface AnsweredForm {
  readonly source: string;
  readonly form: string;
  readonly url: string;
  readonly reportDate: string;
  readonly answeredAt: string;
  readonly foundVia: FoundVia;
}

/** Remembers the form a source answered in, with the address and day it answered for. */
export async function rememberForm(db: Kysely<Database>, answered: AnsweredForm): Promise<void> {
  const values = { form: answered.form, url: answered.url, report_date: answered.reportDate, answered_at: answered.answeredAt, found_via: answered.foundVia };
  await db
    .insertInto('url_forms')
    .values({ source: answered.source, ...values })
    .onConflict((oc) => oc.column('source').doUpdateSet(values))
    .execute();
}
