// The product with REDIS_URL: /readyz checks Redis; with Redis down, writes fail closed (503 writes_unavailable)
// while the instance keeps answering. The embedded default (no REDIS_URL) is covered by every other server test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signEmbedTokenFor } from '../../../bff/src/auth/sign-embed-token.js';
import { startServer, type RunningServer } from '../../../bff/src/server.js';
import { EMBED_SECRET } from '../app/harness.js';
import { DEAD_REDIS_URL, REDIS_TEST_URL, skipUnlessRedis, testPrefix } from './redis-harness.js';

const prefix = testPrefix('server');

async function start(redisUrl: string): Promise<{ running: RunningServer; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-redis-'));
  const running = await startServer(
    {
      PORT: '0',
      DATA_DIR: dataDir,
      EMBED_SECRET,
      LOG_LEVEL: 'silent',
      SYNC: 'off',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
    },
    { defaultMetrics: false },
  );
  return { running, dataDir };
}

async function openSession(running: RunningServer): Promise<string> {
  const token = await signEmbedTokenFor(running.config, {
    agent: 'alice',
    ticket: 'T-2001',
    market: 'us',
    scope: 'orders:read notes:write orders:write',
  });
  const response = await fetch(`${running.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { session: string }).session;
}

describe('an instance whose Redis is down', () => {
  let running: RunningServer;
  let dataDir: string;
  before(async () => {
    ({ running, dataDir } = await start(DEAD_REDIS_URL));
  });
  after(async () => {
    await running.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is alive but not ready, and names Redis as the reason', async () => {
    const alive = await fetch(`${running.url}/healthz`);
    const ready = await fetch(`${running.url}/readyz`);
    const body = (await ready.json()) as { error: { code: string; message: string } };

    assert.equal(alive.status, 200);
    assert.equal(ready.status, 503);
    assert.equal(body.error.code, 'not_ready');
    assert.match(body.error.message, /redis not available/);
  });

  it('refuses a note with 503 writes_unavailable before accepting it', async () => {
    const session = await openSession(running);
    const response = await fetch(`${running.url}/api/v1/orders/100/notes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session}`,
        'content-type': 'application/json',
        'idempotency-key': 'note-redis-down-1',
      },
      body: JSON.stringify({ text: 'Customer called about the delivery.' }),
    });
    const body = (await response.json()) as { error: { code: string; correlationId: string } };

    assert.equal(response.status, 503);
    assert.equal(body.error.code, 'writes_unavailable');
    assert.ok(body.error.correlationId);
  });

  it('refuses a status change with 503 writes_unavailable', async () => {
    const session = await openSession(running);
    const response = await fetch(`${running.url}/api/v1/orders/100/status`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session}`,
        'content-type': 'application/json',
        'idempotency-key': 'status-redis-down-1',
      },
      body: JSON.stringify({ statusId: 5, expectedStatusId: 11, reason: 'Customer asked to cancel.' }),
    });
    const body = (await response.json()) as { error: { code: string } };

    assert.equal(response.status, 503);
    assert.equal(body.error.code, 'writes_unavailable');
  });
});

describe('an instance with Redis', { skip: skipUnlessRedis }, () => {
  let running: RunningServer;
  let dataDir: string;
  before(async () => {
    ({ running, dataDir } = await start(REDIS_TEST_URL));
  });
  after(async () => {
    await running.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready with Redis among its checks', async () => {
    const response = await fetch(`${running.url}/readyz`);
    const body = (await response.json()) as { checks: { services: unknown } };

    assert.equal(response.status, 200);
    assert.deepEqual(body.checks.services, { redis: 'ok' });
  });
});
