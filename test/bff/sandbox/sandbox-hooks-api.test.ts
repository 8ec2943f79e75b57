import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startSandbox, type RawHook, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

type One = { data: RawHook; meta: Record<string, never> };
type Many = {
  data: RawHook[];
  meta: {
    pagination: {
      total: number;
      count: number;
      per_page: number;
      current_page: number;
      total_pages: number;
      links: Record<string, string>;
    };
  };
};
type V3Error = { status: number; title: string; type: string; errors: Record<string, string> };

describe('sandbox /v3/hooks', () => {
  let sandbox: Sandbox;
  const clock = Date.UTC(2026, 10, 20, 9, 0, 0);
  before(async () => {
    sandbox = await startSandbox({ quota: 10_000, now: () => clock });
  });
  afterEach(async () => {
    for (const store of sandbox.stores) {
      for (const hook of store.webhooks.list()) {
        await callSandbox(sandbox, `/v3/hooks/${hook.id}`, { method: 'DELETE', store: store.hash });
      }
    }
    sandbox.faults.clear();
  });
  after(() => sandbox.close());

  it('creates a hook with 200 and the full webhook_Full record in {data, meta}', async () => {
    const created = await callSandbox(sandbox, '/v3/hooks', {
      method: 'POST',
      body: {
        scope: 'store/order/updated',
        destination: 'https://bff.example/webhooks/bigcommerce/eu',
        headers: { 'X-Webhook-Secret': 's3cret' },
      },
    });

    assert.equal(created.status, 200);
    const { data, meta } = created.json as One;
    assert.deepEqual(meta, {});
    assert.deepEqual(Object.keys(data).sort(), [
      'client_id',
      'created_at',
      'destination',
      'headers',
      'id',
      'is_active',
      'scope',
      'store_hash',
      'updated_at',
    ]);
    assert.equal(data.scope, 'store/order/updated');
    assert.equal(data.is_active, true, 'is_active defaults to true');
    assert.deepEqual(data.headers, { 'X-Webhook-Secret': 's3cret' });
    assert.equal(data.store_hash, 'sbx1eu');
    assert.match(data.client_id, /^[0-9a-f]{32}$/);
    assert.equal(data.created_at, clock / 1000);
    assert.equal(data.updated_at, clock / 1000);
    assert.ok(Number.isInteger(data.id) && data.id > 0);
  });

  it('reads one hook, updates it partially, and deletes it answering the deleted record', async () => {
    const created = (
      await callSandbox(sandbox, '/v3/hooks', {
        method: 'POST',
        body: { scope: 'store/order/*', destination: 'https://a.example/hook', is_active: false },
      })
    ).json as One;
    const path = `/v3/hooks/${created.data.id}`;

    const read = await callSandbox(sandbox, path);
    const put = await callSandbox(sandbox, path, {
      method: 'PUT',
      body: { is_active: true, headers: { 'X-Rotated': 'new' } },
    });
    const removed = await callSandbox(sandbox, path, { method: 'DELETE' });
    const gone = await callSandbox(sandbox, path);

    assert.deepEqual((read.json as One).data, created.data);
    assert.equal(put.status, 200);
    assert.equal((put.json as One).data.is_active, true);
    assert.equal((put.json as One).data.scope, 'store/order/*', 'fields left out stay as they were');
    assert.deepEqual((put.json as One).data.headers, { 'X-Rotated': 'new' });
    assert.equal(removed.status, 200);
    assert.equal((removed.json as One).data.id, created.data.id);
    assert.equal(gone.status, 404);
    assert.equal((gone.json as V3Error).title, `Webhook with id [${created.data.id}] not found`);
  });

  it('refuses a second hook for the same scope and destination with a v3 422', async () => {
    const body = { scope: 'store/shipment/created', destination: 'https://a.example/hook' };
    await callSandbox(sandbox, '/v3/hooks', { method: 'POST', body });

    const again = await callSandbox(sandbox, '/v3/hooks', { method: 'POST', body });
    const otherScope = await callSandbox(sandbox, '/v3/hooks', {
      method: 'POST',
      body: { ...body, scope: 'store/shipment/updated' },
    });

    assert.equal(again.status, 422);
    assert.equal((again.json as V3Error).status, 422);
    assert.equal(typeof (again.json as V3Error).title, 'string');
    assert.equal(otherScope.status, 200, 'another scope to the same destination is fine');
    assert.equal(sandbox.store().webhooks.list().length, 2);
  });

  it('refuses a PUT that would duplicate another hook', async () => {
    await callSandbox(sandbox, '/v3/hooks', {
      method: 'POST',
      body: { scope: 'store/order/created', destination: 'https://a.example/hook' },
    });
    const second = (
      await callSandbox(sandbox, '/v3/hooks', {
        method: 'POST',
        body: { scope: 'store/order/updated', destination: 'https://a.example/hook' },
      })
    ).json as One;

    const clash = await callSandbox(sandbox, `/v3/hooks/${second.data.id}`, {
      method: 'PUT',
      body: { scope: 'store/order/created' },
    });

    assert.equal(clash.status, 422);
  });

  it('answers invalid bodies with 422 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ destination: 'https://a.example/hook' }, 'scope'],
      [{ scope: 'store/order/created' }, 'destination'],
      [{ scope: 'store/order/statusupdated', destination: 'https://a.example/hook' }, 'scope'],
      [{ scope: 'store/order/created', destination: 'not a url' }, 'destination'],
      [{ scope: 'store/order/created', destination: 'ftp://a.example/' }, 'destination'],
      [{ scope: 'store/order/created', destination: 'https://a.example/', is_active: 'yes' }, 'is_active'],
      [{ scope: 'store/order/created', destination: 'https://a.example/', headers: ['x'] }, 'headers'],
      [
        { scope: 'store/order/created', destination: 'https://a.example/', headers: { 'X-A': 1 } },
        'headers.X-A',
      ],
      [
        { scope: 'store/order/created', destination: 'https://a.example/', headers: { 'Bad Name': 'v' } },
        'headers.Bad Name',
      ],
    ];

    for (const [body, field] of cases) {
      const response = await callSandbox(sandbox, '/v3/hooks', { method: 'POST', body });
      assert.equal(response.status, 422, JSON.stringify(body));
      const error = response.json as V3Error;
      assert.equal(error.title, 'JSON data is missing or invalid');
      assert.ok(field in error.errors, `${field} in ${JSON.stringify(error.errors)}`);
    }
    assert.equal(sandbox.store().webhooks.list().length, 0, 'nothing was created');
  });

  it('refuses an empty PUT ("at least one field is required") and a PUT to an unknown hook', async () => {
    const hook = (
      await callSandbox(sandbox, '/v3/hooks', {
        method: 'POST',
        body: { scope: 'store/customer/updated', destination: 'https://a.example/hook' },
      })
    ).json as One;

    const empty = await callSandbox(sandbox, `/v3/hooks/${hook.data.id}`, { method: 'PUT', body: {} });
    const unknown = await callSandbox(sandbox, '/v3/hooks/1', { method: 'PUT', body: { is_active: false } });

    assert.equal(empty.status, 422);
    assert.equal(unknown.status, 404);
  });

  it('lists with the filters is_active, scope and destination, and v3 pagination', async () => {
    const make = (scope: string, destination: string, isActive = true) =>
      callSandbox(sandbox, '/v3/hooks', {
        method: 'POST',
        body: { scope, destination, is_active: isActive },
      });
    await make('store/order/created', 'https://a.example/1');
    await make('store/order/updated', 'https://a.example/1');
    await make('store/order/statusUpdated', 'https://a.example/2', false);

    const all = (await callSandbox(sandbox, '/v3/hooks')).json as Many;
    const inactive = (await callSandbox(sandbox, '/v3/hooks?is_active=false')).json as Many;
    const byScope = (await callSandbox(sandbox, '/v3/hooks?scope=store/order/updated')).json as Many;
    const byDestination = (
      await callSandbox(sandbox, `/v3/hooks?destination=${encodeURIComponent('https://a.example/1')}`)
    ).json as Many;
    const page2 = (await callSandbox(sandbox, '/v3/hooks?limit=2&page=2')).json as Many;
    const bad = await callSandbox(sandbox, '/v3/hooks?is_active=maybe');

    assert.equal(all.data.length, 3);
    assert.deepEqual(
      inactive.data.map((h) => h.scope),
      ['store/order/statusUpdated'],
    );
    assert.deepEqual(
      byScope.data.map((h) => h.scope),
      ['store/order/updated'],
    );
    assert.equal(byDestination.data.length, 2);
    assert.equal(page2.data.length, 1);
    assert.equal(page2.meta.pagination.total, 3);
    assert.equal(page2.meta.pagination.total_pages, 2);
    assert.equal(page2.meta.pagination.current_page, 2);
    assert.equal(bad.status, 422);
  });

  it('keeps hooks per store: another store lists none of them', async () => {
    await callSandbox(sandbox, '/v3/hooks', {
      method: 'POST',
      body: { scope: 'store/order/created', destination: 'https://a.example/eu' },
    });

    const us = (await callSandbox(sandbox, '/v3/hooks', { store: 'sbx2us' })).json as Many;

    assert.equal(us.data.length, 0);
  });

  it('counts hook calls against the rate limit and honours fault rules like any route', async () => {
    sandbox.faults.add({ path: '/v3/hooks', errorRate: 1, status: 503, times: 1 });

    const failed = await callSandbox(sandbox, '/v3/hooks');
    const next = await callSandbox(sandbox, '/v3/hooks');

    assert.equal(failed.status, 503);
    assert.equal((failed.json as V3Error).status, 503, 'v3 error shape');
    assert.equal(next.status, 200);
    assert.ok(next.headers.get('x-rate-limit-requests-left'), 'carries the rate-limit headers');
    assert.ok(sandbox.requests.some((r) => r.path === '/v3/hooks' && r.status === 503));
  });

  it('requires the store token', async () => {
    const response = await callSandbox(sandbox, '/v3/hooks', { token: 'wrong' });

    assert.equal(response.status, 401);
  });
});
