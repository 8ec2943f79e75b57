// The repository contract and the adapter's own duties (migrations under an advisory lock, numbers for BIGINT,
// readiness) against the machine's PostgreSQL, each store in its own scratch schema.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  DEFAULT_RETENTION,
  MIGRATIONS,
  openPostgresStore,
  type Migration,
  type PostgresStore,
} from '../../../bff/src/store/index.js';
import { createScratchSchema, postgresOrSkip, type ScratchSchema } from '../support/postgres.js';
import { describeRepoContract, T0 } from './repo-contract.js';

const skip = await postgresOrSkip('store: repository contract on PostgreSQL');

/** A store in a new schema; closing it drops the schema. */
async function openScratch(
  options: Parameters<typeof openPostgresStore>[1] = {},
): Promise<PostgresStore & { schema: ScratchSchema }> {
  const schema = await createScratchSchema();
  try {
    const store = await openPostgresStore(schema.url, { poolSize: 4, ...options });
    const closeStore = store.close.bind(store);
    return Object.assign(store, {
      schema,
      async close() {
        await closeStore();
        await schema.drop();
      },
    });
  } catch (error) {
    await schema.drop();
    throw error;
  }
}

async function version(store: PostgresStore): Promise<number> {
  const { rows } = await store.pool.query<{ version: number }>('SELECT version FROM schema_version');
  return rows[0]?.version ?? 0;
}

describe('PostgreSQL', { skip }, () => {
  describeRepoContract('PostgreSQL', {
    open: async (options) =>
      openScratch({
        retention: { ...DEFAULT_RETENTION, ...(options?.errorLog ? { errorLog: options.errorLog } : {}) },
      }),
  });

  describe('the PostgreSQL store', () => {
    const schemas: ScratchSchema[] = [];
    after(async () => {
      for (const schema of schemas) await schema.drop();
    });

    it('migrates a fresh schema to the newest version, and reads BIGINT columns back as numbers', async () => {
      const store = await openScratch();

      assert.equal(store.engine, 'postgres');
      assert.equal(await version(store), MIGRATIONS.length);
      assert.equal(await store.check(), true);
      await store.repos.ticketEvents.append({
        ticket: 'T-n',
        orderId: 9_007_199_254,
        agent: 'a',
        type: 't',
        status: 's',
        correlationId: null,
        at: T0,
      });
      const [stored] = await store.repos.ticketEvents.listByTicket('T-n');
      assert.equal(typeof stored?.id, 'number');
      assert.equal(stored?.at, T0);
      assert.equal(stored?.orderId, 9_007_199_254);
      await store.close();
    });

    it('migrates once when several instances start on an empty schema at the same moment', async () => {
      const schema = await createScratchSchema();
      schemas.push(schema);

      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openPostgresStore(schema.url, { poolSize: 2 })),
      );

      for (const store of stores) assert.equal(await version(store), MIGRATIONS.length);
      assert.equal(await stores[0]!.repos.jti.consume('j-shared', T0), true);
      assert.equal(await stores[3]!.repos.jti.consume('j-shared', T0), false, 'one database for all');
      await Promise.all(stores.map((store) => store.close()));
    });

    it('keeps data and version when reopened, and applies only versions it has not seen', async () => {
      const schema = await createScratchSchema();
      schemas.push(schema);
      const first = await openPostgresStore(schema.url, { migrations: MIGRATIONS.slice(0, 2), poolSize: 2 });
      assert.equal(await version(first), 2);
      // A row as that version's code wrote it (today's repositories speak the latest schema).
      await first.pool.query(
        `INSERT INTO links (ticket, market, customer_id, email, created_by, created_at)
         VALUES ('T-1', 'de', 7, NULL, 'alice', 1)`,
      );
      await first.close();
      const extra: Migration = {
        version: MIGRATIONS.length + 1,
        name: 'test: extra table',
        sqlite: 'CREATE TABLE extra (id INTEGER PRIMARY KEY)',
        postgres: 'CREATE TABLE extra (id BIGINT PRIMARY KEY)',
      };

      const second = await openPostgresStore(schema.url, { migrations: [...MIGRATIONS, extra], poolSize: 2 });
      const third = await openPostgresStore(schema.url, { migrations: [...MIGRATIONS, extra], poolSize: 2 });

      assert.equal(await version(third), MIGRATIONS.length + 1);
      assert.equal((await third.repos.links.get('T-1', 'de'))?.customerId, 7);
      await second.close();
      await third.close();
    });

    it('rolls a failing migration back completely and names it', async () => {
      const schema = await createScratchSchema();
      schemas.push(schema);
      const broken: Migration = {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        sqlite: '',
        postgres: 'CREATE TABLE half (id BIGINT); SELECT * FROM missing_table;',
      };

      await assert.rejects(
        openPostgresStore(schema.url, { migrations: [...MIGRATIONS, broken] }),
        /"broken"/,
      );

      const store = await openPostgresStore(schema.url, { poolSize: 1 });
      assert.equal(await version(store), MIGRATIONS.length);
      const { rows } = await store.pool.query("SELECT to_regclass('half') AS half");
      assert.equal((rows[0] as { half: unknown }).half, null);
      await store.close();
    });

    it('refuses to run an older build on a newer database', async () => {
      const schema = await createScratchSchema();
      schemas.push(schema);
      const store = await openPostgresStore(schema.url, { poolSize: 1 });
      await store.pool.query('UPDATE schema_version SET version = $1', [MIGRATIONS.length + 5]);
      await store.close();

      await assert.rejects(openPostgresStore(schema.url), /newer than this build/);
    });

    it('refuses a search_path that names no schema, and reports not ready once closed', async () => {
      const url = new URL((await createScratchSchema().then((s) => (schemas.push(s), s))).url);
      url.searchParams.set('options', '-c search_path=oc_test_does_not_exist');

      await assert.rejects(openPostgresStore(url.toString()), /search_path names no existing schema/);

      const store = await openScratch();
      await store.close();
      assert.equal(await store.check(), false);
    });
  });
});
