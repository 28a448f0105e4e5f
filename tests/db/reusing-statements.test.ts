/**
 * Kysely's driver prepares every query anew; the connection it is given keeps the statements
 * for reuse, but never hands out one that is still iterating, and keeps a bounded number.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reusingStatements } from '../../src/db/database.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { tempDir } from '../helpers/db.js';

describe('reusingStatements', () => {
  it('returns the statement prepared before for the same text, a fresh one while it iterates, and drops the least recently used', () => {
    const dir = tempDir();
    const sqlite = openSqlite(`${dir}/statements.db`);
    const connection = reusingStatements(sqlite, 2);
    const first = connection.prepare('select 1 as n');
    expect(connection.prepare('select 1 as n')).toBe(first);

    const rows = (first as unknown as { iterate(): IterableIterator<unknown> }).iterate();
    rows.next();
    const beside = connection.prepare('select 1 as n');
    expect(beside).not.toBe(first);
    expect((beside as unknown as { all(): unknown[] }).all()).toEqual([{ n: 1 }]);
    rows.return?.();
    expect(connection.prepare('select 1 as n')).toBe(first);

    connection.prepare('select 2');
    connection.prepare('select 3');
    // Capacity 2: "select 1 as n" was used least recently and is prepared anew.
    expect(connection.prepare('select 1 as n')).not.toBe(first);
    connection.close();
    expect(sqlite.open).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
