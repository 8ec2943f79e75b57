// PostgreSQL for tests: the machine's server (TEST_DATABASE_URL, default the local trust-auth `test` database),
// one scratch schema per store a test opens, dropped when it closes, so test files running in parallel never
// see each other's rows. Without a reachable server the suites that need it are skipped and named in the line
// `npm test` prints at the end (scripts/report-skips.mjs); in CI (CI=true, REQUIRE_SERVICES=1) that is a failure.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { recordSkip, servicesRequired } from './skips.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<string | null> | null = null;

/** null when PostgreSQL answers; otherwise why not (for the skip reason). Asked once per test file. */
function probe(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      return (error as Error).message || String(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/**
 * The `skip` option for a suite that needs PostgreSQL: false when it is reachable; else a reason, and the suite
 * is recorded for the end-of-run line. Throws instead when services are required (CI).
 */
export async function postgresOrSkip(suite: string): Promise<false | string> {
  const problem = await probe();
  if (problem === null) return false;
  const where = new URL(TEST_DATABASE_URL).host;
  if (servicesRequired()) {
    throw new Error(`${suite}: PostgreSQL at ${where} is required (CI / REQUIRE_SERVICES=1) but: ${problem}`);
  }
  recordSkip({ suite, service: `PostgreSQL at ${where}` });
  return `PostgreSQL at ${where} is not reachable (${problem})`;
}

export interface ScratchSchema {
  name: string;
  /** TEST_DATABASE_URL with the schema as search_path: what a product instance gets as DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new empty schema; `drop()` removes it with everything in it. */
export async function createScratchSchema(): Promise<ScratchSchema> {
  const name = `oc_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE SCHEMA ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    drop: () =>
      admin((client) => client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`)).then(() => undefined),
  };
}

/** Where a product test keeps its state: the embedded default, or PostgreSQL through DATABASE_URL. */
export type Backend = 'sqlite' | 'postgres';

export interface BackendCase {
  backend: Backend;
  label: string;
  /** The node:test `skip` option for the suite on this backend. */
  skip: false | string;
}

/** Both backends for a product suite that runs on each; PostgreSQL skipped (and recorded) when unreachable. */
export async function storeBackends(suite: string): Promise<BackendCase[]> {
  return [
    { backend: 'sqlite', label: 'SQLite', skip: false },
    { backend: 'postgres', label: 'PostgreSQL', skip: await postgresOrSkip(`${suite} on PostgreSQL`) },
  ];
}

/**
 * The environment that puts a product instance on `backend`: nothing for SQLite (DATA_DIR decides), a
 * DATABASE_URL on a new scratch schema for PostgreSQL. Instances given the same env share the database;
 * `release()` drops the schema once the last of them closed.
 */
export async function backendEnv(
  backend: Backend,
): Promise<{ env: Record<string, string>; release(): Promise<void> }> {
  if (backend === 'sqlite') return { env: {}, release: async () => undefined };
  const schema = await createScratchSchema();
  return { env: { DATABASE_URL: schema.url, DATABASE_POOL_SIZE: '4' }, release: () => schema.drop() };
}
