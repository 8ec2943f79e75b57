import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorBody } from '../../../shared/errors.js';
import { SessionResponse } from '../../../shared/session.js';
import { startServer, type RunningServer } from '../../../bff/src/server.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'oc-demo-'));
}

describe('/demo in sandbox mode', () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer(
      { PORT: '0', DATA_DIR: tempDir(), LOG_LEVEL: 'silent' },
      { database: ':memory:', defaultMetrics: false },
    );
  });
  after(() => server.close());

  it('sends a new user from the root to the demo desk', async () => {
    const response = await fetch(`${server.url}/`, { redirect: 'manual' });

    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), '/demo');
  });

  it('renders the desk with every ticket, the selected one, and the widget iframe, without inline script', async () => {
    const response = await fetch(`${server.url}/demo?ticket=T-1004`);
    const html = await response.text();

    assert.equal(response.status, 200);
    for (const ticket of ['T-1001', 'T-1002', 'T-1003', 'T-1004', 'T-1005', 'T-1006', 'T-1007', 'T-1008']) {
      assert.ok(html.includes(ticket), ticket);
    }
    assert.match(html, /<iframe [^>]*src="\/demo\/tickets\/T-1004\/widget"/);
    // Scripts only as external files (the CSP allows no inline script): the novomind panel's refresher.
    for (const tag of html.match(/<script[^>]*>[^<]*<\/script>/g) ?? []) {
      assert.match(tag, /^<script src="\/demo\/[a-z-]+\.js"[^>]*><\/script>$/);
    }
    assert.equal((html.match(/<script/g) ?? []).length, (html.match(/<script src=/g) ?? []).length);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-src 'self'/);
  });

  it('opens the widget with a freshly signed single-use token for the ticket', async () => {
    const first = await fetch(`${server.url}/demo/tickets/T-1007/widget`, { redirect: 'manual' });
    const second = await fetch(`${server.url}/demo/tickets/T-1007/widget`, { redirect: 'manual' });

    assert.equal(first.status, 302);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    const token = new URL(first.headers.get('location')!, server.url).searchParams.get('token')!;
    const other = new URL(second.headers.get('location')!, server.url).searchParams.get('token')!;
    assert.notEqual(token, other);
    const session = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    assert.equal(session.status, 201);
    const body = SessionResponse.parse(await session.json());
    assert.equal(body.ticket, 'T-1007');
    assert.deepEqual(body.scopes, ['orders:read']);
    assert.equal(body.market.id, 'us');
  });

  it('opens T-1008 for an agent who may cancel an order awaiting fulfillment', async () => {
    const redirect = await fetch(`${server.url}/demo/tickets/T-1008/widget`, { redirect: 'manual' });
    const token = new URL(redirect.headers.get('location')!, server.url).searchParams.get('token')!;
    const session = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const body = SessionResponse.parse(await session.json());

    assert.ok(body.scopes.includes('orders:write'));
    assert.deepEqual(body.statusChanges, [{ from: [11, 9], to: 5 }]);
    const orderId = Number(
      /Bestellung #(\d+) stornieren<\/h1>/.exec(
        await (await fetch(`${server.url}/demo?ticket=T-1008`)).text(),
      )?.[1],
    );
    assert.equal(server.sandbox?.store('sbx1eu').data.getOrder(orderId)?.status_id, 11);
  });

  it('answers an unknown ticket with the JSON 404 error body', async () => {
    const response = await fetch(`${server.url}/demo/tickets/T-9999/widget`, { redirect: 'manual' });

    assert.equal(response.status, 404);
    assert.equal(ErrorBody.parse(await response.json()).error.code, 'not_found');
  });
});

describe('/demo with a real store configured', () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer(
      {
        PORT: '0',
        DATA_DIR: tempDir(),
        LOG_LEVEL: 'silent',
        BIGCOMMERCE_STORE_HASH: 'abc123',
        BIGCOMMERCE_ACCESS_TOKEN: 'not-a-real-token-0123456789',
        BIGCOMMERCE_API_URL: 'http://127.0.0.1:9',
        EMBED_SECRET: 'x'.repeat(40),
      },
      { database: ':memory:', defaultMetrics: false },
    );
  });
  after(() => server.close());

  it('does not exist: there is no demo data to show', async () => {
    const response = await fetch(`${server.url}/demo`);

    assert.equal(response.status, 404);
    assert.equal(ErrorBody.parse(await response.json()).error.code, 'not_found');
  });
});
