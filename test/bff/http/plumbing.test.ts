import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Router } from 'express';
import { postJson, readError, startTestApp, type TestApp } from '../app/harness.js';

function createFailingRouter(): Router {
  const router = Router();
  router.get('/boom', () => {
    throw new Error('kaboom with internal detail /etc/passwd');
  });
  router.get('/boom-async', async () => {
    await Promise.resolve();
    throw new TypeError('async failure detail');
  });
  router.get('/echo/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  return router;
}

describe('HTTP plumbing', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ routers: [createFailingRouter()] });
  });
  after(() => app.close());

  it('puts a new correlation id on every response', async () => {
    const first = await app.fetch('/healthz');
    const second = await app.fetch('/healthz');

    assert.match(first.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.notEqual(first.headers.get('x-correlation-id'), second.headers.get('x-correlation-id'));
  });

  it('reuses a safe inbound correlation id', async () => {
    const response = await app.fetch('/healthz', { headers: { 'x-correlation-id': 'novomind.req-0042_ab' } });

    assert.equal(response.headers.get('x-correlation-id'), 'novomind.req-0042_ab');
  });

  it('replaces an unsafe or odd-sized inbound correlation id', async () => {
    for (const inbound of ['short', 'has space in it', 'x'.repeat(65), 'bad<script>id']) {
      const response = await app.fetch('/healthz', { headers: { 'x-correlation-id': inbound } });

      assert.notEqual(response.headers.get('x-correlation-id'), inbound);
      assert.match(response.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
    }
  });

  it('answers malformed JSON with 400 invalid_request in the error body', async () => {
    const response = await app.fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"token": "abc',
    });
    const { status, body, correlationHeader } = await readError(response);

    assert.equal(status, 400);
    assert.equal(body.error.code, 'invalid_request');
    assert.equal(body.error.correlationId, correlationHeader);
  });

  it('answers a body over 16 kB with 413 payload_too_large', async () => {
    const response = await postJson(app.fetch, '/api/v1/session', { token: 'x'.repeat(20_000) });
    const { status, body } = await readError(response);

    assert.equal(status, 413);
    assert.equal(body.error.code, 'payload_too_large');
  });

  it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
    const response = await app.fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'token=abc',
    });
    const { status, body } = await readError(response);

    assert.equal(status, 415);
    assert.equal(body.error.code, 'unsupported_media_type');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await app.fetch('/no/such/thing');
    const { status, body, correlationHeader } = await readError(response);

    assert.equal(status, 404);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(body, {
      error: { code: 'not_found', message: 'Nothing is here.', correlationId: correlationHeader },
    });
  });

  it('answers an unexpected error with 500 internal_error and keeps its text and stack out of the body', async () => {
    for (const path of ['/boom', '/boom-async']) {
      const response = await app.fetch(path);
      const text = await response.text();

      assert.equal(response.status, 500);
      assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, 'internal_error');
      assert.ok(!text.includes('detail'), text);
      assert.ok(!text.includes('at '), text);
    }
  });

  it('records a 500 in the error log under its correlation id', async () => {
    const response = await app.fetch('/boom', { headers: { 'x-correlation-id': 'trace-boom-0001' } });
    await response.text();

    const entries = await app.repos.errorLog.listByCorrelationId('trace-boom-0001');

    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.resource, 'request');
    assert.equal(entries[0]?.recordId, 'GET /boom');
    assert.deepEqual(entries[0]?.issues, [
      { code: 'internal_error', error: 'Error', status: null, upstreamPath: null },
    ]);
  });

  it('answers a malformed escape in a path parameter with 400 invalid_request, not 500', async () => {
    const { status, body } = await readError(await app.fetch('/echo/%E0%A4%A'));

    assert.equal(status, 400);
    assert.equal(body.error.code, 'invalid_request');
  });
});
