import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readError, startTestApp, type TestApp } from './harness.js';

const ADMIN_TOKEN = 'admin-token-0123456789';

describe('GET /api/v1/admin/errors', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { ADMIN_TOKEN } });
    await app.repos.errorLog.record({
      correlationId: 'corr-admin-01',
      storeKey: 'default',
      resource: 'order',
      recordId: '101',
      issues: [{ path: 'total_inc_tax', message: 'not money' }],
      createdAt: app.clock.now(),
    });
    await app.repos.errorLog.record({
      correlationId: 'corr-admin-02',
      storeKey: null,
      resource: 'request',
      recordId: 'GET /api/v1/context',
      issues: [],
      createdAt: app.clock.now(),
    });
  });
  after(() => app.close());

  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

  it('lists the entries of one correlation id for the admin token', async () => {
    const response = await app.fetch('/api/v1/admin/errors?correlationId=corr-admin-01', { headers: auth });

    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      entries: [
        {
          id: 1,
          correlationId: 'corr-admin-01',
          storeKey: 'default',
          resource: 'order',
          recordId: '101',
          issues: [{ path: 'total_inc_tax', message: 'not money' }],
          createdAt: new Date(app.clock.now()).toISOString(),
          loadId: null,
        },
      ],
    });
  });

  it('lists recent entries without a correlation id', async () => {
    const body = (await (await app.fetch('/api/v1/admin/errors?limit=5', { headers: auth })).json()) as {
      entries: { correlationId: string }[];
    };

    assert.deepEqual(
      body.entries.map((entry) => entry.correlationId),
      ['corr-admin-02', 'corr-admin-01'],
    );
  });

  it('refuses a missing token with 401 unauthorized and a wrong one with 403 forbidden', async () => {
    const missing = await readError(await app.fetch('/api/v1/admin/errors'));
    const session = await app.openSession();
    const wrong = await readError(
      await app.fetch('/api/v1/admin/errors', { headers: { authorization: `Bearer ${session}` } }),
    );

    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, 'unauthorized');
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, 'forbidden');
  });

  it('answers a malformed correlation id with 400 invalid_request', async () => {
    const { status, body } = await readError(
      await app.fetch('/api/v1/admin/errors?correlationId=%3Cscript%3E', { headers: auth }),
    );

    assert.equal(status, 400);
    assert.equal(body.error.code, 'invalid_request');
  });
});

describe('GET /api/v1/admin/errors without ADMIN_TOKEN', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('does not exist', async () => {
    const { status, body } = await readError(
      await app.fetch('/api/v1/admin/errors', { headers: { authorization: 'Bearer anything-at-all-123' } }),
    );

    assert.equal(status, 404);
    assert.equal(body.error.code, 'not_found');
  });
});
