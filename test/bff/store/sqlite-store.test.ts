import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  DataDirLockedError,
  DEFAULT_RETENTION,
  lockDataDir,
  migrateSqlite,
  MIGRATIONS,
  openSqliteStore,
  type Migration,
} from '../../../bff/src/store/index.js';
import { describeRepoContract } from './repo-contract.js';

describeRepoContract('SQLite', {
  open: async (options) =>
    openSqliteStore(':memory:', {
      retention: { ...DEFAULT_RETENTION, ...(options?.errorLog ? { errorLog: options.errorLog } : {}) },
    }),
});

describe('the SQLite store', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-store-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the data directory, enables WAL and foreign keys, and migrates to the newest version', async () => {
    const file = path.join(dir, 'nested', 'a.sqlite');

    const store = openSqliteStore(file);

    assert.ok(fs.existsSync(file));
    assert.equal(store.sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.sqlite.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(store.sqlite.pragma('busy_timeout', { simple: true }), 5000);
    assert.equal(store.sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(await store.check(), true);
    await store.close();
  });

  it('runs migrations once: reopening keeps data and version', async () => {
    const file = path.join(dir, 'b.sqlite');
    const first = openSqliteStore(file);
    await first.repos.links.upsert({
      ticket: 'T-1',
      market: 'de',
      customerId: 7,
      email: null,
      createdBy: 'alice',
      createdAt: 1,
    });
    assert.equal(await first.repos.jti.consume('j-restart', 900_000), true);
    await first.close();

    const second = openSqliteStore(file);

    assert.equal(second.sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal((await second.repos.links.get('T-1', 'de'))?.customerId, 7);
    assert.equal(await second.repos.jti.consume('j-restart', 900_000), false, 'a used jti stays used');
    assert.equal(migrateSqlite(second.sqlite), MIGRATIONS.length);
    await second.close();
  });

  it('upgrades a database of the previous release (schema version 2) in place', async () => {
    const file = path.join(dir, 'v2.sqlite');
    const old = new Database(file);
    migrateSqlite(old, MIGRATIONS.slice(0, 2));
    old
      .prepare(
        "INSERT INTO error_log (correlation_id, resource, issues, created_at) VALUES ('old-corr-1', 'request', '[]', 1)",
      )
      .run();
    old.close();

    const store = openSqliteStore(file);

    assert.equal(store.sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal((await store.repos.errorLog.listByCorrelationId('old-corr-1')).length, 1);
    await store.close();
  });

  it('keeps the sessions of a version-6 database when version 7 adds the ticket’s order and opening time', async () => {
    const file = path.join(dir, 'v6.sqlite');
    const old = new Database(file);
    migrateSqlite(old, MIGRATIONS.slice(0, 6));
    old
      .prepare(
        `INSERT INTO sessions (id_hash, ticket, agent, customer, email, market, store, scopes, locale, jti, created_at, expires_at)
         VALUES ('${'c'.repeat(64)}', 'T-6', 'alice', NULL, NULL, 'de', 'eu', 'orders:read', 'de-DE', 'j-6', 1, 9999999999999)`,
      )
      .run();
    old.close();

    const store = openSqliteStore(file);

    const session = await store.repos.sessions.findByHash('c'.repeat(64), 2);
    assert.equal(session?.ticket, 'T-6');
    assert.equal(session?.order, null);
    assert.equal(session?.ticketCreatedAt, null);
    await store.close();
  });

  it('keeps the links of a version-7 database and empties its index for a fresh back-fill (version 8)', async () => {
    const file = path.join(dir, 'v7.sqlite');
    const old = new Database(file);
    migrateSqlite(old, MIGRATIONS.slice(0, 7));
    old.exec(`
      INSERT INTO links (ticket, market, customer_id, email, created_by, created_at) VALUES ('T-7', 'de', 7, NULL, 'alice', 1);
      INSERT INTO index_customers (store_key, customer_id, email, date_modified, record, indexed_at)
        VALUES ('eu', 7, 'a@example.com', 1, '{}', 1);
      INSERT INTO sync_state (store_key, stream, checkpoint, last_success_at, backfill_done) VALUES ('eu', 'customers', 5, 5, 1);
    `);
    old.close();

    const store = openSqliteStore(file);

    assert.equal((await store.repos.links.get('T-7', 'de'))?.customerId, 7);
    assert.deepEqual(
      await store.repos.links.undo('T-7', 'de', { createdBy: 'alice', createdAt: 1 }, 2),
      { outcome: 'expired' },
      'a link from before version 8 has no undo time',
    );
    assert.equal(await store.repos.orderIndex.countCustomers('eu'), 0);
    const state = await store.repos.syncState.get('eu', 'customers');
    assert.deepEqual([state.checkpoint, state.backfillDone], [null, false]);
    await store.close();
  });

  it('applies only the migrations a database has not seen yet', () => {
    const sqlite = new Database(':memory:');
    const extra: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'test: extra table',
      sqlite: 'CREATE TABLE extra (id INTEGER PRIMARY KEY)',
      postgres: 'CREATE TABLE extra (id BIGINT PRIMARY KEY)',
    };

    migrateSqlite(sqlite, [...MIGRATIONS, extra]);
    migrateSqlite(sqlite, [...MIGRATIONS, extra]);

    assert.equal(sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length + 1);
    sqlite.close();
  });

  it('refuses to run an older build on a newer database, and a migration list with gaps', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    assert.throws(() => migrateSqlite(sqlite), /newer than this build/);
    assert.throws(
      () => migrateSqlite(new Database(':memory:'), [{ ...MIGRATIONS[0]!, version: 2 }]),
      /expected 1/,
    );
    sqlite.close();
  });

  it('rolls a failing migration back completely', () => {
    const sqlite = new Database(':memory:');
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      sqlite: 'CREATE TABLE half (id INTEGER); SELECT * FROM missing_table;',
      postgres: '',
    };

    assert.throws(() => migrateSqlite(sqlite, [...MIGRATIONS, broken]));

    assert.equal(sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(), undefined);
    sqlite.close();
  });

  it('opens read-only without migrating', async () => {
    const file = path.join(dir, 'c.sqlite');
    await openSqliteStore(file).close();

    const store = openSqliteStore(file, { readonly: true });

    assert.equal(await store.check(), true);
    assert.throws(() => store.sqlite.exec('CREATE TABLE nope (id INTEGER)'));
    await store.close();
  });

  it('reports not ready once closed', async () => {
    const store = openSqliteStore(':memory:');
    await store.close();

    assert.equal(await store.check(), false);
  });
});

describe('the DATA_DIR lock', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-lock-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder in the same process with a message naming the directory', () => {
    const lock = lockDataDir(dir);

    assert.throws(
      () => lockDataDir(dir),
      (error: unknown) => error instanceof DataDirLockedError && error.message.includes(path.resolve(dir)),
    );
    lock.release();
    lockDataDir(dir).release();
  });

  it('refuses another process while held, and is free again the moment the holder is killed', () => {
    const lock = lockDataDir(dir);
    const probe = `
      import { lockDataDir } from ${JSON.stringify(path.resolve('bff/src/store/index.ts'))};
      try { lockDataDir(process.argv[1]).release(); console.log('acquired'); }
      catch (error) { console.log(error.name); }
    `;
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe, dir], {
        encoding: 'utf8',
      }).stdout.trim();

    assert.equal(run(), 'DataDirLockedError');
    lock.release();
    assert.equal(run(), 'acquired');
  });
});
