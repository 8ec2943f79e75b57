import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readError, startTestApp, type TestApp } from '../app/harness.js';

const METRICS_TOKEN = 'metrics-token-0123456789';

describe('GET /metrics', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { METRICS_TOKEN } });
  });
  after(() => app.close());

  it('refuses a scrape without the bearer token', async () => {
    const { status, body } = await readError(await app.fetch('/metrics'));
    const wrong = await readError(
      await app.fetch('/metrics', { headers: { authorization: 'Bearer nope-nope-nope' } }),
    );

    assert.equal(status, 403);
    assert.equal(body.error.code, 'forbidden');
    assert.equal(wrong.status, 403);
  });

  it('serves Prometheus text with request durations labelled by route pattern', async () => {
    await (await app.fetch('/healthz')).text();
    await (await app.fetch('/no/such/1234')).text();

    const response = await app.fetch('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await response.text();

    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    assert.match(
      text,
      /http_request_duration_seconds_count\{route="\/healthz",method="GET",status="200"\} 1/,
    );
    assert.match(
      text,
      /http_request_duration_seconds_count\{route="unmatched",method="GET",status="404"\} 1/,
    );
    assert.ok(!text.includes('1234'));
  });

  it('exposes upstream, cache and queued-note metrics fed by their hooks', async () => {
    app.metrics.recordUpstream({
      storeKey: 'eu',
      method: 'GET',
      route: '/v2/orders',
      status: 200,
      durationMs: 120,
      attempt: 1,
    });
    app.metrics.recordUpstream({
      storeKey: 'eu',
      method: 'GET',
      route: '/v2/orders',
      status: null,
      durationMs: 8000,
      attempt: 2,
    });
    app.metrics.recordCache('order', 'hit');
    app.metrics.recordCache('order', 'stale');
    app.metrics.setQueuedNotesSource(() => 3);

    const text = await (
      await app.fetch('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();

    assert.match(
      text,
      /bigcommerce_requests_total\{store="eu",method="GET",route="\/v2\/orders",status="200",retry="false"\} 1/,
    );
    assert.match(
      text,
      /bigcommerce_requests_total\{store="eu",method="GET",route="\/v2\/orders",status="none",retry="true"\} 1/,
    );
    assert.match(
      text,
      /bigcommerce_request_duration_seconds_count\{store="eu",method="GET",route="\/v2\/orders"\} 2/,
    );
    assert.match(text, /cache_lookups_total\{kind="order",outcome="hit"\} 1/);
    assert.match(text, /cache_lookups_total\{kind="order",outcome="stale"\} 1/);
    assert.match(text, /notes_queued 3/);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('is open', async () => {
    assert.equal((await app.fetch('/metrics')).status, 200);
  });
});
