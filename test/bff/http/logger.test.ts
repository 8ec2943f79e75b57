import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Router } from 'express';
import { createLogger, redactUrl } from '../../../bff/src/http/logger.js';
import { ACCESS_TOKEN, createLogCapture, postJson, startTestApp, type TestApp } from '../app/harness.js';

describe('logger', () => {
  it('redacts credential fields at any of the first levels', () => {
    const capture = createLogCapture();
    const logger = createLogger({ level: 'info', destination: capture.stream });

    logger.info(
      {
        token: 'tok-top',
        req: { headers: { authorization: 'Bearer sess-1', cookie: 'a=b', 'x-auth-token': 'bc-1' } },
        store: { accessToken: 'bc-2' },
        body: { session: 'sess-2' },
      },
      'probe',
    );

    for (const secret of ['tok-top', 'sess-1', 'a=b', 'bc-1', 'bc-2', 'sess-2']) {
      assert.ok(!capture.text().includes(secret), `${secret} leaked: ${capture.text()}`);
    }
    assert.match(capture.text(), /\[Redacted\]/);
  });

  it('scrubs a known secret wherever it appears, even inside a message or error', () => {
    const capture = createLogCapture();
    const logger = createLogger({ level: 'info', destination: capture.stream, secrets: [ACCESS_TOKEN] });

    logger.error({ err: new Error(`upstream said ${ACCESS_TOKEN}`) }, `failed with ${ACCESS_TOKEN}`);

    assert.ok(!capture.text().includes(ACCESS_TOKEN));
  });

  it('logs errors without request configs or headers', () => {
    const capture = createLogCapture();
    const logger = createLogger({ level: 'info', destination: capture.stream });
    const error = Object.assign(new Error('axios-like'), {
      config: { headers: { 'X-Auth-Token': 'bc-secret-header' } },
      status: 500,
    });

    logger.error({ err: error }, 'failed');

    const [line] = capture.lines();
    assert.equal((line?.err as { status: number }).status, 500);
    assert.ok(!capture.text().includes('bc-secret-header'));
  });

  it('blanks the token in a logged widget URL', () => {
    assert.equal(redactUrl('/widget/?token=eyJabc.def.ghi&x=1'), '/widget/?token=[Redacted]&x=1');
    assert.equal(redactUrl('/widget/?%74oken=eyJabc&x=1'), '/widget/?%74oken=[Redacted]&x=1');
    assert.equal(redactUrl('/x?a=1&Session=abc&b=%zz'), '/x?a=1&Session=[Redacted]&b=%zz');
    assert.equal(redactUrl('/widget/'), '/widget/');
  });
});

describe('request logging', () => {
  let app: TestApp;
  const capture = createLogCapture();
  before(async () => {
    const router = Router();
    router.get('/fail', () => {
      throw new Error(`boom ${ACCESS_TOKEN}`);
    });
    app = await startTestApp({ logDestination: capture.stream, routers: [router] });
  });
  after(() => app.close());

  it('writes one line per request with the correlation id and no token, session or access token', async () => {
    const token = await app.sign();
    const opened = await postJson(app.fetch, '/api/v1/session', { token });
    const { session } = (await opened.json()) as { session: string };
    await (await app.fetch(`/widget/?token=${token}`)).text();
    await (await app.fetch('/api/v1/anything', { headers: { authorization: `Bearer ${session}` } })).text();
    await (await postJson(app.fetch, '/api/v1/session', { token: `${token}` })).text(); // replay, logged as refused
    await (await app.fetch('/fail', { headers: { 'x-correlation-id': 'log-probe-0001' } })).text();

    const text = capture.text();
    assert.ok(!text.includes(token), 'embed token leaked');
    assert.ok(!text.includes(session), 'session id leaked');
    assert.ok(!text.includes(ACCESS_TOKEN), 'access token leaked');
    const requestLines = capture.lines().filter((line) => line.msg === 'request');
    assert.ok(requestLines.length >= 5);
    assert.ok(requestLines.every((line) => typeof line.correlationId === 'string'));
    const failure = capture.lines().find((line) => line.msg === 'request failed');
    assert.equal(failure?.correlationId, 'log-probe-0001');
    assert.match(String((failure?.err as { stack?: string }).stack), /boom/);
  });
});
