import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type AppDatabase } from '../../../bff/src/store/db.js';
import { createErrorLogRepo } from '../../../bff/src/store/error-log-repo.js';
import {
  createRepos,
  MIGRATIONS,
  runMigrations,
  type Migration,
  type Repos,
} from '../../../bff/src/store/index.js';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

describe('openDatabase and migrations', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-store-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the data directory, enables WAL and foreign keys, and migrates to the newest version', () => {
    const file = path.join(dir, 'nested', 'a.sqlite');

    const db = openDatabase(file);

    assert.ok(fs.existsSync(file));
    assert.equal(db.sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.sqlite.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.sqlite.pragma('busy_timeout', { simple: true }), 5000);
    assert.equal(db.sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(db.check(), true);
    db.close();
  });

  it('runs migrations once: reopening keeps data and version', () => {
    const file = path.join(dir, 'b.sqlite');
    const first = openDatabase(file);
    createRepos(first).links.upsert({
      ticket: 'T-1',
      market: 'de',
      customerId: 7,
      email: null,
      createdBy: 'alice',
      createdAt: T0,
    });
    first.close();

    const second = openDatabase(file);

    assert.equal(second.sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(createRepos(second).links.get('T-1', 'de')?.customerId, 7);
    assert.equal(runMigrations(second.sqlite), MIGRATIONS.length);
    second.close();
  });

  it('applies only the migrations a database has not seen yet', () => {
    const db = openDatabase(':memory:');
    const extra: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'test: extra table',
      up: (sqlite) => sqlite.exec('CREATE TABLE extra (id INTEGER PRIMARY KEY)'),
    };

    runMigrations(db.sqlite, [...MIGRATIONS, extra]);
    runMigrations(db.sqlite, [...MIGRATIONS, extra]);

    assert.equal(db.sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length + 1);
    db.close();
  });

  it('refuses to run an older build on a newer database', () => {
    const db = openDatabase(':memory:');
    db.sqlite.pragma(`user_version = ${MIGRATIONS.length + 5}`);

    assert.throws(() => runMigrations(db.sqlite), /newer than this build/);
    db.close();
  });

  it('refuses a migration list with a gap', () => {
    const db = openDatabase(':memory:', { migrations: [] });

    assert.throws(
      () => runMigrations(db.sqlite, [{ version: 2, name: 'gap', up: () => undefined }]),
      /expected 1/,
    );
    db.close();
  });

  it('rolls a failing migration back completely', () => {
    const db = openDatabase(':memory:');
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (sqlite) => sqlite.exec('CREATE TABLE half (id INTEGER); SELECT * FROM missing_table;'),
    };

    assert.throws(() => runMigrations(db.sqlite, [...MIGRATIONS, broken]));

    assert.equal(db.sqlite.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(db.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(), undefined);
    db.close();
  });

  it('opens read-only without migrating', () => {
    const file = path.join(dir, 'c.sqlite');
    openDatabase(file).close();

    const db = openDatabase(file, { readonly: true });

    assert.equal(db.check(), true);
    assert.throws(() => db.sqlite.exec('CREATE TABLE nope (id INTEGER)'));
    db.close();
  });

  it('reports not ready once closed', () => {
    const db = openDatabase(':memory:');
    db.close();

    assert.equal(db.check(), false);
  });
});

describe('jti repo', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-jti-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts a jti once and refuses it again', () => {
    const db = openDatabase(':memory:');
    const { jti } = createRepos(db);

    assert.equal(jti.consume('j-1', T0 + 60_000, T0), true);
    assert.equal(jti.consume('j-1', T0 + 60_000, T0 + 1000), false);
    assert.equal(jti.consume('j-2', T0 + 60_000, T0 + 1000), true);
    db.close();
  });

  it('remembers a used jti across a restart (file database reopened)', () => {
    const file = path.join(dir, 'replay.sqlite');
    const before = openDatabase(file);
    assert.equal(createRepos(before).jti.consume('j-restart', T0 + 900_000, T0), true);
    before.close();

    const reopened = openDatabase(file);

    assert.equal(createRepos(reopened).jti.consume('j-restart', T0 + 900_000, T0 + 5000), false);
    reopened.close();
  });

  it('forgets jtis once their tokens can no longer be valid', () => {
    const db = openDatabase(':memory:');
    const { jti } = createRepos(db);
    jti.consume('old', T0 + 1000, T0);
    jti.consume('new', T0 + 100_000, T0);

    assert.equal(jti.purgeExpired(T0 + 2000), 1);
    assert.deepEqual(db.sqlite.prepare('SELECT jti FROM jti_seen').all(), [{ jti: 'new' }]);
    db.close();
  });
});

describe('session, link, error-log and ticket-event repos', () => {
  let db: AppDatabase;
  let repos: Repos;
  before(() => {
    db = openDatabase(':memory:');
    repos = createRepos(db);
  });
  after(() => db.close());

  it('finds a session by hash until it expires', () => {
    const record = {
      idHash: 'a'.repeat(64),
      ticket: 'T-1',
      agent: 'alice',
      customer: '12',
      email: 'ada@example.com',
      market: 'de',
      store: 'eu',
      scopes: ['orders:read', 'notes:write'],
      locale: 'de-DE',
      jti: 'j-s',
      createdAt: T0,
      expiresAt: T0 + 1000,
    };
    repos.sessions.insert(record);

    assert.deepEqual(repos.sessions.findByHash(record.idHash, T0 + 999), record);
    assert.equal(repos.sessions.findByHash(record.idHash, T0 + 1000), null);
    assert.equal(repos.sessions.purgeExpired(T0 + 1000), 1);
  });

  it('upserts one link per ticket and market', () => {
    repos.links.upsert({
      ticket: 'T-2',
      market: 'de',
      customerId: 5,
      email: null,
      createdBy: 'alice',
      createdAt: T0,
    });
    repos.links.upsert({
      ticket: 'T-2',
      market: 'us',
      customerId: 9,
      email: null,
      createdBy: 'alice',
      createdAt: T0,
    });
    repos.links.upsert({
      ticket: 'T-2',
      market: 'de',
      customerId: null,
      email: 'guest@example.com',
      createdBy: 'bob',
      createdAt: T0 + 10,
    });

    assert.deepEqual(repos.links.get('T-2', 'de'), {
      ticket: 'T-2',
      market: 'de',
      customerId: null,
      email: 'guest@example.com',
      createdBy: 'bob',
      createdAt: T0 + 10,
    });
    assert.equal(repos.links.get('T-2', 'us')?.customerId, 9);
    assert.equal(repos.links.get('T-3', 'de'), null);
  });

  it('refuses a link with neither a customer nor an email', () => {
    assert.throws(() =>
      repos.links.upsert({
        ticket: 'T-4',
        market: 'de',
        customerId: null,
        email: null,
        createdBy: 'a',
        createdAt: T0,
      }),
    );
  });

  it('lists error-log entries by correlation id (oldest first) and recent ones (newest first)', () => {
    repos.errorLog.record({
      correlationId: 'corr-0001',
      storeKey: 'eu',
      resource: 'order',
      recordId: '101',
      issues: [{ path: 'total_inc_tax', message: 'not money' }],
      createdAt: T0,
    });
    repos.errorLog.record({
      correlationId: 'corr-0002',
      storeKey: null,
      resource: 'request',
      recordId: null,
      issues: [],
      createdAt: T0 + 1,
    });
    repos.errorLog.record({
      correlationId: 'corr-0001',
      storeKey: 'eu',
      resource: 'customer',
      recordId: '7',
      issues: {},
      createdAt: T0 + 2,
    });

    const mine = repos.errorLog.listByCorrelationId('corr-0001');

    assert.deepEqual(
      mine.map((entry) => [entry.resource, entry.recordId]),
      [
        ['order', '101'],
        ['customer', '7'],
      ],
    );
    assert.deepEqual(mine[0]?.issues, [{ path: 'total_inc_tax', message: 'not money' }]);
    assert.deepEqual(
      repos.errorLog.listRecent(2).map((entry) => entry.correlationId),
      ['corr-0001', 'corr-0002'],
    );
  });

  it('keeps the error log within its age and size bounds', () => {
    const small = createErrorLogRepo(db, { maxAgeMs: 1000, maxRows: 3 });
    db.sqlite.exec('DELETE FROM error_log');
    for (let i = 0; i < 5; i += 1) {
      small.record({
        correlationId: `bound-${i}xxxx`,
        storeKey: null,
        resource: 'request',
        recordId: null,
        issues: [],
        createdAt: T0 + i * 100,
      });
    }

    small.purge(T0 + 400);
    assert.equal(small.listRecent(10).length, 3);

    small.purge(T0 + 1350);
    assert.deepEqual(
      small.listRecent(10).map((entry) => entry.correlationId),
      ['bound-4xxxx'],
    );
  });

  it('appends ticket events and lists them in order', () => {
    repos.ticketEvents.append({
      ticket: 'T-5',
      orderId: 101,
      agent: 'alice',
      type: 'note.queued',
      status: 'queued',
      correlationId: 'c-1',
      at: T0 + 5,
    });
    repos.ticketEvents.append({
      ticket: 'T-5',
      orderId: null,
      agent: 'alice',
      type: 'session.opened',
      status: 'ok',
      correlationId: null,
      at: T0,
    });
    repos.ticketEvents.append({
      ticket: 'T-6',
      orderId: null,
      agent: 'bob',
      type: 'session.opened',
      status: 'ok',
      correlationId: null,
      at: T0,
    });

    const events = repos.ticketEvents.listByTicket('T-5');

    assert.deepEqual(
      events.map((event) => [event.type, event.orderId, event.status]),
      [
        ['session.opened', null, 'ok'],
        ['note.queued', 101, 'queued'],
      ],
    );
  });
});
