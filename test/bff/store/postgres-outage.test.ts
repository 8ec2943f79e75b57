// PostgreSQL going away under a running product (README "Running several instances"): agents' requests are
// refused with the error body and nothing reaches BigCommerce, readiness answers 503, the process survives its
// broken pooled connections, and the same request works once PostgreSQL is back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorBody } from '../../../shared/errors.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { startNotesHarness, type NotesHarness } from '../notes/notes-harness.js';
import { eventually, startSyncProduct } from '../sync/sync-harness.js';
import { postgresOrSkip, TEST_DATABASE_URL } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const skip = await postgresOrSkip('store: a running product while PostgreSQL is down');
const personas = SANDBOX_PERSONAS.sbx1eu;
const PASSWORD = 'pw-never-in-logs-7f3a';

describe('a product on PostgreSQL while PostgreSQL is down', { skip }, () => {
  let proxy: TcpProxy;
  let h: NotesHarness;
  before(async () => {
    proxy = await startTcpProxy(`http://${new URL(TEST_DATABASE_URL).host}`);
    h = await startNotesHarness({
      backend: 'postgres',
      databaseUrl: (url) => {
        const proxied = new URL(url);
        proxied.host = new URL(proxy.url).host;
        // The machine's PostgreSQL trusts local connections; the password is only there to be kept out of logs.
        proxied.password = PASSWORD;
        return proxied.toString();
      },
    });
  });
  after(async () => {
    await h.close();
    await proxy.close();
  });

  it('refuses a note with the error body and writes nothing, answers not ready, and takes it once back', async () => {
    const session = await h.openSession({
      agent: 'dana',
      ticket: 'T-PG-DOWN',
      customer: String(personas.registered.customerId),
      scope: 'orders:read notes:write',
    });
    const orderId = personas.orders.shippedWithTracking;
    h.sandbox.clearRequests();

    await proxy.down();
    const refused = await h.postNote(session, orderId, { text: 'During the outage.' }, 'pg-down-1');
    const ready = await fetch(`${h.app.url}/readyz`);

    assert.equal(refused.status, 500, refused.text);
    assert.equal(ErrorBody.parse(refused.body).error.code, 'internal_error');
    assert.equal(ready.status, 503);
    assert.equal(ErrorBody.parse(await ready.json()).error.code, 'not_ready');
    assert.deepEqual(
      h.sandbox.requests.filter((request) => request.method !== 'GET'),
      [],
      'nothing was written to BigCommerce',
    );

    await proxy.up();
    const accepted = await h.postNote(session, orderId, { text: 'During the outage.' }, 'pg-down-1');
    assert.equal(accepted.status, 201, accepted.text);
  });

  it('logs which database it opened, without the password', () => {
    const opened = h.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'store open');

    assert.equal(opened?.engine, 'postgres');
    assert.match(String(opened?.database), /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/test$/);
    assert.ok(h.logs.every((line) => !line.includes(PASSWORD)));
  });
});

describe(
  'the whole product (every room, real timers) on PostgreSQL while PostgreSQL is down',
  { skip },
  () => {
    it('keeps running through the outage and serves again once PostgreSQL is back, without a restart', async () => {
      const proxy = await startTcpProxy(`http://${new URL(TEST_DATABASE_URL).host}`);
      const product = await startSyncProduct({
        backend: 'postgres',
        databaseUrl: (url) => {
          const proxied = new URL(url);
          proxied.host = new URL(proxy.url).host;
          return proxied.toString();
        },
      });
      try {
        // Down while the back-fill, the hook registration and the webhooks it causes are under way.
        await proxy.down();
        assert.equal(await product.sync.scheduler.runNow('us'), 'already_running');
        await eventually(
          async () => (await fetch(`${product.server.url}/readyz`)).status === 503,
          'not ready',
        );
        await eventually(
          async () => !(await product.sync.scheduler.facts('eu')).running,
          'the failed run ended',
        );
        assert.equal((await fetch(`${product.server.url}/healthz`)).status, 200, 'the process is alive');

        await proxy.up();
        const session = await product.session({ ticket: 'T-PG-BACK', email: 'nobody@example.com' });
        assert.equal(typeof session, 'string');
        await eventually(
          async () => (await fetch(`${product.server.url}/readyz`)).status === 200,
          'ready again',
        );
      } finally {
        await product.close();
        await proxy.close();
      }
    });
  },
);
