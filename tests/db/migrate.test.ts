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
      { type: 'table', name: 'documents' },
      { type: 'table', name: 'fetches' },
      { type: 'table', name: 'figures' },
      { type: 'table', name: 'findings' },
      { type: 'table', name: 'reports' },
      { type: 'table', name: 'sources' },
      { type: 'view', name: 'latest_reports' },
      { type: 'view', name: 'series' },
      { type: 'view', name: 'series_wide' },
    ]);
    expect(columns('fetches')).toEqual(['id', 'source', 'report_date', 'url', 'fetched_at', 'http_status', 'outcome', 'bytes', 'sha256', 'duration_ms', 'error']);
    expect(columns('reports')).toEqual(['id', 'source', 'report_date', 'revision', 'url', 'document_sha256', 'fetch_id', 'language', 'parser_version', 'stored_at']);
    expect(columns('figures')).toEqual(['id', 'report_id', 'category', 'total', 'delta', 'qualifier', 'label']);
    expect(columns('findings')).toEqual(['id', 'source', 'report_date', 'report_id', 'category', 'kind', 'severity', 'expected', 'actual', 'detail']);
    expect(columns('series')).toEqual(['date', 'day', 'category', 'total', 'delta', 'qualifier', 'source', 'report_id', 'revision', 'flags']);
  });

  it('gives series_wide a total and a delta column per category in registry order', () => {
    expect(columns('series_wide')).toEqual(['date', 'day', ...CATEGORIES.flatMap((c) => [c.key, `${c.key}_delta`])]);
  });

  it('seeds the category and source registries', () => {
    expect(db.sqlite.prepare(`select key from categories order by position`).all()).toEqual(CATEGORIES.map((c) => ({ key: c.key })));
    expect(db.sqlite.prepare(`select id, priority from sources order by priority`).all()).toEqual(SOURCE_CATALOGUE.map((s) => ({ id: s.id, priority: s.priority })));
  });

  it('does nothing the second time', async () => {
    expect(await migrateToLatest(db.kysely)).toEqual({ applied: [], seriesWideRebuilt: false });
  });

  it('puts the database in WAL mode with foreign keys on', () => {
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('rebuilds series_wide when the view no longer matches the registry', async () => {
    db.sqlite.exec(`drop view series_wide; create view series_wide as select date from series`);
    expect(await migrateToLatest(db.kysely)).toEqual({ applied: [], seriesWideRebuilt: true });
    expect(columns('series_wide')).toHaveLength(2 + CATEGORIES.length * 2);
  });
});
