import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Router } from 'express';
import { signEmbedTokenFor } from '../../../bff/src/auth/sign-embed-token.js';
import { getSession } from '../../../bff/src/auth/sessions.js';
import { ConfigError } from '../../../bff/src/config.js';
import { startServer, type RunningServer } from '../../../bff/src/server.js';
import { createLogCapture, EMBED_SECRET } from './harness.js';

function sandboxEnv(dataDir: string): NodeJS.ProcessEnv {
  return { PORT: '0', DATA_DIR: dataDir, EMBED_SECRET, LOG_LEVEL: 'info' };
}

async function openSession(running: RunningServer, token: string): Promise<Response> {
  return fetch(`${running.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
}

describe('startServer in sandbox mode', () => {
  let dataDir: string;
  let running: RunningServer;
  const logs = createLogCapture();
  const events: string[] = [];
  let release: () => void = () => undefined;
  const slow = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived: () => void = () => undefined;
  const slowArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-server-'));
    running = await startServer(sandboxEnv(dataDir), {
      logDestination: logs.stream,
      defaultMetrics: false,
      extend: (ctx) => {
        const api = Router();
        api.get('/probe/me', (_req, res) => {
          res.json({ ticket: getSession(res).ticket, store: getSession(res).storeKey });
        });
        const pages = Router();
        pages.get('/probe/slow', async (_req, res) => {
          arrived();
          await slow;
          res.json({ done: true });
        });
        return {
          apiRouters: [api],
          routers: [pages],
          start: () => {
            events.push('start');
          },
          stop: async () => {
            events.push(`stop (db ok: ${String(await ctx.store.check())})`);
          },
        };
      },
    });
  });
  after(async () => {
    await running.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the sandbox, says so in the log, and serves its stores as eu/us', async () => {
    assert.ok(running.sandbox);
    assert.deepEqual(Object.keys(running.config.stores), ['eu', 'us']);
    assert.equal(running.config.stores.eu?.apiUrl, running.sandbox.url);
    assert.ok(
      logs
        .lines()
        .some((line) =>
          String(line.msg).startsWith('SANDBOX MODE: BigCommerce sandbox at http://127.0.0.1:'),
        ),
    );
    assert.deepEqual(events, ['start']);
  });

  it('is ready once the database and both sandbox stores answer', async () => {
    const response = await fetch(`${running.url}/readyz`);

    assert.equal(response.status, 200);
    assert.deepEqual(((await response.json()) as { checks: unknown }).checks, {
      database: 'ok',
      stores: { eu: 'ok', us: 'ok' },
    });
  });

  it('opens a sandbox session and serves extension routers behind it', async () => {
    const token = await signEmbedTokenFor(running.config, {
      agent: 'alice',
      ticket: 'T-1001',
      market: 'us',
      scope: 'orders:read',
    });

    const opened = await openSession(running, token);
    const body = (await opened.json()) as { session: string; sandbox: boolean; market: { id: string } };
    const me = await fetch(`${running.url}/api/v1/probe/me`, {
      headers: { authorization: `Bearer ${body.session}` },
    });

    assert.equal(opened.status, 201);
    assert.equal(body.sandbox, true);
    assert.equal(body.market.id, 'us');
    assert.deepEqual(await me.json(), { ticket: 'T-1001', store: 'us' });
  });

  it('never logs the sandbox access tokens', () => {
    for (const store of running.sandbox?.stores ?? []) assert.ok(!logs.text().includes(store.token));
  });

  it('shuts down in order: finishes running requests, refuses new ones, then stops extensions before the database', async () => {
    const inFlight = fetch(`${running.url}/probe/slow`);
    await slowArrived;

    const closing = running.close();
    const refused = await fetch(`${running.url}/healthz`).then(
      (response) => response.status,
      () => 'connection refused',
    );
    release();
    const finished = await inFlight;
    await closing;

    assert.ok(refused === 'connection refused' || refused === 503, String(refused));
    assert.equal(finished.status, 200);
    assert.deepEqual(events, ['start', 'stop (db ok: true)']);
    assert.equal(await running.context.store.check(), false);
    await running.close();
  });
});

describe('startServer across a restart', () => {
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-restart-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('still refuses a token used before the restart', async () => {
    const options = { productExtensions: false, defaultMetrics: false } as const;
    const env = { ...sandboxEnv(dataDir), LOG_LEVEL: 'silent' };
    const first = await startServer(env, options);
    const token = await signEmbedTokenFor(first.config, {
      agent: 'alice',
      ticket: 'T-1',
      scope: 'orders:read',
    });
    assert.equal((await openSession(first, token)).status, 201);
    await first.close();

    const second = await startServer(env, options);
    const replay = await openSession(second, token);
    await second.close();

    assert.equal(replay.status, 401);
    assert.equal(((await replay.json()) as { error: { code: string } }).error.code, 'token_replayed');
  });
});

describe('startServer with a bad configuration', () => {
  it('rejects with the ConfigError and leaves nothing running', async () => {
    await assert.rejects(
      startServer({ BIGCOMMERCE_STORE_HASH: 'abc123', PORT: '0', LOG_LEVEL: 'silent' }),
      (error) => error instanceof ConfigError && /BIGCOMMERCE_ACCESS_TOKEN/.test(error.message),
    );
  });

  it('makes `node bff/src/server.ts` print the message and exit 1', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bff/src/server.ts'], {
      env: { PATH: process.env.PATH, BIGCOMMERCE_ACCESS_TOKEN: 'tok', EMBED_SECRET },
      encoding: 'utf8',
      timeout: 30_000,
    });

    assert.equal(result.status, 1);
    assert.match(result.stderr, /Configuration error/);
    assert.match(
      result.stderr,
      /environment: BIGCOMMERCE_STORE_HASH: is not set, but BIGCOMMERCE_ACCESS_TOKEN is/,
    );
    assert.ok(!result.stderr.includes('tok\n'));
  });
});
