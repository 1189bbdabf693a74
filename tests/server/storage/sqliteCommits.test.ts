import SQLite from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/server/storage/createStorage';
import { cacheStatements, WalSync } from '../../../src/server/storage/sqliteCommits';

/**
 * SQLite's group commit (issue 16, load): transactions commit with NORMAL and then sync the WAL off the
 * event loop, one sync serving every commit made before it started.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrain-commits-'));
  dirs.push(dir);
  return dir;
}

describe('WalSync', () => {
  it('answers every caller after a sync that started after its call, and shares syncs', async () => {
    const file = join(tempDir(), 'db-wal');
    writeFileSync(file, 'frames');
    const started: (() => void)[] = [];
    let syncs = 0;
    const wal = new WalSync(file, () => {
      syncs += 1;
      return new Promise<void>((resolve) => started.push(resolve));
    });
    const order: string[] = [];
    const first = wal.sync().then(() => order.push('first'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(syncs).toBe(1);
    // Committed while the first sync runs: they need the next one, and share it.
    const later = [1, 2, 3].map((n) => wal.sync().then(() => order.push(`later${n}`)));
    started.shift()!();
    await first;
    expect(order).toEqual(['first']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(syncs).toBe(2);
    started.shift()!();
    await Promise.all(later);
    expect(order).toEqual(['first', 'later1', 'later2', 'later3']);
    await wal.close();
  });

  it('is durable once every sync asked for so far has ended, and at once when none waits', async () => {
    const file = join(tempDir(), 'db-wal');
    writeFileSync(file, 'frames');
    const started: (() => void)[] = [];
    const wal = new WalSync(file, () => new Promise<void>((resolve) => started.push(resolve)));
    await wal.durable();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
    const done: string[] = [];
    void wal.sync();
    void wal.durable().then(() => done.push('first'));
    await tick();
    // A commit asks for a sync while the first runs: what is read now waits for that second sync.
    void wal.sync();
    void wal.durable().then(() => done.push('second'));
    expect(done).toEqual([]);
    started.shift()!();
    await tick();
    expect(done).toEqual(['first']);
    started.shift()!();
    await tick();
    expect(done).toEqual(['first', 'second']);
    await wal.durable();
    await wal.close();
  });

  it('fails the callers of a sync that failed, and syncs again afterwards', async () => {
    const wal = new WalSync(join(tempDir(), 'missing-wal'));
    await expect(wal.sync()).rejects.toThrow(/ENOENT/);
    await wal.close();
  });
});

describe('SQLite storage on a file', () => {
  it('commits, rolls back and runs concurrent transactions one after the other, each synced', async () => {
    const file = join(tempDir(), 'terrain.sqlite');
    const storage = createStorage({ kind: 'sqlite', file });
    await storage.migrate();
    const at = new Date().toISOString();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((id) =>
        storage.transaction((tx) => tx.insertOrganisation({ id, name: `Org ${id}`, createdAt: at })),
      ),
    );
    await expect(
      storage.transaction(async (tx) => {
        await tx.insertOrganisation({ id: 'e', name: 'Org e', createdAt: at });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // Another connection (as after a restart) reads what was committed, and nothing of the rollback.
    const other = new SQLite(file, { readonly: true });
    const names = other.prepare('select id from organisations order by id').pluck().all();
    other.close();
    expect(names).toEqual(['a', 'b', 'c', 'd']);
    await storage.close();
  });
});

describe('cacheStatements', () => {
  it('prepares each SQL once, keeps the most recently used, and runs them with fresh parameters', () => {
    const database = new SQLite(':memory:');
    cacheStatements(database, 2);
    database.exec('create table t (n integer)');
    const insert = database.prepare('insert into t values (?)');
    expect(database.prepare('insert into t values (?)')).toBe(insert);
    insert.run(1);
    database.prepare('insert into t values (?)').run(2);
    const sum = database.prepare('select sum(n) as s from t');
    expect(sum.get()).toEqual({ s: 3 });
    // A third SQL drops the least recently used (the insert).
    database.prepare('select count(*) as c from t');
    expect(database.prepare('select sum(n) as s from t')).toBe(sum);
    expect(database.prepare('insert into t values (?)')).not.toBe(insert);
    database.close();
  });
});
