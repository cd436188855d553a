import Database from 'better-sqlite3';
import { sql, type Migration } from 'kysely';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../db/errors.js';
import { migrations } from '../../db/store/migrations/index.js';
import { deskLockFile, openStore } from '../../db/store/open.js';
import {
  ADMIN, addStaff, cleanup, createTestApp, fileHash, login, ok, rows, setupSite, tempDir, tempStoreFile,
} from '../helpers/app.js';
import { insertFoundation, migrationNames, migrationsThrough } from '../helpers/migrations.js';
import { holdStoreInAnotherProcess } from '../helpers/process.js';

afterEach(cleanup);

const latest = Object.keys(migrations).length;

/** A closed store holding a set-up site and a little history, ready to be damaged or copied. */
async function storeWithData(): Promise<string> {
  const app = await createTestApp();
  const admin = await setupSite(app);
  await addStaff(app, admin, { username: 'li.na', role: 'cashier', displayName: '李娜' });
  // enough rows that the file spans many pages
  app.store.raw.prepare(`INSERT INTO change_log (site_id, seq, at, table_name, row_id, kind, after)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
    SELECT (SELECT id FROM site), 1000 + i, '2026-12-01T01:00:00.000Z', 'audit_event', 'r' || i, 'insert', json_object('n', i, 'pad', hex(randomblob(100))) FROM n`).run();
  await app.close();
  return app.file;
}

/** openStore must fail with `code`, leaving the file byte-identical and no new files beside it. */
async function expectRefusedUntouched(file: string, code: string, options: Parameters<typeof openStore>[1] = {}) {
  const dir = join(file, '..');
  const before = { hash: fileHash(file), files: readdirSync(dir).sort() };
  const err = await openStore(file, options).then(
    (s) => { void s.close(); return null; },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect(fileHash(file)).toBe(before.hash);
  expect(readdirSync(dir).sort()).toEqual(before.files);
  return err as AppError;
}

/** The store of storeWithData opens (no lock left on it) with its two staff. */
async function expectOpensWithItsStaff(file: string) {
  const store = await openStore(file, { busyTimeoutMs: 100 });
  expect(rows(store, 'SELECT username FROM staff ORDER BY username')).toEqual([{ username: 'admin' }, { username: 'li.na' }]);
  await store.close();
}

describe('opening the store', () => {
  it('sets WAL, synchronous=FULL, foreign keys, the busy timeout, normal locking (the one-desk lock is held beside it) and in-memory statement journals', async () => {
    const file = tempStoreFile();
    const store = await openStore(file, { busyTimeoutMs: 1234 });
    try {
      expect(store.raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.raw.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.raw.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.raw.pragma('busy_timeout', { simple: true })).toBe(1234);
      // normal locking: a backup reads the store from its own connection while the desk writes
      expect(store.raw.pragma('locking_mode', { simple: true })).toBe('normal');
      const reader = new Database(file, { readonly: true });
      expect(reader.pragma('user_version', { simple: true })).toBe(latest);
      reader.close();
      expect(existsSync(deskLockFile(file))).toBe(true);
      expect(existsSync(`${deskLockFile(file)}-journal`)).toBe(false);
      expect(store.raw.pragma('temp_store', { simple: true })).toBe(2);
      expect(store.raw.pragma('user_version', { simple: true })).toBe(latest);
    } finally {
      await store.close();
    }
  });

  it('sets the same pragmas again when an existing store is reopened (default busy timeout 5 s)', async () => {
    const file = tempStoreFile();
    await (await openStore(file)).close();
    const store = await openStore(file);
    try {
      expect(store.raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.raw.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.raw.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      await store.close();
    }
  });

  it('makes every table STRICT (only Kysely\'s own migration bookkeeping is not)', async () => {
    const store = await openStore(tempStoreFile());
    try {
      const tables = rows<{ name: string; strict: number }>(store, "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'");
      const ours = tables.filter((t) => !t.name.startsWith('kysely_'));
      expect(ours.map((t) => t.name).sort()).toEqual(expect.arrayContaining(['audit_event', 'change_log', 'setting', 'site', 'staff']));
      for (const t of ours) expect({ table: t.name, strict: t.strict }).toEqual({ table: t.name, strict: 1 });
      // the declared SQL says so too
      for (const t of ours) {
        const [{ sql: ddl }] = rows<{ sql: string }>(store, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", t.name) as [{ sql: string }];
        expect(ddl).toMatch(/\)\s*STRICT\b/);
      }
      // Kysely creates these two itself; pin them so any other non-STRICT table fails here
      expect(tables.filter((t) => t.strict !== 1).map((t) => t.name).sort()).toEqual(['kysely_migration', 'kysely_migration_lock']);
      // STRICT really is enforced: text where a number belongs is refused, not stored as text
      expect(() => store.raw.prepare("INSERT INTO change_log (site_id, seq, at, table_name, row_id, kind) VALUES ('s', 'three', 'x', 't', 'r', 'insert')").run())
        .toThrow(/cannot store TEXT value in INTEGER column change_log\.seq/);
    } finally {
      await store.close();
    }
  });

  it('keeps data across close and reopen', async () => {
    const app = await createTestApp();
    const admin = await setupSite(app);
    const cashier = await addStaff(app, admin, { username: 'li.na', role: 'cashier', displayName: '李娜' });
    const changes = rows(app, 'SELECT * FROM change_log ORDER BY seq');
    await app.close();

    const again = await createTestApp({ file: app.file });
    expect(rows(again, 'SELECT code, name FROM site')).toEqual([{ code: 'HZ-01', name: '杭州滨江服务中心' }]);
    expect(rows(again, 'SELECT * FROM change_log ORDER BY seq')).toEqual(changes);
    const token = await login(again, 'li.na', cashier.password);
    expect((await ok(again, token, 'auth.me', {})).user).toMatchObject({ username: 'li.na', displayName: '李娜', role: 'cashier' });
    await login(again, ADMIN.username, ADMIN.password);
  });
});

describe('refusing stores it must not touch', () => {
  it('refuses a store written by a newer program with store.newer and leaves the file byte-identical', async () => {
    const file = await storeWithData();
    const d = new Database(file);
    d.pragma(`user_version = ${latest + 1}`);
    d.close();
    const err = await expectRefusedUntouched(file, 'store.newer');
    expect(err.params).toEqual({ found: latest + 1, supported: latest });
    expect(err.toApiError().message['zh-CN']).toContain(`版本 ${latest + 1}`);
  });

  it('refuses a file of random bytes with store.corrupt and leaves it untouched', async () => {
    const dir = tempDir();
    let seed = 7;
    const junk = (n: number) => Buffer.from(Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) & 0xff)));
    for (const [name, bytes] of [
      ['random-10k.db', junk(10_000)],
      ['random-100.db', junk(100)],
      ['text.db', Buffer.from('这不是数据库 — not a database\n'.repeat(200))],
      ['header-only.db', Buffer.from('SQLite format 3\0')],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const err = await expectRefusedUntouched(file, 'store.corrupt');
      expect(err.params).toEqual({ file });
    }
  });

  it('refuses a truncated store with store.corrupt and leaves it untouched', async () => {
    const good = await storeWithData();
    const size = statSync(good).size;
    const pages = size / 4096;
    expect(pages).toBeGreaterThan(20);
    for (const keep of [size - 4096, Math.floor(pages / 2) * 4096, 4096 * 3, 4096, 1000]) {
      const file = join(tempDir(), 'cut.db');
      copyFileSync(good, file);
      truncateSync(file, keep);
      await expectRefusedUntouched(file, 'store.corrupt');
    }
  });

  it('refuses a store whose schema pages are garbled with store.corrupt and leaves it untouched', async () => {
    const good = await storeWithData();
    const bytes = readFileSync(good);
    const file = join(tempDir(), 'garbled.db');
    // keep the 100-byte header (it still says "SQLite format 3"), scramble the rest of page 1
    let seed = 99;
    for (let i = 100; i < 4096; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0xff);
    writeFileSync(file, bytes);
    await expectRefusedUntouched(file, 'store.corrupt');
  });

  it('finds damage inside a table\'s pages at start (quick check) and refuses the store untouched, saying to restore the last backup', async () => {
    const good = await storeWithData();
    const bytes = readFileSync(good);
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
    // the last leaf page of a table b-tree (type 0x0D) past the schema page: a page of change_log's rows
    let page = -1;
    for (let p = bytes.length / pageSize - 1; p >= 1 && page < 0; p--) if (bytes[p * pageSize] === 0x0d && bytes.readUInt16BE(p * pageSize + 3) > 2) page = p;
    expect(page).toBeGreaterThan(1);
    // its first cell pointer now points past the end of the page
    bytes.writeUInt16BE(0xfff0, page * pageSize + 8);
    const file = join(tempDir(), 'damaged.db');
    writeFileSync(file, bytes);
    const err = await expectRefusedUntouched(file, 'store.corrupt');
    expect(err.toApiError().message['zh-CN']).toContain('备份恢复');
    expect(err.toApiError().message['en-US']).toContain('restore it from a backup');
  });

  it('refuses another program\'s SQLite database with store.corrupt instead of migrating it', async () => {
    const file = join(tempDir(), 'other-app.db');
    const d = new Database(file);
    d.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('张三')");
    d.close();
    await expectRefusedUntouched(file, 'store.corrupt');
  });

  it('refuses a store held open by another store in this process with store.locked', async () => {
    const file = tempStoreFile();
    const first = await openStore(file);
    const err = await openStore(file, { busyTimeoutMs: 50 }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('store.locked');
    // the first store is unharmed and still works
    expect(rows(first, 'SELECT count(*) AS n FROM site')).toEqual([{ n: 0 }]);
    await first.close();
  });

  it('releases the lock on close, even when nothing was read through the store', async () => {
    const file = tempStoreFile();
    await (await openStore(file)).close();
    const a = await openStore(file, { busyTimeoutMs: 50 });
    await a.close();
    const b = await openStore(file, { busyTimeoutMs: 50 });
    expect(b.version).toBe(latest);
    await b.close();
  });

  it('refuses a store held open by another program with store.locked, and opens it once released', async () => {
    const file = await storeWithData();
    const holder = await holdStoreInAnotherProcess(file);
    try {
      await expectRefusedUntouched(file, 'store.locked', { busyTimeoutMs: 100 });
    } finally {
      await holder.release();
    }
    await expectOpensWithItsStaff(file);
  }, 20_000);

  it('frees the store when the program holding it is killed: the lock dies with the program, nothing is left stuck', async () => {
    const file = await storeWithData();
    const holder = await holdStoreInAnotherProcess(file);
    const m = (await expectRefusedUntouched(file, 'store.locked', { busyTimeoutMs: 100 })).toApiError().message;
    expect([m['zh-CN'], m['en-US']].join('\n')).toMatch(/正被另一个程序使用[\s\S]*in use by another program/);
    const gone = new Promise((res) => holder.child.once('exit', res));
    holder.child.kill('SIGKILL');
    await gone;
    await expectOpensWithItsStaff(file);
  }, 20_000);

  it('lets the desk\'s own report reader read the open store, which a second desk program may not open', async () => {
    const file = await storeWithData();
    const store = await openStore(file, { busyTimeoutMs: 100 });
    try {
      const [n] = await store.reader.read([{ sql: 'SELECT count(*) AS n FROM staff', one: true }]);
      expect(n).toEqual({ n: 2 });
      const err = await openStore(file, { busyTimeoutMs: 50 }).then(() => null, (e: unknown) => e);
      expect((err as AppError).code).toBe('store.locked');
    } finally {
      await store.close();
    }
  });
});

describe('migrating', () => {
  const testMigration: Migration = {
    async up(db) {
      await sql`CREATE TABLE test_extra (id TEXT PRIMARY KEY, note TEXT NOT NULL) STRICT`.execute(db);
      await sql`UPDATE site SET name = name || '（迁移后）', updated_at = fd_now()`.execute(db);
    },
  };
  const failingMigration: Migration = {
    async up() {
      throw new Error('migration exploded');
    },
  };

  /** A closed store at the version of the first migration, with a site and a cashier in it, written in its SQL. */
  async function olderStore() {
    const first = migrationNames[0]!;
    const older = await openStore(tempStoreFile(), { migrations: migrationsThrough(first) });
    older.writeContext.operation = 'setup.init';
    insertFoundation(older.raw, 'site-1', [
      { id: 'staff-1', username: 'admin', role: 'admin', displayName: '王管理' },
      { id: 'staff-2', username: 'li.na', role: 'cashier' },
    ]);
    older.writeContext.operation = null;
    const snapshot = {
      site: rows(older, 'SELECT * FROM site'),
      staff: rows(older, 'SELECT * FROM staff ORDER BY id'),
      changes: rows(older, 'SELECT * FROM change_log ORDER BY seq'),
    };
    expect(snapshot.changes).toHaveLength(3);
    await older.close();
    return { file: older.file, snapshot, version: 1 };
  }

  it('backs the file up before running a migration, and the backup holds the old version\'s data', async () => {
    const { file, snapshot, version } = await olderStore();
    const store = await openStore(file, { migrations: { ...migrations, '2099_01_01_0999_test': testMigration } });
    try {
      expect(store.version).toBe(latest + 1);
      expect(store.raw.pragma('user_version', { simple: true })).toBe(latest + 1);
      expect(store.backupFile).not.toBeNull();
      expect(existsSync(store.backupFile!)).toBe(true);
      expect(store.backupFile!).toMatch(new RegExp(`\\.v${version}\\..*\\.bak$`));

      const bak = new Database(store.backupFile!, { readonly: true });
      try {
        expect(bak.pragma('user_version', { simple: true })).toBe(version);
        expect(bak.prepare('SELECT * FROM site').all()).toEqual(snapshot.site);
        expect(bak.prepare('SELECT * FROM staff ORDER BY id').all()).toEqual(snapshot.staff);
        expect(bak.prepare('SELECT * FROM change_log ORDER BY seq').all()).toEqual(snapshot.changes);
        expect(bak.prepare("SELECT name FROM sqlite_master WHERE name = 'test_extra'").all()).toEqual([]);
      } finally {
        bak.close();
      }

      // the migrated store has the new table, and the migration's data change is captured
      expect(rows(store, "SELECT name FROM sqlite_master WHERE name = 'test_extra'")).toHaveLength(1);
      expect(rows(store, 'SELECT name FROM site')).toEqual([{ name: '杭州滨江服务中心（迁移后）' }]);
      const last = rows<{ seq: number; operation: string; table_name: string; kind: string; actor_id: string | null }>(store, 'SELECT seq, operation, table_name, kind, actor_id FROM change_log ORDER BY seq DESC LIMIT 1')[0];
      // later migrations (0003 seeds the archive scheme) log their rows too: the test migration's change is last and gapless
      const count = rows<{ n: number }>(store, 'SELECT count(*) AS n FROM change_log')[0]!.n;
      expect(count).toBeGreaterThan(snapshot.changes.length);
      expect(last).toEqual({ seq: count, operation: 'store.migrate', table_name: 'site', kind: 'update', actor_id: null });
    } finally {
      await store.close();
    }
  });

  it('takes no backup of a new store or of one already at the latest version', async () => {
    const file = tempStoreFile();
    const fresh = await openStore(file);
    expect(fresh.backupFile).toBeNull();
    await fresh.close();
    const again = await openStore(file);
    expect(again.backupFile).toBeNull();
    await again.close();
    expect(readdirSync(join(file, '..')).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('keeps the backup when a migration fails, and the store still opens at its old version', async () => {
    const { file, snapshot } = await olderStore();
    const err = await openStore(file, { migrations: { ...migrations, '2099_01_01_0999_boom': failingMigration } }).then(() => null, (e: unknown) => e);
    expect(String(err)).toMatch(/migration exploded/);
    const baks = readdirSync(join(file, '..')).filter((f) => f.endsWith('.bak'));
    expect(baks).toHaveLength(1);
    const bak = new Database(join(file, '..', baks[0]!), { readonly: true });
    expect(bak.prepare('SELECT * FROM staff ORDER BY id').all()).toEqual(snapshot.staff);
    bak.close();
    // the failed open let go of the file: the program that knows only the old migrations opens it
    const store = await openStore(file, { busyTimeoutMs: 100 });
    expect(store.version).toBe(latest);
    expect(rows(store, 'SELECT * FROM staff ORDER BY id')).toEqual(snapshot.staff);
    await store.close();
  });
});
