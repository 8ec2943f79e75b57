// /demo's operations corner in sandbox mode: the console with the run's admin token handed over in the page (never
// in a URL), and the store breaker whose faults the console then shows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { AdminStatusResponse } from '../../../shared/admin.js';
import { startServer, type RunningServer } from '../../../bff/src/server.js';

describe('/demo’s operations corner (sandbox mode)', () => {
  let server: RunningServer;
  let logs = '';

  before(async () => {
    server = await startServer(
      { PORT: '0', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oc-demo-console-')), LOG_LEVEL: 'info' },
      {
        database: ':memory:',
        defaultMetrics: false,
        bigcommerce: { sleep: async () => undefined },
        logDestination: new Writable({
          write(chunk: Buffer, _encoding, callback) {
            logs += chunk.toString();
            callback();
          },
        }),
      },
    );
  });
  after(() => server.close());

  const admin = () => ({ authorization: `Bearer ${server.config.adminToken ?? ''}` });

  it('generates an admin token for the run, says so in the log, and never logs the token', () => {
    assert.equal(server.config.adminTokenGenerated, true);
    assert.match(logs, /ADMIN_TOKEN is not set: using a random admin token for this run/);
    assert.ok(!logs.includes(server.config.adminToken!), 'the token itself is scrubbed');
  });

  it('links the desk to the console and offers the store breaker, without any inline script', async () => {
    const html = await (await fetch(`${server.url}/demo?ticket=T-1002`)).text();

    assert.match(
      html,
      /<a href="\/demo\/console" target="_blank" rel="noopener">Open the operations console<\/a>/,
    );
    assert.match(html, /<form method="post" action="\/demo\/faults">/);
    assert.match(html, /<input type="hidden" name="ticket" value="T-1002" \/>/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/);
    assert.ok(!html.includes(server.config.adminToken!), 'the desk itself never carries the token');
  });

  it('serves the console with the token handed over in a meta tag of the page, not in the address', async () => {
    const response = await fetch(`${server.url}/demo/console`, { redirect: 'manual' });
    const html = await response.text();

    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.ok(html.includes(`<meta name="oc-admin-token" content="${server.config.adminToken}" />`));
    assert.match(html, /<script type="module" src="\/admin\/admin\.js"><\/script>/);
  });

  it('breaks a store from a form post, shows it on the desk, and the console sees it at once', async () => {
    const response = await fetch(`${server.url}/demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'store=us&fault=outage&ticket=T-1006',
      redirect: 'manual',
    });
    const desk = await (await fetch(`${server.url}/demo?ticket=T-1006`)).text();
    const status = AdminStatusResponse.parse(
      await (await fetch(`${server.url}/api/v1/admin/status`, { headers: admin() })).json(),
    );

    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/demo?ticket=T-1006');
    assert.match(desk, /<li><strong>us<\/strong>: outage<\/li>/);
    assert.equal(status.stores.find((store) => store.key === 'us')?.state, 'failing');
    assert.equal(status.stores.find((store) => store.key === 'eu')?.state, 'healthy');
  });

  it('throttles and pauses webhooks on demand, and repairs the store again', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/demo/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    await post('store=eu&fault=rate-limit');
    await post('store=eu&fault=hooks-paused');
    const broken = server.sandbox!.store('sbx1eu').faults.get();
    const throttled = AdminStatusResponse.parse(
      await (await fetch(`${server.url}/api/v1/admin/status`, { headers: admin() })).json(),
    );
    await post('store=eu&fault=clear');
    await post('store=us&fault=clear');

    assert.deepEqual(broken.rateLimit, { withHeaders: false });
    assert.equal(broken.deliveries.paused, true);
    assert.equal(throttled.stores.find((store) => store.key === 'eu')?.state, 'degraded');
    assert.deepEqual(server.sandbox!.store('sbx1eu').faults.get().rateLimit, false);
  });

  it('refuses an unknown store or fault', async () => {
    const unknownStore = await fetch(`${server.url}/demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'store=mars&fault=outage',
    });
    const unknownFault = await fetch(`${server.url}/demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'store=eu&fault=meteor',
    });

    assert.equal(unknownStore.status, 404);
    assert.equal(unknownFault.status, 400);
  });
});
