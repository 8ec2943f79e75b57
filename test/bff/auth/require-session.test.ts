import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Router } from 'express';
import { getSession, requireScope } from '../../../bff/src/auth/sessions.js';
import { readError, startTestApp, type TestApp } from '../app/harness.js';

function createProbeRouter(): Router {
  const router = Router();
  router.get('/probe/whoami', requireScope('orders:read'), (_req, res) => {
    const session = getSession(res);
    res.json({
      ticket: session.ticket,
      agent: session.agent,
      market: session.market.id,
      store: session.storeKey,
      scopes: session.scopes,
    });
  });
  router.post('/probe/notes', requireScope('notes:write'), (_req, res) => {
    res.status(201).json({ ok: true });
  });
  return router;
}

describe('requireSession and requireScope', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ apiRouters: [createProbeRouter()] });
  });
  after(() => app.close());

  it('puts the session into the request for routers under /api/v1', async () => {
    const session = await app.openSession({ ticket: 'T-7', agent: 'bob', scope: 'orders:read' });

    const response = await app.fetch('/api/v1/probe/whoami', {
      headers: { authorization: `Bearer ${session}` },
    });

    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      ticket: 'T-7',
      agent: 'bob',
      market: 'default',
      store: 'default',
      scopes: ['orders:read'],
    });
  });

  it('answers 401 session_missing without an Authorization header', async () => {
    const { status, body } = await readError(await app.fetch('/api/v1/probe/whoami'));

    assert.equal(status, 401);
    assert.equal(body.error.code, 'session_missing');
  });

  it('answers 401 session_missing for another scheme', async () => {
    const { body } = await readError(
      await app.fetch('/api/v1/probe/whoami', { headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } }),
    );

    assert.equal(body.error.code, 'session_missing');
  });

  it('answers 401 session_invalid for an unknown session', async () => {
    const unknown = 'A'.repeat(43);
    const { status, body } = await readError(
      await app.fetch('/api/v1/probe/whoami', { headers: { authorization: `Bearer ${unknown}` } }),
    );

    assert.equal(status, 401);
    assert.equal(body.error.code, 'session_invalid');
  });

  it('answers 401 session_invalid once the session has expired', async () => {
    const session = await app.openSession();
    app.clock.advance(10 * 3_600_000 + 1);

    const { body } = await readError(
      await app.fetch('/api/v1/probe/whoami', { headers: { authorization: `Bearer ${session}` } }),
    );

    assert.equal(body.error.code, 'session_invalid');
  });

  it('answers 403 forbidden when the session lacks the route’s scope', async () => {
    const session = await app.openSession({ scope: 'orders:read' });

    const { status, body } = await readError(
      await app.fetch('/api/v1/probe/notes', {
        method: 'POST',
        headers: { authorization: `Bearer ${session}` },
      }),
    );

    assert.equal(status, 403);
    assert.equal(body.error.code, 'forbidden');
  });

  it('lets a session with the scope through', async () => {
    const session = await app.openSession({ scope: 'orders:read notes:write' });

    const response = await app.fetch('/api/v1/probe/notes', {
      method: 'POST',
      headers: { authorization: `Bearer ${session}` },
    });

    assert.equal(response.status, 201);
  });

  it('keeps unknown /api/v1 paths behind the session check', async () => {
    const { status, body } = await readError(await app.fetch('/api/v1/nothing-here'));

    assert.equal(status, 401);
    assert.equal(body.error.code, 'session_missing');
  });

  it('answers an unknown /api/v1 path with a session as JSON 404', async () => {
    const session = await app.openSession();

    const { status, body } = await readError(
      await app.fetch('/api/v1/nothing-here', { headers: { authorization: `Bearer ${session}` } }),
    );

    assert.equal(status, 404);
    assert.equal(body.error.code, 'not_found');
  });
});
