import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { CATEGORIES } from '../../src/report/categories.js';
import { SOURCE_CATALOGUE } from '../../src/sources/catalogue.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let db: TestDb;
beforeEach(async () => {
  db = await createTestDb();
});
afterEach(async () => {
  await db.dispose();
});

const columns = (name: string) => (db.sqlite.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name);

describe('migrateToLatest', () => {
  it('creates the tables and views of the design with their columns', () => {
    const objects = db.sqlite.prepare(`select type, name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' and name not like 'kysely_%' order by type, name`).all();
    expect(objects).toEqual([
      { type: 'table', name: 'categories' },
      { type: 'table', name: 'clean_values' },
      { type: 'table', name: 'documents' },
      { type: 'table', name: 'fetches' },
      { type: 'table', name: 'figures' },
      { type: 'table', name: 'findings' },
      { type: 'table', name: 'imports' },
      { type: 'table', name: 'reports' },
      { type: 'table', name: 'sources' },
      { type: 'table', name: 'url_forms' },
      { type: 'table', name: 'worker_state' },
      { type: 'view', name: 'latest_reports' },
      { type: 'view', name: 'series' },
      { type: 'view', name: 'series_clean' },
      { type: 'view', name: 'series_wide' },
    ]);
    expect(columns('fetches')).toEqual(['id', 'source', 'report_date', 'url', 'fetched_at', 'http_status', 'outcome', 'bytes', 'sha256', 'duration_ms', 'error', 'etag', 'last_modified', 'final_url']);
    expect(columns('reports')).toEqual(['id', 'source', 'report_date', 'revision', 'url', 'document_sha256', 'fetch_id', 'language', 'parser_version', 'stored_at']);
    expect(columns('figures')).toEqual(['id', 'report_id', 'category', 'total', 'delta', 'qualifier', 'label']);
    expect(columns('findings')).toEqual(['id', 'source', 'report_date', 'report_id', 'category', 'kind', 'severity', 'expected', 'actual', 'detail']);
    expect(columns('imports')).toEqual(['id', 'source', 'format', 'path', 'file_name', 'sha256', 'bytes', 'rows', 'imported_at']);
    expect(columns('worker_state')).toEqual(['key', 'value', 'updated_at']);
    expect(columns('url_forms')).toEqual(['source', 'form', 'url', 'report_date', 'answered_at', 'found_via']);
    expect(columns('series_clean')).toEqual(['date', 'day', 'category', 'value', 'stated', 'status', 'reason', 'evidence', 'source']);
    expect(columns('series')).toEqual(['date', 'day', 'category', 'total', 'delta', 'qualifier', 'source', 'report_id', 'revision', 'flags']);
  });

  it('gives series_wide a total and a delta column per category in registry order', () => {
    expect(columns('series_wide')).toEqual(['date', 'day', ...CATEGORIES.flatMap((c) => [c.key, `${c.key}_delta`])]);
  });

  it('seeds the category and source registries', () => {
    expect(db.sqlite.prepare(`select key from categories order by position`).all()).toEqual(CATEGORIES.map((c) => ({ key: c.key })));
    expect(db.sqlite.prepare(`select id, kind, priority from sources order by priority`).all()).toEqual([
      { id: 'mod', kind: 'official', priority: 10 },
      { id: 'milgov', kind: 'official', priority: 20 },
      { id: 'kmu', kind: 'official', priority: 30 },
      { id: 'russianwarship', kind: 'api', priority: 55 },
      { id: 'minfin', kind: 'aggregator', priority: 65 },
      { id: 'text', kind: 'text', priority: 80 },
    ]);
    expect(SOURCE_CATALOGUE.map((s) => s.id).sort()).toEqual(['kmu', 'milgov', 'minfin', 'mod', 'russianwarship', 'text']);
  });

  it('orders sources by LOSSTALLY_SOURCE_PRIORITY, by id or by kind', async () => {
    await migrateToLatest(db.kysely, { sourcePriority: ['kmu', 'aggregator', 'official'] });
    expect(db.sqlite.prepare(`select id, priority from sources order by priority, id`).all()).toEqual([
      { id: 'kmu', priority: 10 },
      { id: 'minfin', priority: 25 },
      { id: 'milgov', priority: 35 },
      { id: 'mod', priority: 35 },
      { id: 'russianwarship', priority: 40 },
      { id: 'text', priority: 40 },
    ]);
  });

  it('keeps a chosen order when a later run gives none', async () => {
    expect((await migrateToLatest(db.kysely, { sourcePriority: ['kmu', 'mod'] })).prioritiesChanged).toBe(true);
    expect((await migrateToLatest(db.kysely, { sourcePriority: ['kmu', 'mod'] })).prioritiesChanged).toBe(false);
    await migrateToLatest(db.kysely);
    expect(db.sqlite.prepare(`select id from sources order by priority, id limit 2`).all()).toEqual([{ id: 'kmu' }, { id: 'mod' }]);
  });

  it('does nothing the second time', async () => {
    expect(await migrateToLatest(db.kysely)).toEqual({ applied: [], seriesWideRebuilt: false, prioritiesChanged: false });
  });

  it('upgrades a database made by the first migration without losing its reports', async () => {
    const { Migrator } = await import('kysely');
    const { MIGRATIONS } = await import('../../migrations/index.js');
    const fresh = await createTestDb();
    try {
      const migrator = new Migrator({ db: fresh.kysely, provider: { getMigrations: async () => MIGRATIONS } });
      await migrator.migrateTo('2026_11_25_0001_create_core_tables');
      fresh.sqlite.exec(`insert into reports (source, report_date, revision, language, parser_version, stored_at) values ('mod', '2026-07-27', 1, 'uk', '1', 'now')`);
      const summary = await migrateToLatest(fresh.kysely);
      expect(summary.applied).toEqual(Object.keys(MIGRATIONS).slice(1));
      expect(fresh.sqlite.prepare('select count(*) as n from reports').get()).toEqual({ n: 1 });
    } finally {
      await fresh.dispose();
    }
  });

  it('adds final_url to fetches, null on the rows recorded before it was kept', async () => {
    const { Migrator } = await import('kysely');
    const { MIGRATIONS } = await import('../../migrations/index.js');
    const fresh = await createTestDb();
    try {
      const migrator = new Migrator({ db: fresh.kysely, provider: { getMigrations: async () => MIGRATIONS } });
      await migrator.migrateTo('2026_11_27_0007_add_worker_state');
      fresh.sqlite.exec(`insert into fetches (source, report_date, url, fetched_at, outcome) values ('mod', '2026-07-27', 'https://mod.gov.ua/a', 'now', 'stored')`);
      expect((await migrateToLatest(fresh.kysely)).applied).toEqual(Object.keys(MIGRATIONS).slice(Object.keys(MIGRATIONS).indexOf('2026_11_28_0008_add_fetch_final_url')));
      expect(fresh.sqlite.prepare('select url, final_url from fetches').all()).toEqual([{ url: 'https://mod.gov.ua/a', final_url: null }]);
    } finally {
      await fresh.dispose();
    }
  });

  it('puts the database in WAL mode with foreign keys on', () => {
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('rebuilds series_wide when the view no longer matches the registry', async () => {
    db.sqlite.exec(`drop view series_wide; create view series_wide as select date from series`);
    expect(await migrateToLatest(db.kysely)).toEqual({ applied: [], seriesWideRebuilt: true, prioritiesChanged: false });
    expect(columns('series_wide')).toHaveLength(2 + CATEGORIES.length * 2);
  });
});
