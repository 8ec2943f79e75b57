import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { listErrors } from '../../../bff/src/cli/errors.js';
import { signUrlFromArgs } from '../../../bff/src/cli/sign-url.js';
import { createEmbedTokenVerifier } from '../../../bff/src/auth/embed-token.js';
import { buildWidgetUrl } from '../../../bff/src/auth/sign-embed-token.js';
import { loadConfig } from '../../../bff/src/config.js';
import { DATABASE_FILE, openPostgresStore, openSqliteStore } from '../../../bff/src/store/index.js';
import { createScratchSchema, postgresOrSkip, type ScratchSchema } from '../support/postgres.js';
import { BASE_ENV } from './harness.js';

const postgres = await postgresOrSkip('npm run errors on PostgreSQL');

describe('npm run sign-url', () => {
  it('prints a widget URL whose token the BFF accepts, with every claim given', async () => {
    const url = await signUrlFromArgs(
      [
        '--ticket',
        'T-1001',
        '--agent',
        'alice',
        '--email',
        'a@b.c',
        '--customer',
        '12',
        '--locale',
        'de-DE',
        '--scope',
        'orders:read notes:write',
        '--base',
        'http://bff.example:9000',
        '--ttl',
        '600',
        '--order',
        '521',
        '--ticket-created-at',
        '2026-12-01T09:30:00+01:00',
      ],
      BASE_ENV,
    );
    const parsed = new URL(url);
    const token = parsed.searchParams.get('token') ?? '';
    const claims = decodeJwt(token);
    const verifier = createEmbedTokenVerifier({
      config: loadConfig(BASE_ENV),
      jti: { consume: async () => true },
    });

    const verified = await verifier.verify(token);

    assert.equal(`${parsed.origin}${parsed.pathname}`, 'http://bff.example:9000/widget/');
    assert.equal(claims.exp! - claims.iat!, 600);
    assert.equal(verified.ticket, 'T-1001');
    assert.equal(verified.agent, 'alice');
    assert.equal(verified.email, 'a@b.c');
    assert.equal(verified.customer, '12');
    assert.equal(verified.locale, 'de-DE');
    assert.deepEqual(verified.scopes, ['orders:read', 'notes:write']);
    assert.equal(claims.order, 521);
    assert.equal(verified.order, 521);
    assert.equal(verified.ticketCreatedAt, Date.parse('2026-12-01T08:30:00Z'));
  });

  it('defaults to every scope and to the configured host and port', async () => {
    const url = await signUrlFromArgs(['--ticket', 'T-1', '--agent', 'bob'], { ...BASE_ENV, PORT: '8123' });

    assert.ok(url.startsWith('http://127.0.0.1:8123/widget/?token='));
    assert.equal(
      decodeJwt(new URL(url).searchParams.get('token')!).scope,
      'orders:read notes:write links:write',
    );
  });

  it('refuses a missing ticket, a lifetime over 15 minutes and an unknown market', async () => {
    await assert.rejects(signUrlFromArgs(['--agent', 'bob'], BASE_ENV), /--ticket and --agent are required/);
    await assert.rejects(
      signUrlFromArgs(['--ticket', 'T', '--agent', 'b', '--ttl', '3600'], BASE_ENV),
      /--ttl/,
    );
    await assert.rejects(
      signUrlFromArgs(['--ticket', 'T', '--agent', 'b', '--market', 'fr'], BASE_ENV),
      /Unknown market "fr"/,
    );
  });

  it('refuses an order that is no order number and an opening time without a zone', async () => {
    await assert.rejects(
      signUrlFromArgs(['--ticket', 'T', '--agent', 'b', '--order', '#521'], BASE_ENV),
      /--order must be a BigCommerce order number/,
    );
    await assert.rejects(
      signUrlFromArgs(['--ticket', 'T', '--agent', 'b', '--ticket-created-at', '2026-12-01 09:30'], BASE_ENV),
      /--ticket-created-at must be an ISO 8601 time with a zone/,
    );
  });

  it('refuses to sign without EMBED_SECRET, since the server would not know the key', async () => {
    await assert.rejects(signUrlFromArgs(['--ticket', 'T', '--agent', 'b'], {}), /EMBED_SECRET is not set/);
  });

  it('keeps a base URL’s path prefix', () => {
    assert.equal(buildWidgetUrl('https://x.example/oc', 'abc'), 'https://x.example/oc/widget/?token=abc');
  });
});

describe('npm run errors', () => {
  let dataDir: string;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-cli-'));
    const store = openSqliteStore(path.join(dataDir, DATABASE_FILE));
    await store.repos.errorLog.record({
      correlationId: 'corr-cli-0001',
      storeKey: 'eu',
      resource: 'order',
      recordId: '101',
      issues: [{ path: 'total_inc_tax', message: 'not money' }],
      createdAt: Date.UTC(2026, 0, 15, 9, 0, 0),
    });
    await store.close();
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists the entries for a correlation id from DATA_DIR', async () => {
    const lines = await listErrors(['corr-cli-0001'], { DATA_DIR: dataDir });

    assert.deepEqual(lines, [
      '2026-01-15T09:00:00.000Z  corr-cli-0001  store eu order 101\n    [{"path":"total_inc_tax","message":"not money"}]',
    ]);
  });

  it('says so when nothing matches, and lists recent entries without an id', async () => {
    assert.deepEqual(await listErrors(['corr-cli-9999'], { DATA_DIR: dataDir }), [
      'No entries for corr-cli-9999.',
    ]);
    assert.equal((await listErrors([], { DATA_DIR: dataDir })).length, 1);
  });

  it('prints JSON on request', async () => {
    const [json] = await listErrors(['corr-cli-0001', '--json'], { DATA_DIR: dataDir });

    assert.equal((JSON.parse(json!) as { recordId: string }[])[0]?.recordId, '101');
  });

  it('explains a missing database and a malformed id', async () => {
    await assert.rejects(listErrors([], { DATA_DIR: path.join(dataDir, 'nope') }), /No database at/);
    await assert.rejects(listErrors(['bad id!'], { DATA_DIR: dataDir }), /is not a correlation id/);
  });
});

describe('npm run errors on PostgreSQL (DATABASE_URL)', { skip: postgres }, () => {
  let schema: ScratchSchema;
  before(async () => {
    schema = await createScratchSchema();
    const store = await openPostgresStore(schema.url, { poolSize: 1 });
    await store.repos.errorLog.record({
      correlationId: 'corr-cli-pg01',
      storeKey: 'us',
      resource: 'request',
      recordId: null,
      issues: [],
      createdAt: Date.UTC(2026, 0, 15, 9, 0, 0),
    });
    await store.close();
  });
  after(() => schema.drop());

  it('reads the shared database instead of DATA_DIR, and refuses one no server has migrated', async () => {
    const env = { DATABASE_URL: schema.url, DATA_DIR: path.join(os.tmpdir(), 'oc-cli-none') };

    assert.deepEqual(await listErrors(['corr-cli-pg01'], env), [
      '2026-01-15T09:00:00.000Z  corr-cli-pg01  store us request\n    []',
    ]);
    const empty = await createScratchSchema();
    try {
      await assert.rejects(listErrors([], { DATABASE_URL: empty.url }), /no schema_version table/);
    } finally {
      await empty.drop();
    }
  });
});
